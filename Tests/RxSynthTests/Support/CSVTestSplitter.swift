/// An independent, quote-aware CSV splitter for the tests (bytes in, fields out).
enum CSVTestSplitter {
    /// Splits `data` into records at CRLF or LF outside quotes; fields are unquoted.
    static func records(_ data: [UInt8]) -> [[[UInt8]]] {
        var records: [[[UInt8]]] = []
        var record: [[UInt8]] = []
        var field: [UInt8] = []
        var inQuotes = false
        var i = 0
        while i < data.count {
            let b = data[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < data.count && data[i + 1] == 0x22 { field.append(0x22); i += 1 } else { inQuotes = false }
                } else { field.append(b) }
            } else if b == 0x22 {
                inQuotes = true
            } else if b == 0x2C {
                record.append(field); field = []
            } else if b == 0x0D && i + 1 < data.count && data[i + 1] == 0x0A {
                // CR of a CRLF: the LF ends the record
            } else if b == 0x0A {
                record.append(field); field = []
                records.append(record); record = []
            } else {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    /// Field text (latin-1 decoded).
    static func text(_ field: [UInt8]) -> String { String(field.map { Character(Unicode.Scalar($0)) }) }
}
