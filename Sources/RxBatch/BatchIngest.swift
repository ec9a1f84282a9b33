import Foundation
import RxData
import RxReference

/// A store the batch builds from input files before any job runs, so a config can name raw
/// EPD/PDPI/PHS files instead of a ready store:
///
/// ```toml
/// [stores.fresh]
/// path = "stores/fresh"                       # the store directory (created if missing)
/// inputs = ["data/epd_2024*.csv.gz"]         # prescribing files; globs allowed
/// list_sizes = ["data/list_sizes_*.csv.gz"]  # optional
/// orgs = "data/orgs.csv.gz"                  # optional org mapping
/// code_mapping = "data/bnf_code_changes.csv" # optional
/// ```
///
/// The ingest is `rxatlas ingest` (``RxData/StoreIngest``) and is skipped when the store already
/// records every input file's checksum in its provenance, so an unchanged batch re-run does not
/// re-read gigabytes of CSV; a changed or added file re-ingests (a month is replaced, never
/// added twice).
public struct BatchIngest: Sendable, Equatable {
    /// The store directory.
    public var storePath: String
    /// Prescribing files, globs expanded, in order.
    public var inputs: [String]
    /// List-size files, globs expanded.
    public var listSizes: [String]
    /// The org mapping file.
    public var orgs: String?
    /// The BNF code mapping file.
    public var codeMapping: String?

    /// Every input file.
    public var files: [String] { inputs + listSizes + [orgs, codeMapping].compactMap { $0 } }

    /// Ingests unless the store already records every input; returns whether it ingested.
    public func run(softwareVersion: String, progress: ProgressReporter = .silent) throws -> Bool {
        let digests = try files.map { try ProvenanceEntry.InputFile(describing: $0).checksum }
        if FileManager.default.fileExists(atPath: storePath + "/store.json") {
            let recorded = Set(try Store.open(at: storePath).manifest().ingests.flatMap { $0.inputs.map(\.checksum) })
            if digests.allSatisfy(recorded.contains) { return false }
        }
        var options = IngestOptions(files: inputs, listSizes: listSizes, orgMapping: orgs, codeMapping: codeMapping,
                                    softwareVersion: softwareVersion)
        options.areaReference = try ScottishGeography.reference()
        _ = try StoreIngest(options: options).run(store: storePath, progress: { progress.message($0, level: .detail) })
        return true
    }

    /// The files a glob pattern names, sorted; a pattern without wildcards is the path itself.
    static func expand(_ pattern: String) -> [String] {
        guard pattern.contains(where: { "*?[".contains($0) }) else { return [pattern] }
        var g = glob_t()
        defer { globfree(&g) }
        guard glob(pattern, 0, nil, &g) == 0 else { return [] }
        return (0..<Int(g.gl_pathc)).compactMap { g.gl_pathv[$0].map { String(cString: $0) } }.sorted()
    }
}
