/// A calendar month, the time unit of every prescribing dataset RxAtlas reads.
///
/// Stored as a single integer `year * 12 + (month - 1)` so months sort, subtract and index arrays
/// directly.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    /// Months since January of year 0.
    public let ordinal: Int32

    /// Creates a month from its year and month number (1–12).
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1900...9999).contains(year) else { return nil }
        ordinal = Int32(year * 12 + month - 1)
    }

    /// Creates a month from its ordinal (`year * 12 + month - 1`).
    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// The four-digit year.
    public var year: Int { Int(ordinal) / 12 }
    /// The month number, 1–12.
    public var month: Int { Int(ordinal) % 12 + 1 }

    /// `YYYY-MM`, the form RxAtlas writes everywhere.
    public var description: String {
        let m = month
        return "\(year)-\(m < 10 ? "0" : "")\(m)"
    }

    /// The month `n` months after this one (negative `n` goes back).
    public func advanced(by n: Int) -> YearMonth { YearMonth(ordinal: ordinal + Int32(n)) }

    /// Parses the spellings the published files use: `201709`, `2017_09`, `2017-09`, `2017/09`,
    /// and the list-size extract date `01SEP2017`.
    public init?(parsing text: some StringProtocol) {
        let bytes = Array(text.utf8)
        if let parsed = YearMonth.parse(bytes[...]) { self = parsed } else { return nil }
    }

    /// Parses a month from raw ASCII bytes; see ``init(parsing:)`` for the accepted spellings.
    public static func parse(_ bytes: ArraySlice<UInt8>) -> YearMonth? {
        var b = bytes
        while let f = b.first, f == 0x20 || f == 0x22 { b = b.dropFirst() }
        while let l = b.last, l == 0x20 || l == 0x22 { b = b.dropLast() }
        func digits(_ s: ArraySlice<UInt8>) -> Int? {
            guard !s.isEmpty else { return nil }
            var v = 0
            for c in s {
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
        let s = b.startIndex
        switch b.count {
        case 6:
            guard let y = digits(b[s..<s + 4]), let m = digits(b[s + 4..<s + 6]) else { return nil }
            return YearMonth(year: y, month: m)
        case 7:
            let sep = b[s + 4]
            guard sep == 0x2D || sep == 0x5F || sep == 0x2F,
                  let y = digits(b[s..<s + 4]), let m = digits(b[s + 5..<s + 7]) else { return nil }
            return YearMonth(year: y, month: m)
        case 9:
            // 01SEP2017
            guard let y = digits(b[s + 5..<s + 9]) else { return nil }
            let name = String(decoding: b[s + 2..<s + 5], as: UTF8.self).uppercased()
            let names = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
            guard let i = names.firstIndex(of: name) else { return nil }
            return YearMonth(year: y, month: i + 1)
        case 8:
            // 20170901 (YYYYMMDD)
            guard let y = digits(b[s..<s + 4]), let m = digits(b[s + 4..<s + 6]),
                  digits(b[s + 6..<s + 8]) != nil else { return nil }
            return YearMonth(year: y, month: m)
        case 10:
            // 2017-09-01
            guard let y = digits(b[s..<s + 4]), let m = digits(b[s + 5..<s + 7]) else { return nil }
            return YearMonth(year: y, month: m)
        default:
            return nil
        }
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.ordinal < b.ordinal }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let m = YearMonth(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a month: \(text)"))
        }
        self = m
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
