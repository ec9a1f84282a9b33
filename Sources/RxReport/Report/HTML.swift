import Foundation

/// Escaping and small builders for the HTML report.
enum HTML {
    /// `text` safe in HTML element content and quoted attribute values (`&`, `<`, `>`, `"`, `'`
    /// as entities; XML-invalid control characters dropped).
    static func escape(_ text: String) -> String { SVGText.escape(text) }

    /// Text from the data without control characters (NUL and the like), for the JSON search
    /// index, whose text the page's script shows as it is.
    static func plain(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var out = String.UnicodeScalarView()
        for u in text.unicodeScalars where !(u.value < 0x20 || u.value == 0x7F) { out.append(u) }
        return String(out)
    }

    /// An id safe in an `id` attribute and a `#fragment`: letters, digits, `-` and `_` kept,
    /// anything else replaced by `_` followed by its scalar value in hex.
    static func identifier(_ text: String) -> String {
        var out = ""
        for u in text.unicodeScalars {
            if (u >= "a" && u <= "z") || (u >= "A" && u <= "Z") || (u >= "0" && u <= "9") || u == "-" {
                out.unicodeScalars.append(u)
            } else {
                out += "_" + String(u.value, radix: 16)
            }
        }
        return out
    }

    /// JSON text safe inside a `<script>` element: `<`, `>`, `&` and the line separators as
    /// `\u` escapes so no `</script>` or comment can end or change the element.
    static func scriptSafeJSON(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for u in json.unicodeScalars {
            switch u {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A section with an id, a heading and a body.
    static func section(_ id: String, _ title: String, _ body: String) -> String {
        "<section id=\"\(id)\"><h2>\(escape(title))</h2>\(body)</section>\n"
    }

    /// A paragraph of escaped text.
    static func p(_ text: String, className: String? = nil) -> String {
        "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</p>"
    }

    /// A figure holding an SVG chart (already escaped by its renderer).
    static func figure(_ svg: String) -> String {
        // The chart documents start with an XML declaration, which is not allowed inline in HTML.
        var body = Substring(svg)
        if body.hasPrefix("<?xml"), let end = body.range(of: "?>") { body = body[end.upperBound...] }
        // Inline SVG in HTML needs no namespace declaration; dropping it keeps the report free of URLs.
        let inline = body.trimmingPrefix(while: \.isWhitespace).replacingOccurrences(of: " xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        return "<figure class=\"chart\">\(inline)</figure>"
    }
}
