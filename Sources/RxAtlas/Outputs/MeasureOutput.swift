import RxData
import RxStats

/// Writes the `rxatlas measures` tables: `values.csv` (every measure × level × organisation ×
/// month, with OpenPrescribing's percentile and the value's confidence interval) and
/// `deciles.csv` (per measure × level × month).
///
/// Confidence intervals: Wilson for a percentage of item counts; exact Poisson below 10 events and
/// Byar's from 10 for item counts per 1,000 patients; none for costs, quantities or ratios of two
/// prescribing totals (their intervals are not defined by counting). Undefined values are empty.
public enum MeasureOutput {
    /// The `values.csv` header.
    public static let valuesHeader = ["measure", "level", "org_code", "org_name", "month", "numerator", "denominator",
                                      "value", "percentile", "lower95", "upper95"]
    /// The `deciles.csv` header.
    public static let decilesHeader = ["measure", "level", "month", "p10", "p20", "p30", "p40", "p50", "p60", "p70", "p80", "p90"]

    /// The `savings.csv` header (one row per organisation and month, pounds at each decile).
    public static let savingsHeader = ["measure", "level", "org_code", "org_name", "month"] + (1...9).map { "saving_p\($0 * 10)" }
    /// The `savings_totals.csv` header (per level and month, positive savings only).
    public static let savingsTotalsHeader = ["measure", "level", "month"] + (1...9).map { "total_p\($0 * 10)" }

    /// Level names as written in outputs and accepted on the command line.
    public static func levelName(_ level: OrgLevel) -> String { level == .subICB ? "sub-icb" : level.rawValue }

    /// Parses a level name (`practice`, `pcn`, `sub-icb`, `icb`, `region`, `nation`).
    public static func level(named name: String) -> OrgLevel? {
        name == "sub-icb" ? .subICB : OrgLevel(rawValue: name)
    }

    /// The result tables: `values` and `deciles`, and for cost-based measures with a cost
    /// numerator `savings` and `savings_totals` (column names as in the CSV headers above).
    public static func tables(_ tables: [MeasureValues], definitions: [MeasureDefinition]) -> [ResultTable] {
        let byID = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [[ResultValue]] = []
        var decileRows: [[ResultValue]] = []
        for t in tables {
            guard let def = byID[t.measureID] else { continue }
            let percentiles = t.percentiles()
            for u in t.orgCodes.indices {
                for m in t.months.indices {
                    let i = t.index(unit: u, month: m)
                    let defined = t.status[i] == .defined
                    let (lo, hi) = defined ? interval(def, numerator: t.numerator[i], denominator: t.denominator[i]) : (nil, nil)
                    rows.append([.text(def.id), .text(levelName(t.level)), .text(t.orgCodes[u]), .text(t.orgNames[u] ?? ""),
                                 .text(t.months[m].description), .number(t.numerator[i]), .number(t.denominator[i]),
                                 defined ? .number(t.value[i]) : .null, .number(percentiles[i]), .number(lo), .number(hi)])
                }
            }
            for (m, d) in t.deciles().enumerated() {
                decileRows.append([.text(def.id), .text(levelName(t.level)), .text(t.months[m].description)] + d.map { .number($0) })
            }
        }
        func columns(_ names: [String], _ types: [ResultColumnType]) -> [ResultColumn] {
            zip(names, types).map { ResultColumn($0, $1) }
        }
        let key: [ResultColumnType] = [.text, .text, .text, .text, .text]
        var out = [
            ResultTable(name: "values", columns: columns(valuesHeader, key + [.real, .real, .real, .real, .real, .real]), rows: rows),
            ResultTable(name: "deciles", columns: columns(decilesHeader, [.text, .text, .text] + Array(repeating: .real, count: 9)),
                        rows: decileRows),
        ]

        // Savings for cost-based measures with a cost numerator.
        var savingRows: [[ResultValue]] = []
        var totalRows: [[ResultValue]] = []
        for t in tables {
            guard let def = byID[t.measureID], MeasureSavings.applies(to: def) else { continue }
            let s = MeasureSavings(t)
            for u in s.orgCodes.indices {
                for m in s.months.indices {
                    let row = s.savings[t.index(unit: u, month: m)]
                    guard !row[0].isNaN else { continue }
                    savingRows.append([.text(def.id), .text(levelName(t.level)), .text(s.orgCodes[u]), .text(s.orgNames[u] ?? ""),
                                       .text(s.months[m].description)] + row.map { .number($0) })
                }
            }
            for (m, total) in s.totals.enumerated() {
                totalRows.append([.text(def.id), .text(levelName(t.level)), .text(s.months[m].description)] + total.map { .number($0) })
            }
        }
        if tables.contains(where: { byID[$0.measureID].map(MeasureSavings.applies) ?? false }) {
            out.append(ResultTable(name: "savings", columns: columns(savingsHeader, key + Array(repeating: .pounds, count: 9)),
                                   rows: savingRows))
            out.append(ResultTable(name: "savings_totals",
                                   columns: columns(savingsTotalsHeader, [.text, .text, .text] + Array(repeating: .pounds, count: 9)),
                                   rows: totalRows))
        }
        return out
    }

    /// Writes every table of ``tables(_:definitions:)`` into `directory` (created if needed) as
    /// `<name>.csv`, each atomically.
    public static func write(_ tables: [MeasureValues], definitions: [MeasureDefinition], to directory: String) throws {
        try writeCSV(self.tables(tables, definitions: definitions), to: directory)
    }

    /// Writes tables into `directory` (created if needed) as `<name>.csv`, each atomically.
    public static func writeCSV(_ tables: [ResultTable], to directory: String) throws {
        try FileSystem.createDirectory(directory)
        for table in tables { try CSVWriter.write(table, to: directory + "/" + table.name + ".csv") }
    }

    /// The value's 95% interval when it is defined by counting (see the type's notes).
    static func interval(_ def: MeasureDefinition, numerator: Double, denominator: Double) -> (Double?, Double?) {
        guard def.numerator.quantity == .items, numerator == numerator.rounded() else { return (nil, nil) }
        if def.isPercentage && def.denominator.quantity == .items && numerator <= denominator,
           let i = try? WilsonInterval.interval(numerator: numerator, denominator: denominator, confidence: 0.95, multiplier: 100) {
            return (i.lower, i.upper)
        }
        if def.denominator.quantity == .listSize && denominator > 0,
           let i = try? RateInterval.interval(count: numerator, denominator: denominator * 1000, confidence: 0.95, multiplier: 1000) {
            return (i.lower, i.upper)
        }
        return (nil, nil)
    }

    /// Pounds to the penny (see ``RxData/CSVWriter/pounds(_:)``).
    static func money(_ v: Double) -> String { CSVWriter.pounds(v) }

    /// A number as output text (see ``RxData/CSVWriter/number(_:missing:)``).
    static func number(_ v: Double) -> String { CSVWriter.number(v) }
}

import Foundation

/// Directory creation for outputs.
enum FileSystem {
    static func createDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
}
