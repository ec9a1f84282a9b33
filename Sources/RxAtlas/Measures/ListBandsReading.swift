import Foundation

/// Reads OpenPrescribing's `custom` sides over `practice_statistics` (its list sizes by age and
/// sex, `male_0_4`, `female_35_44`, `male_75_plus`) as ``MeasureDefinition/ListBands``: a sum
/// of band columns, each bare or in `SUM(…)`/`MAX(…)` (one row per practice and month, so both
/// are the band), optionally divided by a number; the where clause `1 = 1` or one band
/// `> N`. Anything else is not read (nil), and the definition is refused.
enum ListBandsReading {
    static func read(columns: String, where clause: String) -> MeasureDefinition.ListBands? {
        var text = columns.lowercased()
        if let alias = text.range(of: " as ", options: .backwards) { text = String(text[..<alias.lowerBound]) }
        var divisor = 1.0
        if let slash = text.lastIndex(of: "/") {
            guard let d = Double(text[text.index(after: slash)...].trimmingCharacters(in: .whitespaces)), d > 0 else { return nil }
            divisor = d
            text = String(text[..<slash])
        }
        let bands = names(in: text)
        guard !bands.isEmpty else { return nil }
        // Nothing but the bands, sums, maxima, brackets and plus signs.
        var rest = bandPattern.stringByReplacingMatches(in: text, range: NSRange(location: 0, length: (text as NSString).length), withTemplate: "")
        for token in ["sum", "max", "(", ")", "+", " ", "\n", "\t"] { rest = rest.replacingOccurrences(of: token, with: "") }
        guard rest.isEmpty else { return nil }
        var condition: (band: MeasureDefinition.ListBands.Band, minimum: Int64)?
        let w = clause.lowercased().trimmingCharacters(in: .whitespacesAndNewlines)
        if w != "1 = 1" && w != "1=1" {
            let parts = w.components(separatedBy: ">")
            guard parts.count == 2, let band = names(in: parts[0]).first, names(in: parts[0]).count == 1,
                  parts[0].trimmingCharacters(in: .whitespaces) == band.name,
                  let minimum = Int64(parts[1].trimmingCharacters(in: .whitespaces)) else { return nil }
            condition = (band.band, minimum)
        }
        return MeasureDefinition.ListBands(bands: bands.map(\.band), divisor: divisor, condition: condition)
    }

    /// A band column's name.
    static let bandPattern = try! NSRegularExpression(pattern: "\\b(male|female)_([0-9]+)_([0-9]+|plus)\\b")

    /// The band names in `text`, in order: `(male|female)_FROM_(TO|plus)`.
    static func names(in text: String) -> [(name: String, band: MeasureDefinition.ListBands.Band)] {
        let ns = text as NSString
        return bandPattern.matches(in: text, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            let sex = ns.substring(with: m.range(at: 1)), from = Int(ns.substring(with: m.range(at: 2)))!
            let toText = ns.substring(with: m.range(at: 3))
            return (ns.substring(with: m.range), .init(female: sex == "female", from: from, to: toText == "plus" ? nil : Int(toText)))
        }
    }
}
