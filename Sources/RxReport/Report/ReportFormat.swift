import Foundation

/// Number formats of the HTML report.
enum ReportFormat {
    /// `v` with `digits` decimals and thousands separators; a dash when not finite.
    static func number(_ v: Double, digits: Int = 1) -> String {
        guard v.isFinite else { return "–" }
        let text = String(format: "%.\(digits)f", abs(v))
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = ""
        let digitsText = Array(parts[0])
        for (i, ch) in digitsText.enumerated() {
            if i > 0 && (digitsText.count - i) % 3 == 0 { whole.append(",") }
            whole.append(ch)
        }
        let sign = v < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + whole + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// Whole pounds with thousands separators.
    static func pounds(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        let n = number(v, digits: 0)
        return n.hasPrefix("-") ? "-£" + n.dropFirst() : "£" + n
    }

    /// A fraction as a percentage with `digits` decimals.
    static func percent(_ v: Double, digits: Int = 0) -> String {
        v.isFinite ? number(v * 100, digits: digits) + "%" : "–"
    }
}
