import Foundation

/// The small RFC 4180 CSV dialect of the store's own text files (`presentations.csv`,
/// `orgs/*.csv`, `list_sizes/*.csv`): UTF-8, a header line, LF line ends, fields quoted when they
/// hold a comma, a quote, a line break or leading/trailing spaces, quotes doubled inside quotes.
enum StoreCSV {
    /// One field, quoted when it needs to be (see ``CSVWriter``).
    static func field(_ text: String) -> String { CSVWriter.field(text) }

    /// A whole file: the header, then each row, each line ending in LF.
    static func text(header: [String], rows: [[String]]) -> String { CSVWriter.text(header: header, rows: rows) }

    /// Parses a whole file into records (the header is the first); accepts LF or CRLF, quoted
    /// fields with commas, doubled quotes and line breaks.
    static func parse(_ text: String, path: String) throws -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field: [UInt8] = []
        var inQuotes = false
        var afterQuote = false
        var line = 1
        let bytes = Array(text.utf8)
        var i = 0
        func endField() {
            record.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            afterQuote = false
        }
        while i < bytes.count {
            let c = bytes[i]
            if inQuotes {
                if c == 0x22 {
                    if i + 1 < bytes.count && bytes[i + 1] == 0x22 { field.append(0x22); i += 1 } else { inQuotes = false; afterQuote = true }
                } else {
                    if c == 0x0A { line += 1 }
                    field.append(c)
                }
            } else if c == 0x2C {
                endField()
            } else if c == 0x0A || c == 0x0D {
                if c == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A { i += 1 }
                endField()
                records.append(record)
                record = []
                line += 1
            } else if c == 0x22 && field.isEmpty && !afterQuote {
                inQuotes = true
            } else {
                if afterQuote { throw StoreError(path: path, reason: "line \(line): text after a closing quote") }
                field.append(c)
            }
            i += 1
        }
        if inQuotes { throw StoreError(path: path, reason: "line \(line): unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty || afterQuote {
            endField()
            records.append(record)
        }
        return records
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
