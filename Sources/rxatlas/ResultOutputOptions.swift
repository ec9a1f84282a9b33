import ArgumentParser
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

    /// Writes the tables where asked; returns what was written, for the summary line.
    func write(_ tables: [ResultTable], command: String, metadata: [(key: String, value: String)]) throws -> [String] {
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
