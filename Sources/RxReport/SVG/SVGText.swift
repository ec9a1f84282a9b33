/// Escaping of text placed in SVG (XML) content and attribute values.
public enum SVGText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by entities, and characters XML 1.0 does not
    /// allow (C0 controls other than tab, line feed and carriage return) dropped, so any name from
    /// data is safe in element content and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
