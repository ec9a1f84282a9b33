import RxData

/// Writes result tables as one JSON document:
///
/// ```json
/// {"metadata": {"software": "rxatlas 0.1.0", …},
///  "tables": [{"name": "values",
///              "columns": [{"name": "measure", "type": "text"}, …],
///              "rows": [{"measure": "ics_share", "value": 25, "percentile": null, …}, …]}]}
/// ```
///
/// Numbers are written in the shortest form that reads back to the same double (as in the
/// CSVs), pounds to the penny, missing values as `null`, booleans as `true`/`false`. Written
/// atomically and streamed row by row.
public enum JSONTableWriter {
    /// Writes `tables` to `path`.
    public static func write(_ tables: [ResultTable], to path: String, metadata: [(key: String, value: String)] = []) throws {
        try AtomicFile.withWriter(path) { w in
            try w.write("{\"metadata\": {")
            try w.write(metadata.map { "\(string($0.key)): \(string($0.value))" }.joined(separator: ", "))
            try w.write("},\n\"tables\": [")
            for (t, table) in tables.enumerated() {
                try w.write(t == 0 ? "\n" : ",\n")
                let columns = table.columns.map { "{\"name\": \(string($0.name)), \"type\": \(string($0.type.rawValue))}" }
                try w.write("{\"name\": \(string(table.name)), \"columns\": [\(columns.joined(separator: ", "))],\n \"rows\": [")
                let keys = table.columns.map { string($0.name) }
                let types = table.columns.map(\.type)
                for i in 0..<table.rowCount {
                    let row = table.row(i)
                    var line = i == 0 ? "\n  {" : ",\n  {"
                    for (k, v) in row.enumerated() {
                        if k > 0 { line += ", " }
                        line += keys[k] + ": " + value(v, types[k])
                    }
                    try w.write(line + "}")
                }
                try w.write("]}")
            }
            try w.write("\n]}\n")
        }
    }

    /// A value as JSON.
    static func value(_ v: ResultValue, _ type: ResultColumnType) -> String {
        switch v {
        case .null: return "null"
        case .text(let s): return string(s)
        case .integer(let i): return String(i)
        case .real(let d): return d.isFinite ? v.text(as: type) : "null"
        case .boolean(let b): return b ? "true" : "false"
        }
    }

    /// A JSON string literal (RFC 8259 escaping; `<`, `>` and `&` as \u escapes so the text is
    /// also safe inside an HTML `<script>` block).
    public static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                out += "\\u" + hex4(scalar.value)
            default:
                if scalar.value < 0x20 { out += "\\u" + hex4(scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }

    static func hex4(_ v: UInt32) -> String {
        let h = String(v, radix: 16, uppercase: false)
        return String(repeating: "0", count: max(0, 4 - h.count)) + h
    }
}
