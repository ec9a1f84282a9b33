/// Writes RFC 4180 CSV that spreadsheets open cleanly: a header line, LF line ends, fields quoted
/// when they hold a comma, a quote, a line break or leading/trailing spaces, quotes doubled.
/// Files are written through ``AtomicFile``, so a failure never leaves half a file.
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

    /// A number as output text: a whole value without a decimal point, any other in the shortest
    /// form that reads back to the same double, and `missing` for NaN or an infinity.
    public static func number(_ v: Double, missing: String = "") -> String {
        guard v.isFinite else { return missing }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
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

    /// Writes `header` and then the rows `row(0) ..< row(count - 1)` to `path`, atomically.
    public static func write(path: String, header: [String], count: Int, row: (Int) -> [String]) throws {
        try AtomicFile.withWriter(path) { w in
            try w.write(line(header))
            for i in 0..<count { try w.write(line(row(i))) }
        }
    }
}
