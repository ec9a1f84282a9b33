import RxData
import RxStats

/// Writes the `rxatlas measures` tables: `values.csv` (every measure × level × organisation ×
/// month, with OpenPrescribing's percentile, the value's confidence interval, and `calc_value`,
/// the value as OpenPrescribing stores it: numerator / denominator, a fraction for a
/// percentage) and
/// `deciles.csv` (per measure × level × nation × month: a period holding two nations' prescribing
/// has each nation's deciles, and each unit's percentile is among its own nation's units).
///
/// Confidence intervals: Wilson for a percentage of item counts; exact Poisson below 10 events and
/// Byar's from 10 for item counts per 1,000 patients; none for costs, quantities or ratios of two
/// prescribing totals (their intervals are not defined by counting). Undefined values are empty.
public enum MeasureOutput {
    /// The `values.csv` header.
    public static let valuesHeader = ["measure", "level", "org_code", "org_name", "month", "numerator", "denominator",
                                      "value", "percentile", "lower95", "upper95", "calc_value"]
    /// The `deciles.csv` header.
    public static let decilesHeader = ["measure", "level", "nation", "month", "p10", "p20", "p30", "p40", "p50", "p60", "p70", "p80", "p90"]

    /// The `savings.csv` header (one row per organisation and month, pounds at each decile).
    public static let savingsHeader = ["measure", "level", "org_code", "org_name", "month"] + (1...9).map { "saving_p\($0 * 10)" }
    /// The `savings_totals.csv` header (per level and month, positive savings only).
    public static let savingsTotalsHeader = ["measure", "level", "nation", "month"] + (1...9).map { "total_p\($0 * 10)" }

    /// Level names as written in outputs and accepted on the command line.
    public static func levelName(_ level: OrgLevel) -> String { level == .subICB ? "sub-icb" : level.rawValue }

    /// Parses a level name (`practice`, `pcn`, `sub-icb`, `icb`, `region`, `nation`).
    public static func level(named name: String) -> OrgLevel? {
        name == "sub-icb" ? .subICB : OrgLevel(rawValue: name)
    }

    /// Writes the tables into `directory` (created if needed), each file atomically:
    /// `values.csv`, `deciles.csv` and, when any measure is cost-based with a cost numerator,
    /// `savings.csv` and `savings_totals.csv`.
    ///
    /// Measure × level tables are formatted in parallel, a round of a few tables at a time, into
    /// byte buffers (``RxData/CSVBuffer``) that are reused from round to round; each round is
    /// written in table order while the next is formatted, so memory stays at a few tables' worth
    /// however large the output.
    public static func write(_ tables: [MeasureValues], definitions: [MeasureDefinition], to directory: String) throws {
        try FileSystem.createDirectory(directory)
        let byID = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let work = tables.compactMap { t in byID[t.measureID].map { (table: t, definition: $0) } }
        let costed = work.contains { MeasureSavings.applies(to: $0.definition) }
        var paths = [directory + "/values.csv", directory + "/deciles.csv"]
        var headers = [valuesHeader, decilesHeader]
        if costed {
            paths += [directory + "/savings.csv", directory + "/savings_totals.csv"]
            headers += [savingsHeader, savingsTotalsHeader]
        }
        try AtomicFile.withWriters(paths, durability: .renameOnly) { writers in
            for (w, h) in zip(writers, headers) { try w.write(CSVWriter.line(h)) }
            // Two sets of buffers: while one round is written (on a serial queue, in table
            // order), the next is formatted into the other set on every core.
            let round = 12
            let sets = (0..<2).map { _ in (0..<round).map { _ in (0..<4).map { _ in CSVBuffer(capacity: 1 << 16) } } }
            let pending = [DispatchGroup(), DispatchGroup()]
            let queue = DispatchQueue(label: "rxatlas.measure-output")
            let failure = FirstError()
            nonisolated(unsafe) let files = writers
            for (r, start) in stride(from: 0, to: work.count, by: round).enumerated() {
                let set = sets[r % 2], group = pending[r % 2]
                group.wait()
                try failure.rethrow()
                let n = min(round, work.count - start)
                _ = try KernelParallel.map(n) { k in
                    set[k].forEach { $0.reset() }
                    format(work[start + k].table, definition: work[start + k].definition, into: set[k])
                }
                group.enter()
                queue.async {
                    defer { group.leave() }
                    failure.record {
                        for k in 0..<n {
                            for (w, b) in zip(files, set[k]) { try b.withBytes { try w.write($0) } }
                        }
                    }
                }
            }
            pending.forEach { $0.wait() }
            try failure.rethrow()
        }
    }

    /// Formats one measure × level into `out` (values, deciles, savings, savings totals):
    /// values with percentiles and intervals, deciles, and savings for a cost measure.
    static func format(_ t: MeasureValues, definition def: MeasureDefinition, into out: [CSVBuffer]) {
        let T = t.months.count
        let percentiles = t.percentiles()
        let (lower, upper) = intervals(t, definition: def)
        let scale = def.isPercentage ? 100.0 : 1.0
        let head = CSVBuffer.preformatted([def.id, levelName(t.level)])
        let nationHead = CSVBuffer.preformatted([def.id, levelName(t.level), t.nation ?? ""])
        let unitFields = t.orgCodes.indices.map { CSVBuffer.preformatted([t.orgCodes[$0], t.orgNames[$0] ?? ""]) }
        let monthFields = t.months.map { CSVBuffer.preformatted([$0.description]) }

        let values = out[0]
        for u in t.orgCodes.indices {
            for m in 0..<T {
                let i = u * T + m
                values.fields(head); values.fields(unitFields[u]); values.fields(monthFields[m])
                values.number(t.numerator[i]); values.number(t.denominator[i])
                values.number(t.value[i]); values.number(percentiles[i]); values.number(lower[i]); values.number(upper[i])
                values.number(t.value[i] / scale)
                values.endRow()
            }
        }
        let deciles = out[1]
        for (m, d) in t.deciles().enumerated() {
            deciles.fields(nationHead); deciles.fields(monthFields[m])
            for v in d { deciles.number(v) }
            deciles.endRow()
        }
        guard MeasureSavings.applies(to: def) else { return }

        let s = MeasureSavings(t, population: MeasureSavings.population(for: def))
        let rows = out[2]
        for u in s.orgCodes.indices {
            for m in 0..<T {
                let i = u * T + m
                guard !s.saving(i, decile: 0).isNaN else { continue }
                rows.fields(head); rows.fields(unitFields[u]); rows.fields(monthFields[m])
                for k in 0..<9 { rows.money(s.saving(i, decile: k)) }
                rows.endRow()
            }
        }
        let totals = out[3]
        for (m, total) in s.totals.enumerated() {
            totals.fields(nationHead); totals.fields(monthFields[m])
            for v in total { totals.money(v) }
            totals.endRow()
        }
    }

    /// The same tables as ``write(_:definitions:to:)`` writes, as typed ``RxData/ResultTable``s
    /// for the SQLite and JSON writers: `values` and `deciles`, and for cost-based measures with a
    /// cost numerator `savings` and `savings_totals` (column names as in the CSV headers above).
    public static func tables(_ tables: [MeasureValues], definitions: [MeasureDefinition]) -> [ResultTable] {
        let byID = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [[ResultValue]] = []
        var decileRows: [[ResultValue]] = []
        var savingRows: [[ResultValue]] = []
        var totalRows: [[ResultValue]] = []
        for t in tables {
            guard let def = byID[t.measureID] else { continue }
            let percentiles = t.percentiles()
            let (lower, upper) = intervals(t, definition: def)
            let key = { (u: Int, m: Int) -> [ResultValue] in
                [.text(def.id), .text(levelName(t.level)), .text(t.orgCodes[u]), .text(t.orgNames[u] ?? ""), .text(t.months[m].description)]
            }
            for u in t.orgCodes.indices {
                for m in t.months.indices {
                    let i = t.index(unit: u, month: m)
                    rows.append(key(u, m) + [.number(t.numerator[i]), .number(t.denominator[i]), .number(t.value[i]),
                                             .number(percentiles[i]), .number(lower[i]), .number(upper[i]),
                                             .number(t.value[i] / (def.isPercentage ? 100 : 1))])
                }
            }
            for (m, d) in t.deciles().enumerated() {
                decileRows.append([.text(def.id), .text(levelName(t.level)), .text(t.nation ?? ""), .text(t.months[m].description)]
                                  + d.map { .number($0) })
            }
            guard MeasureSavings.applies(to: def) else { continue }
            let s = MeasureSavings(t, population: MeasureSavings.population(for: def))
            for u in s.orgCodes.indices {
                for m in s.months.indices {
                    let i = t.index(unit: u, month: m)
                    guard !s.saving(i, decile: 0).isNaN else { continue }
                    savingRows.append(key(u, m) + (0..<9).map { .number(s.saving(i, decile: $0)) })
                }
            }
            for (m, total) in s.totals.enumerated() {
                totalRows.append([.text(def.id), .text(levelName(t.level)), .text(t.nation ?? ""), .text(s.months[m].description)]
                                 + total.map { .number($0) })
            }
        }
        func columns(_ names: [String], _ types: [ResultColumnType]) -> [ResultColumn] {
            zip(names, types).map { ResultColumn($0, $1) }
        }
        let key: [ResultColumnType] = [.text, .text, .text, .text, .text]
        var out = [
            ResultTable(name: "values", columns: columns(valuesHeader, key + Array(repeating: .real, count: 7)), rows: rows),
            ResultTable(name: "deciles", columns: columns(decilesHeader, [.text, .text, .text, .text] + Array(repeating: .real, count: 9)),
                        rows: decileRows),
        ]
        if tables.contains(where: { byID[$0.measureID].map(MeasureSavings.applies) ?? false }) {
            out.append(ResultTable(name: "savings", columns: columns(savingsHeader, key + Array(repeating: .pounds, count: 9)),
                                   rows: savingRows))
            out.append(ResultTable(name: "savings_totals",
                                   columns: columns(savingsTotalsHeader, [.text, .text, .text, .text] + Array(repeating: .pounds, count: 9)),
                                   rows: totalRows))
        }
        return out
    }

    /// Writes result tables into `directory` (created if needed) as `<name>.csv`, each atomically.
    public static func writeCSV(_ tables: [ResultTable], to directory: String) throws {
        try FileSystem.createDirectory(directory)
        for table in tables { try CSVWriter.write(table, to: directory + "/" + table.name + ".csv") }
    }

    /// Every defined value's 95% interval where counting defines one (see the type's notes);
    /// NaN elsewhere.
    static func intervals(_ t: MeasureValues, definition def: MeasureDefinition) -> (lower: [Double], upper: [Double]) {
        let n = t.value.count
        var lower = [Double](repeating: .nan, count: n), upper = lower
        guard def.numerator.quantity == .items else { return (lower, upper) }
        let whole = { (i: Int) in t.status[i] == .defined && t.numerator[i] == t.numerator[i].rounded() }
        if def.isPercentage && def.denominator.quantity == .items {
            for i in 0..<n where whole(i) && t.numerator[i] <= t.denominator[i] {
                if let w = try? WilsonInterval.interval(numerator: t.numerator[i], denominator: t.denominator[i],
                                                        confidence: 0.95, multiplier: 100) {
                    lower[i] = w.lower ?? .nan
                    upper[i] = w.upper ?? .nan
                }
            }
        } else if def.denominator.quantity == .listSize {
            let counts = (0..<n).map { whole($0) && t.denominator[$0] > 0 ? t.numerator[$0] : .nan }
            let people = (0..<n).map { t.denominator[$0] > 0 ? t.denominator[$0] * 1000 : .nan }
            if let b = try? RateInterval.intervals(counts: counts, denominators: people, confidence: 0.95, multiplier: 1000) {
                lower = b.lower
                upper = b.upper
            }
        }
        return (lower, upper)
    }

    /// Pounds to the penny, as ``RxData/CSVBuffer/money(_:)`` writes them.
    static func money(_ v: Double) -> String { CSVWriter.pounds(v) }
}

import Foundation

/// The first error of work done on other threads, rethrown on the caller's.
final class FirstError: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?

    /// Runs `body` unless an error is already recorded, recording the error it throws.
    func record(_ body: () throws -> Void) {
        lock.lock()
        let failed = error != nil
        lock.unlock()
        guard !failed else { return }
        do { try body() } catch {
            lock.lock()
            if self.error == nil { self.error = error }
            lock.unlock()
        }
    }

    /// Throws the recorded error, if any.
    func rethrow() throws {
        lock.lock()
        defer { lock.unlock() }
        if let error { throw error }
    }
}

/// Directory creation for outputs.
enum FileSystem {
    static func createDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
