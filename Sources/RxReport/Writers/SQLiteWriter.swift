import Foundation
import GRDB
import RxData

/// Writes result tables into one SQLite database (through GRDB, over the system's SQLite):
/// one SQL table per ``RxData/ResultTable``, with typed columns (`TEXT`, `INTEGER`, `REAL`;
/// booleans as `INTEGER` 0/1, pounds as `REAL`), missing values as `NULL`, and an index on
/// each of the columns results are looked up by (``indexedColumns``) that a table has.
///
/// The database is built under a temporary name beside the destination (a copy of the existing
/// one in ``Mode/replaceTables``) and renamed over it only when complete
/// (``RxData/AtomicFile/replace(_:_:)``): readers see the old database or the new, never a part.
public enum SQLiteWriter {
    /// Columns given an index wherever a table has them.
    public static let indexedColumns = ["measure", "level", "org_code", "month"]

    /// Rows inserted per transaction.
    static let batchSize = 50_000

    /// What happens to a database already at the destination.
    public enum Mode: Sendable {
        /// Build a new database; any existing file is replaced whole.
        case replaceFile
        /// Keep the existing database's other tables: the given tables replace any of the same
        /// names, and the metadata rows of the same `source` are replaced. Lets several commands
        /// (measures, atlas, biosimilars…) gather their tables in one database.
        case replaceTables
    }

    /// Writes `tables` (names must be distinct) to the database at `path`.
    /// - Parameters:
    ///   - metadata: key/value pairs stored in a `metadata` table (columns `source`, `key`,
    ///     `value`) under `source` (the command's name, say): software version, store, period.
    ///   - mode: whether an existing database is replaced whole or keeps its other tables.
    /// - Throws: ``RxData/InputError`` for duplicate or empty table names, and whatever SQLite
    ///   reports; the destination is then untouched.
    public static func write(_ tables: [ResultTable], to path: String, source: String = "rxatlas",
                             metadata: [(key: String, value: String)] = [], mode: Mode = .replaceFile) throws {
        var seen: Set<String> = ["metadata"]
        for t in tables {
            guard !t.name.isEmpty, seen.insert(t.name.lowercased()).inserted else {
                throw InputError(file: path, field: t.name, reason: "table names must be distinct, not empty and not 'metadata'")
            }
        }
        let fm = FileManager.default
        try AtomicFile.replace(path) { temporary in
            if mode == .replaceTables && fm.fileExists(atPath: path) {
                try fm.copyItem(atPath: path, toPath: temporary)
            }
            var configuration = Configuration()
            configuration.journalMode = .default
            // The temporary is private until it is renamed (and synced then), so SQLite need not
            // journal or sync while building it; a failure discards the whole file.
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = OFF")
                try db.execute(sql: "PRAGMA journal_mode = OFF")
            }
            let queue = try DatabaseQueue(path: temporary, configuration: configuration)
            try queue.write { db in
                for t in tables { try db.execute(sql: "DROP TABLE IF EXISTS \(quote(t.name))") }
                try db.execute(sql: "CREATE TABLE IF NOT EXISTS metadata (source TEXT, key TEXT, value TEXT)")
                try db.execute(sql: "DELETE FROM metadata WHERE source = ?", arguments: [source])
                for (key, value) in metadata {
                    try db.execute(sql: "INSERT INTO metadata VALUES (?, ?, ?)", arguments: [source, key, value])
                }
            }
            for table in tables { try write(table, into: queue) }
            try queue.close()
        }
    }

    /// Creates one table, inserts its rows in batches and indexes it.
    static func write(_ table: ResultTable, into queue: DatabaseQueue) throws {
        let name = quote(table.name)
        let definitions = table.columns.map { "\(quote($0.name)) \(sqlType($0.type))" }.joined(separator: ", ")
        try queue.write { db in try db.execute(sql: "CREATE TABLE \(name) (\(definitions))") }
        let placeholders = Array(repeating: "?", count: table.columns.count).joined(separator: ", ")
        var start = 0
        while start < table.rowCount {
            let end = min(table.rowCount, start + batchSize)
            try queue.write { db in
                let statement = try db.makeStatement(sql: "INSERT INTO \(name) VALUES (\(placeholders))")
                for i in start..<end {
                    let row = table.row(i)
                    try statement.execute(arguments: StatementArguments(row.map(databaseValue)))
                }
            }
            start = end
        }
        try queue.write { db in
            for column in indexedColumns where table.columnIndex(column) != nil {
                try db.execute(sql: "CREATE INDEX \(quote("\(table.name)_\(column)")) ON \(name) (\(quote(column)))")
            }
        }
    }

    /// The SQL type of a column type.
    public static func sqlType(_ type: ResultColumnType) -> String {
        switch type {
        case .text: return "TEXT"
        case .integer, .boolean: return "INTEGER"
        case .real, .pounds: return "REAL"
        }
    }

    /// A value as SQLite stores it.
    static func databaseValue(_ v: ResultValue) -> DatabaseValue {
        switch v {
        case .null: return .null
        case .text(let s): return s.databaseValue
        case .integer(let i): return i.databaseValue
        case .real(let d): return d.isFinite ? d.databaseValue : .null
        case .boolean(let b): return (b ? 1 : 0).databaseValue
        }
    }

    /// An SQL identifier, double-quoted with quotes doubled.
    static func quote(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
