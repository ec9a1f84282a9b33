import GRDB
import RxData

/// Writes result tables into one SQLite database (through GRDB, over the system's SQLite):
/// one SQL table per ``RxData/ResultTable``, with typed columns (`TEXT`, `INTEGER`, `REAL`;
/// booleans as `INTEGER` 0/1, pounds as `REAL`), missing values as `NULL`, and an index on
/// each of the columns results are looked up by (``indexedColumns``) that a table has.
///
/// The database is built under a temporary name beside the destination and renamed over it only
/// when complete (``RxData/AtomicFile/replace(_:_:)``): readers see the old database or the new,
/// never a part. An existing database at the destination is replaced, not appended to.
public enum SQLiteWriter {
    /// Columns given an index wherever a table has them.
    public static let indexedColumns = ["measure", "level", "org_code", "month"]

    /// Rows inserted per transaction.
    static let batchSize = 50_000

    /// Writes `tables` (names must be distinct) to a new database at `path`.
    /// - Parameter metadata: key/value pairs stored in a `metadata` table (software version,
    ///   store, period…); none when empty.
    public static func write(_ tables: [ResultTable], to path: String, metadata: [(key: String, value: String)] = []) throws {
        var all = tables
        if !metadata.isEmpty {
            all.append(ResultTable(name: "metadata", columns: [ResultColumn("key", .text), ResultColumn("value", .text)],
                                   rows: metadata.map { [.text($0.key), .text($0.value)] }))
        }
        var seen = Set<String>()
        for t in all {
            guard !t.name.isEmpty, seen.insert(t.name.lowercased()).inserted else {
                throw InputError(file: path, field: t.name, reason: "table names must be distinct and not empty")
            }
        }
        try AtomicFile.replace(path) { temporary in
            var configuration = Configuration()
            configuration.journalMode = .default
            let queue = try DatabaseQueue(path: temporary, configuration: configuration)
            for table in all { try write(table, into: queue) }
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
