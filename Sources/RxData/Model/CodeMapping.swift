/// BNF code changes: old code → new code, applied to presentations before aggregation so that
/// years can be compared (NHSBSA re-codes presentations each year).
///
/// ## File
/// A CSV with a header holding `old_code` and `new_code` (case-insensitive; other columns are
/// ignored), one change per row; padding is trimmed and empty lines are skipped.
///
/// ## Rules
/// - **Full-code rules.** An old code of full length — 15 characters, or 11 for the appliance
///   chapters 20–23 — maps exactly that code. Its new code must be of full length too.
/// - **Prefix rules.** A shorter old code maps every code that starts with it, the rest of the
///   code kept: with `0101021C0 → 0905011D0`, `0101021C0BBAAAA` becomes `0905011D0BBAAAA`. The
///   new code must have the same length as the old one. Full-code rules take precedence; among
///   prefix rules the longest matching one applies.
/// - **Chains** are followed to the end: with `a → b` and `b → c`, `a` maps to `c` (a prefix rule
///   may take over where a full-code rule ends, and the other way round).
/// - **Refused**, with an ``InputError`` naming the lines: the same old code mapped to two
///   different new codes, and any cycle (`a → b`, `b → a`; a code mapped to itself is ignored).
/// - **Codes that cannot be BNF codes** (empty, longer than 15 characters, not printable ASCII,
///   a full-length old code mapped to a shorter or longer new code, a prefix rule changing
///   length) do not load: ``read(path:strict:)`` throws on the first in strict mode, and
///   otherwise leaves the row out and lists it in ``invalidRows`` so that it is reported.
public struct CodeMapping: Sendable {
    /// One change as read.
    public struct Rule: Sendable, Equatable {
        /// The code (or code prefix) replaced.
        public var old: BNFCode
        /// Its replacement.
        public var new: BNFCode
        /// The 1-based line it was read from (0 when built in code).
        public var line: Int

        /// Creates a rule.
        public init(old: BNFCode, new: BNFCode, line: Int = 0) {
            self.old = old
            self.new = new
            self.line = line
        }

        /// Whether the old code is a full code (a full-code rule) rather than a prefix.
        public var isFullCode: Bool { CodeMapping.isFullLength(old) }
    }

    /// The file the mapping came from (for messages).
    public let source: String
    /// The rules as loaded (identity rules and invalid rows excluded), in file order.
    public let rules: [Rule]
    /// Rows that were not loaded because a code cannot be a BNF code, each with its line, field
    /// and reason (empty in strict mode, which throws instead).
    public let invalidRows: [InputError]

    private let full: [BNFCode: BNFCode]
    /// Prefix rules by prefix length, longest first.
    private let prefixes: [(length: Int, map: [BNFCode: BNFCode])]
    /// Full-code rules resolved through chains.
    private var resolved: [BNFCode: BNFCode]

    /// Reads the mapping at `path` (plain, `.gz` or `.zip`).
    ///
    /// - Parameter strict: throw on a row whose codes cannot be BNF codes, instead of leaving
    ///   it out and listing it in ``invalidRows``.
    public static func read(path: String, strict: Bool = false) throws -> CodeMapping {
        try read(records: CSVRecordReader.read(path: path), path: path, strict: strict)
    }

    /// Reads a mapping from records already split (the first is the header).
    public static func read(records: [CSVRecord], path: String, strict: Bool = false) throws -> CodeMapping {
        guard let first = records.first else {
            throw InputError(file: path, reason: "empty file: a code mapping needs a header with old_code,new_code")
        }
        let header = CSVHeader(first)
        for name in ["old_code", "new_code"] where header.index(of: name) == nil {
            let names = header.names.map { CSVRecordReader.trim($0) }.joined(separator: ", ")
            throw InputError(file: path, line: header.line, field: name,
                             reason: "missing required column \(name) (the header must name old_code and new_code; found \(names))")
        }
        let oldColumn = header.index(of: "old_code")!, newColumn = header.index(of: "new_code")!
        var rules: [Rule] = []
        var invalid: [InputError] = []
        for record in records.dropFirst() where !record.isBlank {
            let oldText = record.trimmed(oldColumn), newText = record.trimmed(newColumn)
            var problem: InputError?
            let old = BNFCode(oldText), new = BNFCode(newText)
            if old == nil {
                problem = InputError(file: path, line: record.line, field: "old_code", reason: codeProblem(oldText))
            } else if new == nil {
                problem = InputError(file: path, line: record.line, field: "new_code", reason: codeProblem(newText))
            } else if let old, let new {
                if isFullLength(old) && !isFullLength(new) {
                    problem = InputError(file: path, line: record.line, field: "new_code",
                                         reason: "'\(newText)' (\(new.count) characters) is not a full BNF code, but it replaces the full code \(old)")
                } else if !isFullLength(old) && old.count != new.count {
                    problem = InputError(file: path, line: record.line, field: "new_code",
                                         reason: "prefix rule \(old) → \(new) changes the prefix length (\(old.count) → \(new.count))")
                }
            }
            if let problem {
                if strict { throw problem }
                invalid.append(problem)
                continue
            }
            rules.append(Rule(old: old!, new: new!, line: record.line))
        }
        return try CodeMapping(rules: rules, source: path, invalidRows: invalid)
    }

    /// Builds a mapping from rules, refusing conflicting duplicates and cycles.
    ///
    /// - Parameters:
    ///   - rules: the changes; identity rules are dropped and exact duplicates merged.
    ///   - source: the name used in errors.
    ///   - invalidRows: rows already left out, kept for reporting.
    public init(rules: [Rule], source: String = "code mapping", invalidRows: [InputError] = []) throws {
        var full: [BNFCode: BNFCode] = [:]
        var prefix: [Int: [BNFCode: BNFCode]] = [:]
        var lines: [BNFCode: Int] = [:]
        var kept: [Rule] = []
        for rule in rules where rule.old != rule.new {
            if let earlier = lines[rule.old] {
                let previous = rule.isFullCode ? full[rule.old]! : prefix[rule.old.count]![rule.old]!
                if previous == rule.new { continue }
                throw InputError(file: source, line: rule.line, field: "new_code",
                                 reason: "\(rule.old) is mapped to \(previous) on line \(earlier) but to \(rule.new) on line \(rule.line)")
            }
            lines[rule.old] = rule.line
            if rule.isFullCode { full[rule.old] = rule.new } else { prefix[rule.old.count, default: [:]][rule.old] = rule.new }
            kept.append(rule)
        }
        self.source = source
        self.rules = kept
        self.invalidRows = invalidRows
        self.full = full
        self.prefixes = prefix.keys.sorted(by: >).map { ($0, prefix[$0]!) }
        self.resolved = [:]

        // Follow every rule's chain; a code met twice is a cycle.
        var resolved: [BNFCode: BNFCode] = [:]
        for rule in kept {
            var code = rule.old
            var path: [BNFCode] = [code]
            var visited: Set<BNFCode> = [code]
            while let next = step(code) {
                if visited.contains(next) {
                    let cycle = path[path.firstIndex(of: next)!...] + [next]
                    let ruleLines = cycle.dropLast().compactMap { c in lines[c] ?? prefixRule(for: c).flatMap { lines[$0] } }
                    throw InputError(file: source, line: ruleLines.first ?? rule.line, field: "new_code",
                                     reason: "the mapping has a cycle: " + cycle.map(\.description).joined(separator: " → ")
                                        + " (lines " + ruleLines.map(String.init).joined(separator: ", ") + ")")
                }
                visited.insert(next)
                path.append(next)
                code = next
            }
            if rule.isFullCode { resolved[rule.old] = code }
        }
        self.resolved = resolved
    }

    /// The current code for `code`: full-code rules first, then the longest prefix rule, chains
    /// followed to the end; `code` itself when no rule applies.
    public func map(_ code: BNFCode) -> BNFCode {
        var current = code
        if let r = resolved[current] { current = r }
        // A resolved chain may still end where a prefix rule applies; cycles were refused on load.
        var hops = 0
        while let next = step(current), hops <= rules.count {
            current = resolved[next] ?? next
            hops += 1
        }
        return current
    }

    /// Whether any rule changes `code`.
    public func changes(_ code: BNFCode) -> Bool { map(code) != code }

    /// Number of rules that only reach their final code through another rule (`a → b → c`).
    public var chainedRuleCount: Int { rules.filter { map($0.old) != $0.new }.count }

    /// Number of prefix rules (old codes shorter than a full code).
    public var prefixRuleCount: Int { prefixes.reduce(0) { $0 + $1.map.count } }

    /// One rewrite: the full-code rule for `code`, else its longest prefix rule; nil if none.
    private func step(_ code: BNFCode) -> BNFCode? {
        if let n = full[code] { return n }
        guard let old = prefixRule(for: code), let new = prefixes.first(where: { $0.length == old.count })?.map[old] else {
            return nil
        }
        return BNFCode(bytes: new.bytes + code.bytes.dropFirst(old.count))
    }

    /// The longest prefix-rule key that `code` starts with.
    private func prefixRule(for code: BNFCode) -> BNFCode? {
        for (length, map) in prefixes where length <= code.count {
            let p = length == code.count ? code : code.prefix(length)
            if map[p] != nil { return p }
        }
        return nil
    }

    /// Whether `code` is a complete code: 15 characters, or 11 for appliances (chapters 20–23).
    static func isFullLength(_ code: BNFCode) -> Bool {
        code.count == (code.isAppliance ? 11 : 15)
    }

    private static func codeProblem(_ text: String) -> String {
        if text.isEmpty { return "empty code" }
        if text.utf8.count > 15 { return "'\(text)' is \(text.utf8.count) characters long; a BNF code has at most 15" }
        return "'\(text)' is not a BNF code (printable ASCII, no commas or quotes)"
    }
}
