/// Writes RFC 4180 CSV that spreadsheets open cleanly: a header line, LF line ends, fields quoted
/// when they hold a comma, a quote, a line break or leading/trailing spaces, quotes doubled.
/// Files are written through ``AtomicFile`` (``AtomicFile/Durability/renameOnly``: results can
/// be recomputed), so a failure never leaves half a file.
public enum CSVWriter {
    /// One field, quoted when it needs to be.
    public static func field(_ text: String) -> String {
        guard needsQuotes(text) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether a field holds a comma, a quote or a line break, or starts or ends with a space.
    static func needsQuotes(_ text: String) -> Bool {
        var first = true
        var last: UInt8 = 0
        for b in text.utf8 {
            if b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D || (first && b == 0x20) { return true }
            first = false
            last = b
        }
        return last == 0x20
    }

    /// A number as output text (``DecimalText``): a whole value without a decimal point, any
    /// other with at most 15 significant digits, and `missing` for NaN or an infinity.
    public static func number(_ v: Double, missing: String = "") -> String {
        guard v.isFinite else { return missing }
        return DecimalText.string(v)
    }

    /// Writes `header` and then pre-formatted chunks of rows (``CSVBuffer``s, e.g. filled on
    /// separate threads) to `path`, atomically, in order.
    public static func write(path: String, header: [String], chunks: [CSVBuffer]) throws {
        try AtomicFile.withWriter(path, durability: .renameOnly) { w in
            try w.write(line(header))
            for c in chunks { try c.withBytes { try w.write($0) } }
        }
    }

    /// Pounds to the penny (half a penny rounds away from zero), e.g. `112.00`, `-2.01`; empty for
    /// NaN or an infinity; amounts of 10¹⁵ or more as ``number(_:missing:)`` writes them.
    public static func pounds(_ v: Double) -> String {
        let b = CSVBuffer(capacity: 64)
        b.money(v)
        return b.withBytes { String(decoding: $0, as: UTF8.self) }
    }

    /// One line: the fields joined by commas, ending in LF.
    public static func line(_ fields: [String]) -> String {
        var out = ""
        var bytes = fields.count
        for f in fields { bytes += f.utf8.count }
        out.reserveCapacity(bytes + 8)
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(",") }
            out.append(needsQuotes(f) ? field(f) : f)
        }
        out.append("\n")
        return out
    }

    /// A whole file's text: the header, then each row.
    public static func text(header: [String], rows: [[String]]) -> String {
        var out = line(header)
        for row in rows { out += line(row) }
        return out
    }

    /// Writes a typed table to `path`, atomically: its column names as the header, then each row
    /// with values spelled by ``ResultValue/text(as:)``. Rows are formatted straight into bytes
    /// (``CSVBuffer/value(_:as:)``), chunks of rows on every core, and written in order.
    public static func write(_ table: ResultTable, to path: String) throws {
        let types = table.columns.map(\.type)
        let chunk = 16_384
        let chunks = (table.rowCount + chunk - 1) / chunk
        let round = 8
        let buffers = (0..<min(round, max(chunks, 1))).map { _ in CSVBuffer(capacity: 1 << 20) }
        try AtomicFile.withWriter(path, durability: .renameOnly) { w in
            try w.write(line(table.columnNames))
            for start in stride(from: 0, to: chunks, by: round) {
                let n = min(round, chunks - start)
                _ = StoreParallel.map(n) { k in
                    let b = buffers[k]
                    b.reset()
                    let first = (start + k) * chunk
                    for i in first..<min(first + chunk, table.rowCount) {
                        for (c, v) in table.row(i).enumerated() { b.value(v, as: types[c]) }
                        b.endRow()
                    }
                    return 0
                }
                for k in 0..<n { try buffers[k].withBytes { try w.write($0) } }
            }
        }
    }

    /// Writes `header` and then the rows `row(0) ..< row(count - 1)` to `path`, atomically. Rows
    /// are formatted into a ``CSVBuffer`` written out a megabyte at a time.
    public static func write(path: String, header: [String], count: Int, row: (Int) -> [String]) throws {
        try AtomicFile.withWriter(path, durability: .renameOnly) { w in
            let buffer = CSVBuffer(capacity: 1 << 20 + 4096)
            buffer.row(header)
            for i in 0..<count {
                buffer.row(row(i))
                if buffer.count >= 1 << 20 {
                    try buffer.withBytes { try w.write($0) }
                    buffer.reset()
                }
            }
            try buffer.withBytes { try w.write($0) }
        }
    }
}
