/// OpenPrescribing's BNF filter grammar, compiled once.
///
/// Each line is one term:
/// - a prefix or a full code (`0302000C0`, `0302000C0AAAAAA`): codes that start with it;
/// - a pattern with `%` wildcards (`0302000C0%AC`): SQL `LIKE` semantics, anchored at both ends,
///   `%` matching any run of characters — so `0302000C0%AC` is every beclometasone presentation
///   whose generic-equivalent strength (characters 14–15) is `AC`, brands never seen included;
/// - a leading `~` makes the term an exclusion;
/// - `#` starts a comment (to the end of the line); blank lines are ignored.
///
/// A code is selected when it matches at least one inclusion and no exclusion; a filter of
/// exclusions only selects everything they do not exclude. Compile a filter once to a bitset
/// over a presentation table with ``mask(over:)``; never match strings per row.
public struct BNFFilter: Sendable, Equatable, CustomStringConvertible {
    /// One parsed term.
    public struct Term: Sendable, Equatable {
        /// The characters to match, with `%` as a wildcard.
        public var pattern: [UInt8]
        /// True for a `~` exclusion.
        public var excludes: Bool
        /// True when the pattern holds `%` (matched as `LIKE`); otherwise it is a prefix.
        public var isWildcard: Bool
        /// True for a whole code of a code list (``BNFFilter/init(codes:)``): it matches that code
        /// alone, not the codes it begins.
        public var isExact: Bool = false
    }

    /// The terms, in the order written.
    public let terms: [Term]
    /// A code list's codes (``init(codes:)``), looked up at once: a list of thousands resolved
    /// from dm+d is matched in one hash look-up, not one pass per term. Empty for filter lines,
    /// whose few terms are compared byte by byte, as cheaply.
    private let wholeCodes: Set<BNFCode>
    /// The terms compared one by one (every term of filter lines; none of a code list).
    private let otherTerms: [Term]

    /// Parses filter lines.
    /// - Throws: ``BNFFilter/ParseError`` for a term with characters a BNF code cannot hold.
    public init(_ lines: [String]) throws {
        var terms: [Term] = []
        for (i, raw) in lines.enumerated() {
            var line = Substring(raw)
            if let hash = line.firstIndex(of: "#") { line = line[..<hash] }
            var text = line.trimmingCharacters(in: " \t\r\n")
            guard !text.isEmpty else { continue }
            var excludes = false
            if text.hasPrefix("~") {
                excludes = true
                text = String(text.dropFirst()).trimmingCharacters(in: " \t")
            }
            let bytes = Array(text.utf8)
            guard !bytes.isEmpty, bytes.count <= 15 + bytes.filter({ $0 == 0x25 }).count,
                  bytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || $0 == 0x25 }) else {
                throw ParseError(term: raw, index: i, reason: "a BNF filter term holds digits, capital letters and % only, at most 15 code characters")
            }
            terms.append(Term(pattern: bytes, excludes: excludes, isWildcard: bytes.contains(0x25)))
        }
        guard !terms.isEmpty else { throw ParseError(term: "", index: 0, reason: "the filter has no terms") }
        self.terms = terms
        wholeCodes = []
        otherTerms = terms
    }

    /// A filter selecting exactly `codes` (a code list, such as the result of a definition's
    /// dm+d query): each code matches itself alone, so an 11-character appliance code does not
    /// select longer codes it begins.
    /// - Throws: ``BNFFilter/ParseError`` when the list is empty or a code is not 1–15 printable
    ///   characters.
    public init(codes: [String]) throws {
        var terms: [Term] = []
        for (i, code) in codes.enumerated() {
            guard BNFCode(code) != nil else { throw ParseError(term: code, index: i, reason: "not a BNF code (1 to 15 printable characters)") }
            terms.append(Term(pattern: Array(code.utf8), excludes: false, isWildcard: false, isExact: true))
        }
        guard !terms.isEmpty else { throw ParseError(term: "", index: 0, reason: "the code list is empty") }
        self.terms = terms
        wholeCodes = Set(codes.compactMap { BNFCode($0) })
        otherTerms = []
    }

    /// Why a filter line was refused.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The line as written.
        public var term: String
        /// Its 0-based position in the filter.
        public var index: Int
        /// What is wrong.
        public var reason: String
        public var description: String { "BNF filter term \(index + 1) '\(term)': \(reason)" }
    }

    /// Whether `code` is selected.
    public func matches(_ code: BNFCode) -> Bool {
        let hasList = !wholeCodes.isEmpty
        var included = hasList && wholeCodes.contains(code)
        var hasInclusions = hasList
        for t in otherTerms {
            if !t.excludes { hasInclusions = true }
            guard BNFFilter.match(t, code) else { continue }
            if t.excludes { return false }
            included = true
        }
        return included || !hasInclusions
    }

    /// The selection over a presentation table: `mask[i]` tells whether `codes[i]` is selected.
    public func mask(over codes: [BNFCode]) -> [Bool] { codes.map(matches) }

    public var description: String {
        terms.map { ($0.excludes ? "~" : "") + String(decoding: $0.pattern, as: UTF8.self) }.joined(separator: ", ")
    }

    /// Whether one term matches a code: a plain term is a prefix, a `%` term a SQL LIKE
    /// pattern over the whole code (a code list's exact terms are looked up in ``wholeCodes``,
    /// never here). Reads the code's bytes in place; allocates nothing.
    static func match(_ t: Term, _ code: BNFCode) -> Bool {
        let n = code.count
        if !t.isWildcard {
            guard n >= t.pattern.count else { return false }
            for (i, b) in t.pattern.enumerated() where code.byte(at: i) != b { return false }
            return true
        }
        return like(t.pattern, 0, code, 0, n)
    }

    /// SQL LIKE with `%` only: pattern `p` from `pi` against the code's characters `si ..< n`.
    static func like(_ p: [UInt8], _ pi: Int, _ code: BNFCode, _ si: Int, _ n: Int) -> Bool {
        var pi = pi, si = si
        while pi < p.count {
            if p[pi] == 0x25 {
                var k = si
                while true {
                    if like(p, pi + 1, code, k, n) { return true }
                    if k >= n { return false }
                    k += 1
                }
            }
            guard si < n, code.byte(at: si) == p[pi] else { return false }
            pi += 1
            si += 1
        }
        return si == n
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String { String(self).trimmingCharacters(in: set) }
}
