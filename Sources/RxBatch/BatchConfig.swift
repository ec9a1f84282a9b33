import Foundation
import RxAtlas
import RxData
import RxStats
import TOMLKit

/// A batch run's configuration, read from a TOML file (see docs/BATCH.md):
///
/// ```toml
/// output = "out/batch"
/// max_parallel = 2
/// memory_limit = "4GB"
///
/// [stores]
/// england = "store"
///
/// [[analysis]]
/// name = "icb-maps"
/// kind = "charts"
/// store = "england"
/// measures = ["ics_high_dose"]
/// levels = ["icb"]
/// period = { from = "2020-01", to = "2024-12", window = 12 }
/// ```
///
/// Relative paths are relative to the config file's directory. Every error names the key at fault.
public struct BatchConfig: Sendable {
    /// The directory holding every job's outputs and `batch-manifest.json`.
    public var output: String
    /// Most jobs running at once.
    public var maxParallel: Int
    /// Most bytes of store snapshots the running jobs may map at once (nil: no limit).
    public var memoryLimit: Int64?
    /// Store directories by name.
    public var stores: [String: String]
    /// The stores built from input files before the jobs run, by name (see ``BatchIngest``).
    public var ingests: [String: BatchIngest] = [:]
    /// The analyses, in config order.
    public var analyses: [BatchAnalysis]

    /// Reads and checks the config at `path`.
    public static func read(path: String) throws -> BatchConfig {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw BatchConfigError(file: path, key: "", reason: "cannot read: \(error.localizedDescription)")
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(text, file: path, baseDirectory: base)
    }

    /// Parses and checks config text; `file` names it in errors, relative paths resolve against
    /// `baseDirectory`.
    public static func parse(_ text: String, file: String, baseDirectory: String) throws -> BatchConfig {
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch let e as TOMLParseError {
            throw BatchConfigError(file: file, key: "line \(e.source.begin.line), column \(e.source.begin.column)", reason: e.description)
        }
        var p = BatchConfigParser(file: file, base: baseDirectory)
        return try p.config(root)
    }
}

/// Reads typed values from TOML tables, naming the key path in every error.
struct BatchConfigParser {
    let file: String
    let base: String

    func fail(_ key: String, _ reason: String) -> BatchConfigError { BatchConfigError(file: file, key: key, reason: reason) }

    func path(_ p: String) -> String {
        p.hasPrefix("/") ? p : URL(fileURLWithPath: base).appendingPathComponent(p).standardizedFileURL.path
    }

    func checkKeys(_ t: TOMLTable, at prefix: String, allowed: Set<String>) throws {
        for k in t.keys.sorted() where !allowed.contains(k) {
            throw fail(join(prefix, k), "unknown key (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func join(_ prefix: String, _ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }

    func string(_ t: TOMLTable, _ key: String, at prefix: String) throws -> String? {
        guard let v = t[key] else { return nil }
        guard let s = v.string else { throw fail(join(prefix, key), "expected a string, found \(v.type)") }
        return s
    }

    func requiredString(_ t: TOMLTable, _ key: String, at prefix: String) throws -> String {
        guard let s = try string(t, key, at: prefix) else { throw fail(join(prefix, key), "missing (required)") }
        return s
    }

    func int(_ t: TOMLTable, _ key: String, at prefix: String, min: Int) throws -> Int? {
        guard let v = t[key] else { return nil }
        guard let i = v.int else { throw fail(join(prefix, key), "expected an integer, found \(v.type)") }
        guard i >= min else { throw fail(join(prefix, key), "must be at least \(min), not \(i)") }
        return i
    }

    func double(_ t: TOMLTable, _ key: String, at prefix: String) throws -> Double? {
        guard let v = t[key] else { return nil }
        if let d = v.double { return d }
        if let i = v.int { return Double(i) }
        throw fail(join(prefix, key), "expected a number, found \(v.type)")
    }

    func strings(_ t: TOMLTable, _ key: String, at prefix: String) throws -> [String] {
        guard let v = t[key] else { return [] }
        if let s = v.string { return [s] }
        guard let a = v.array else { throw fail(join(prefix, key), "expected an array of strings, found \(v.type)") }
        return try a.enumerated().map { i, e in
            guard let s = e.string else { throw fail(join(prefix, key) + "[\(i)]", "expected a string, found \(e.type)") }
            return s
        }
    }

    func month(_ t: TOMLTable, _ key: String, at prefix: String) throws -> YearMonth? {
        guard let s = try string(t, key, at: prefix) else { return nil }
        guard let m = YearMonth(parsing: s) else { throw fail(join(prefix, key), "not a month (YYYY-MM): '\(s)'") }
        return m
    }

    /// Bytes from an integer or a string such as "512MB", "4GB", "4GiB".
    func bytes(_ t: TOMLTable, _ key: String) throws -> Int64? {
        guard let v = t[key] else { return nil }
        if let i = v.int, i > 0 { return Int64(i) }
        guard let s = v.string else { throw fail(key, "expected a size such as \"4GB\" or a number of bytes") }
        let text = s.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Double)] = [("GIB", 1_073_741_824), ("MIB", 1_048_576), ("KIB", 1024), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3), ("B", 1)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            if let n = Double(text.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)), n > 0 { return Int64(n * scale) }
            break
        }
        throw fail(key, "not a size: '\(s)' (e.g. \"512MB\", \"4GB\")")
    }

    mutating func config(_ root: TOMLTable) throws -> BatchConfig {
        try checkKeys(root, at: "", allowed: ["output", "max_parallel", "memory_limit", "stores", "analysis"])
        let output = path(try requiredString(root, "output", at: ""))
        let maxParallel = try int(root, "max_parallel", at: "", min: 1) ?? ProcessInfo.processInfo.activeProcessorCount
        let memoryLimit = try bytes(root, "memory_limit")
        guard let storesValue = root["stores"] else { throw fail("stores", "missing (required): a table of store names and directories") }
        guard let storesTable = storesValue.table else { throw fail("stores", "expected a table of name = \"directory\"") }
        var stores: [String: String] = [:]
        var ingests: [String: BatchIngest] = [:]
        for k in storesTable.keys {
            if let s = storesTable[k]?.string {
                stores[k] = path(s)
            } else if let t = storesTable[k]?.table {
                let ingest = try self.ingest(t, at: "stores.\(k)")
                stores[k] = ingest.storePath
                ingests[k] = ingest
            } else {
                throw fail("stores.\(k)", "expected a directory path string, or a table with path and inputs")
            }
        }
        guard let list = root["analysis"]?.array, !list.isEmpty else {
            throw fail("analysis", "missing (required): at least one [[analysis]] table")
        }
        var analyses: [BatchAnalysis] = []
        var names = Set<String>()
        for (i, v) in list.enumerated() {
            let prefix = "analysis[\(i)]"
            guard let t = v.table else { throw fail(prefix, "expected a table") }
            let a = try analysis(t, at: prefix, stores: stores)
            guard names.insert(a.name).inserted else { throw fail(prefix + ".name", "'\(a.name)' is used by another analysis") }
            analyses.append(a)
        }
        var config = BatchConfig(output: output, maxParallel: maxParallel, memoryLimit: memoryLimit, stores: stores, analyses: analyses)
        config.ingests = ingests
        return config
    }

    /// A store built from input files: `path`, `inputs` (globs), `list_sizes`, `orgs`, `code_mapping`.
    func ingest(_ t: TOMLTable, at prefix: String) throws -> BatchIngest {
        try checkKeys(t, at: prefix, allowed: ["path", "inputs", "list_sizes", "orgs", "code_mapping"])
        func files(_ key: String) throws -> [String] {
            try strings(t, key, at: prefix).enumerated().flatMap { i, pattern -> [String] in
                let found = BatchIngest.expand(path(pattern))
                guard !found.isEmpty, found.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) else {
                    throw fail(prefix + ".\(key)[\(i)]", "no file matches '\(pattern)'")
                }
                return found
            }
        }
        func file(_ key: String) throws -> String? {
            guard let s = try string(t, key, at: prefix) else { return nil }
            guard FileManager.default.fileExists(atPath: path(s)) else { throw fail(prefix + "." + key, "no such file '\(s)'") }
            return path(s)
        }
        let inputs = try files("inputs")
        guard !inputs.isEmpty else { throw fail(prefix + ".inputs", "missing (required): the prescribing files to ingest") }
        return BatchIngest(storePath: path(try requiredString(t, "path", at: prefix)), inputs: inputs,
                           listSizes: try files("list_sizes"), orgs: try file("orgs"), codeMapping: try file("code_mapping"))
    }

    static let commonKeys: Set<String> = ["name", "kind", "store", "levels", "period", "outputs"]
    static let kindKeys: [BatchAnalysisKind: Set<String>] = [
        .measures: ["measures", "definitions", "min_list_size"],
        .atlas: ["measures", "definitions", "min_list_size"],
        .charts: ["measures", "definitions", "min_list_size", "boundaries", "boundary_key", "boundary_name"],
        .biosimilars: ["catalogue", "molecules", "cost_basis", "target_uptake"],
        .steroids: ["overdispersion", "min_items", "min_list_size", "persistence"],
        .outliers: ["top"],
        .report: ["min_list_size", "boundaries", "boundary_key", "boundary_name"],
    ]

    func analysis(_ t: TOMLTable, at prefix: String, stores: [String: String]) throws -> BatchAnalysis {
        let kindName = try requiredString(t, "kind", at: prefix)
        guard let kind = BatchAnalysisKind(rawValue: kindName) else {
            throw fail(prefix + ".kind", "unknown analysis '\(kindName)' (expected one of: \(BatchAnalysisKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        try checkKeys(t, at: prefix, allowed: Self.commonKeys.union(Self.kindKeys[kind]!))
        let name = try requiredString(t, "name", at: prefix)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }), name.first != "." else {
            throw fail(prefix + ".name", "'\(name)' must be letters, digits, '-', '_' or '.' (it names the output directory)")
        }
        let storeName = try requiredString(t, "store", at: prefix)
        guard let storePath = stores[storeName] else {
            throw fail(prefix + ".store", "no store named '\(storeName)' in [stores] (known: \(stores.keys.sorted().joined(separator: ", ")))")
        }
        var a = BatchAnalysis(name: name, kind: kind, storeName: storeName, storePath: storePath,
                              levels: try levels(t, at: prefix, kind: kind), period: try period(t, at: prefix),
                              outputs: try outputs(t, at: prefix, kind: kind))
        if let n = try int(t, "min_list_size", at: prefix, min: 0) { a.minListSize = Int64(n) }
        switch kind {
        case .measures, .atlas, .charts:
            a.definitionFiles = try strings(t, "definitions", at: prefix).map(path)
            var defs: [MeasureDefinition]
            do {
                defs = a.definitionFiles.isEmpty ? try MeasureLibrary.builtIn() : try MeasureLibrary.load(paths: a.definitionFiles)
            } catch { throw fail(prefix + ".definitions", "\(error)") }
            let ids = try strings(t, "measures", at: prefix)
            let known = Set(defs.map(\.id))
            for (i, id) in ids.enumerated() where !known.contains(id) {
                throw fail(prefix + ".measures[\(i)]", "unknown measure id '\(id)'")
            }
            if !ids.isEmpty { defs = defs.filter { ids.contains($0.id) } }
            a.definitions = defs
            a.boundaries = try string(t, "boundaries", at: prefix).map(path)
            a.boundaryKey = try string(t, "boundary_key", at: prefix)
            a.boundaryName = try string(t, "boundary_name", at: prefix)
            if (a.boundaries == nil) != (a.boundaryKey == nil) {
                throw fail(prefix + (a.boundaries == nil ? ".boundaries" : ".boundary_key"), "boundaries and boundary_key go together")
            }
        case .biosimilars:
            a.catalogue = try string(t, "catalogue", at: prefix).map(path)
            a.molecules = try strings(t, "molecules", at: prefix)
            if let s = try string(t, "cost_basis", at: prefix) {
                do throws(OptionValueError) { a.costBasis = try AnalysisOptionValues.costBasis(s) } catch { throw fail(prefix + ".cost_basis", error.what) }
            }
            if let u = try double(t, "target_uptake", at: prefix) {
                guard (0...1).contains(u) else { throw fail(prefix + ".target_uptake", "must be between 0 and 1, not \(u)") }
                a.targetUptake = u
            }
        case .steroids:
            if let s = try string(t, "overdispersion", at: prefix) {
                do throws(OptionValueError) { a.overdispersion = try AnalysisOptionValues.overdispersion(s) } catch { throw fail(prefix + ".overdispersion", error.what) }
            }
            if let m = try double(t, "min_items", at: prefix) { a.minItems = m }
            if let s = try string(t, "persistence", at: prefix) {
                do throws(OptionValueError) { a.persistence = try AnalysisOptionValues.persistence(s) } catch { throw fail(prefix + ".persistence", error.what) }
            }
        case .outliers:
            if let n = try int(t, "top", at: prefix, min: 1) { a.top = n }
        case .report:
            a.boundaries = try string(t, "boundaries", at: prefix).map(path)
            a.boundaryKey = try string(t, "boundary_key", at: prefix)
            a.boundaryName = try string(t, "boundary_name", at: prefix)
            if (a.boundaries == nil) != (a.boundaryKey == nil) {
                throw fail(prefix + (a.boundaries == nil ? ".boundaries" : ".boundary_key"), "boundaries and boundary_key go together")
            }
        }
        return a
    }

    func levels(_ t: TOMLTable, at prefix: String, kind: BatchAnalysisKind) throws -> [OrgLevel] {
        let names = try strings(t, "levels", at: prefix)
        let allowed: [OrgLevel] = kind == .steroids || kind == .outliers || kind == .report
            ? AnalysisOptionValues.outlierLevels : OrgLevel.allCases
        if names.isEmpty { return allowed }
        return try names.enumerated().map { i, n in
            do throws(OptionValueError) { return try AnalysisOptionValues.level(n, allowed: allowed) } catch { throw fail(prefix + ".levels[\(i)]", error.what) }
        }
    }

    func period(_ t: TOMLTable, at prefix: String) throws -> BatchPeriod {
        guard let v = t["period"] else { return BatchPeriod() }
        let key = prefix + ".period"
        guard let p = v.table else { throw fail(key, "expected a table such as { from = \"2020-01\", to = \"2024-12\", window = 12 }") }
        try checkKeys(p, at: key, allowed: ["from", "to", "last", "window", "step"])
        let period = BatchPeriod(from: try month(p, "from", at: key), to: try month(p, "to", at: key),
                                 last: try int(p, "last", at: key, min: 1), window: try int(p, "window", at: key, min: 1),
                                 step: try int(p, "step", at: key, min: 1) ?? 1)
        if let f = period.from, let to = period.to, f > to { throw fail(key + ".from", "\(f) is after to \(to)") }
        if period.from != nil, period.last != nil { throw fail(key + ".last", "give from or last, not both") }
        return period
    }

    func outputs(_ t: TOMLTable, at prefix: String, kind: BatchAnalysisKind) throws -> Set<BatchAnalysis.Output> {
        let names = try strings(t, "outputs", at: prefix)
        var out: Set<BatchAnalysis.Output> = [.csv]
        for (i, n) in names.enumerated() {
            guard let o = BatchAnalysis.Output(rawValue: n) else {
                throw fail(prefix + ".outputs[\(i)]", "unknown output '\(n)' (expected csv, sqlite or json)")
            }
            if o != .csv, kind != .measures, kind != .atlas {
                throw fail(prefix + ".outputs[\(i)]", "\(n) output is available for measures and atlas analyses only")
            }
            out.insert(o)
        }
        return out
    }
}
