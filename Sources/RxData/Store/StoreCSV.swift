import Foundation

/// The small RFC 4180 CSV dialect of the store's own text files (`presentations.csv`,
/// `orgs/*.csv`, `list_sizes/*.csv`): UTF-8, a header line, LF line ends, fields quoted when they
/// hold a comma, a quote, a line break or leading/trailing spaces, quotes doubled inside quotes.
enum StoreCSV {
    /// One field, quoted when it needs to be (see ``CSVWriter``).
    static func field(_ text: String) -> String { CSVWriter.field(text) }

    /// A whole file: the header, then each row, each line ending in LF.
    static func text(header: [String], rows: [[String]]) -> String { CSVWriter.text(header: header, rows: rows) }

    /// Parses a whole file into records (the header is the first) with ``CSVRecordReader``;
    /// a malformed file is a ``StoreError`` naming the line.
    static func parse(_ text: String, path: String) throws -> [[String]] {
        do {
            return try CSVRecordReader.records(in: Array(text.utf8), file: path).map(\.fields)
        } catch let e as InputError {
            throw StoreError(path: path, reason: "line \(e.line ?? 0): \(e.reason)")
        }
    }

    /// Parses a file and maps its rows by header name, checking the header is exactly `columns`.
    static func rows(_ text: String, columns: [String], path: String) throws -> [[String]] {
        var records = try parse(text, path: path)
        guard let header = records.first else { throw StoreError(path: path, reason: "empty file (expected a header)") }
        guard header == columns else {
            throw StoreError(path: path, reason: "unexpected header \(header.joined(separator: ",")) (expected \(columns.joined(separator: ",")))")
        }
        records.removeFirst()
        for (i, r) in records.enumerated() where r.count != columns.count {
            throw StoreError(path: path, reason: "record \(i + 2) has \(r.count) fields, expected \(columns.count)")
        }
        return records
    }
}
