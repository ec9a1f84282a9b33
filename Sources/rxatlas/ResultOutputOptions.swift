import ArgumentParser
import RxAtlas
import RxData
import RxReport

/// The options every analysis command shares for writing its result tables beyond the CSVs:
/// `--sqlite FILE` and `--json FILE`.
struct ResultOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Also write every result table into this SQLite database (typed, indexed on measure, level, org_code and month). Other commands' tables already in it are kept; this command's are replaced.", valueName: "FILE"))
    var sqlite: String?

    @Option(help: ArgumentHelp("Also write every result table into this JSON file.", valueName: "FILE"))
    var json: String?

    /// Whether any output beyond the CSVs was asked for (so the tables need building).
    var requested: Bool { sqlite != nil || json != nil }

    /// The metadata of a command over a store, period and levels.
    static func metadata(store: String, period: ClosedRange<YearMonth>, levels: [OrgLevel]) -> [(key: String, value: String)] {
        [("store", store), ("from", period.lowerBound.description), ("to", period.upperBound.description),
         ("levels", levels.map(MeasureOutput.levelName).joined(separator: " "))]
    }

    /// Writes the tables where asked, each name prefixed with `prefix` (so that, say, the steroid
    /// `outliers` table and the Atlas's can share one database); returns what was written, for
    /// the summary line.
    func write(_ tables: [ResultTable], prefix: String = "", command: String, metadata: [(key: String, value: String)]) throws -> [String] {
        let tables = tables.map { t in var t = t; t.name = prefix + t.name; return t }
        let meta = [("software", "rxatlas \(RxAtlasVersion.current)"), ("command", command)] + metadata
        var written: [String] = []
        if let sqlite {
            try SQLiteWriter.write(tables, to: sqlite, source: command, metadata: meta, mode: .replaceTables)
            written.append(sqlite)
        }
        if let json {
            try JSONTableWriter.write(tables, to: json, metadata: meta)
            written.append(json)
        }
        return written
    }
}
