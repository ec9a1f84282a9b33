/// Writes RFC 4180 CSV that spreadsheets open cleanly: a header line, LF line ends, fields quoted
/// when they hold a comma, a quote, a line break or leading/trailing spaces, quotes doubled.
/// Files are written through ``AtomicFile``, so a failure never leaves half a file.
public enum CSVWriter {
    /// One field, quoted when it needs to be.
    public static func field(_ text: String) -> String {
        let needsQuotes = text.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || text.first == " " || text.last == " "
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A number as output text: a whole value without a decimal point, any other in the shortest
    /// form that reads back to the same double, and `missing` for NaN or an infinity.
    public static func number(_ v: Double, missing: String = "") -> String {
        guard v.isFinite else { return missing }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// Pounds to the penny (half a penny rounds away from zero), e.g. `112.00`, `-2.01`; empty for
    /// NaN or an infinity; amounts of 10¹⁵ or more as ``number(_:missing:)`` writes them.
    public static func pounds(_ v: Double) -> String {
        guard v.isFinite else { return "" }
        guard abs(v) < 1e15 else { return number(v) }  // beyond whole pence in an Int64
        let pence = (v * 100).rounded()
        let sign = pence < 0 ? "-" : ""
        let a = abs(pence)
        let p = Int64(a.truncatingRemainder(dividingBy: 100))
        return "\(sign)\(Int64(a / 100)).\(p < 10 ? "0" : "")\(p)"
    }

    /// One line: the fields joined by commas, ending in LF.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// A whole file's text: the header, then each row.
    public static func text(header: [String], rows: [[String]]) -> String {
        var out = line(header)
        for row in rows { out += line(row) }
        return out
    }

    /// Writes a typed table to `path`, atomically: its column names as the header, then each row
    /// with values spelled by ``ResultValue/text(as:)``.
    public static func write(_ table: ResultTable, to path: String) throws {
        let types = table.columns.map(\.type)
        try write(path: path, header: table.columnNames, count: table.rowCount) { i in
            let values = table.row(i)
            return values.indices.map { values[$0].text(as: types[$0]) }
        }
    }

    /// Writes `header` and then the rows `row(0) ..< row(count - 1)` to `path`, atomically.
    public static func write(path: String, header: [String], count: Int, row: (Int) -> [String]) throws {
        try AtomicFile.withWriter(path) { w in
            try w.write(line(header))
            for i in 0..<count { try w.write(line(row(i))) }
        }
    }
}
