import Foundation

/// OpenPrescribing's `*_bnf_codes_query` SQL is written for BigQuery. The few constructs these
/// queries use that SQLite reads differently are rewritten here (docs/DMD.md lists them); string
/// literals are left as they are.
///
/// - `# comment` to the end of the line (BigQuery's second comment syntax) is removed; `--`
///   comments SQLite reads itself;
/// - `"text"` (a string in BigQuery, a name in SQLite) becomes `'text'`;
/// - string literals separated only by white space and comments are one literal, as in
///   GoogleSQL and the SQL standard (`'a' -- note` then `'b'` on the next line is `'ab'`);
///   SQLite would refuse them. ``joinedLiterals(_:)`` lists them, for the measure's notes;
/// - backticks around names are removed;
/// - dataset prefixes: `{project}.` is dropped; `{dmd}.` and `dmd.` name the attached release
///   (`dmd.vmp`), except OpenPrescribing's `vmp_full` and `amp_full` views, which are RxAtlas's
///   own (``DMDViews``); `{measures}.`, `measures.`, `{hscic}.` and `hscic.` name RxAtlas's own
///   views and tables of those names;
/// - `UNION DISTINCT` becomes `UNION`;
/// - `STRPOS(` becomes `instr(`;
/// - `CONCAT(`, `SUBSTR(` and `LEFT(` become `bq_concat(`, `bq_substr(` and `bq_left(`, functions
///   a ``DMDDatabase`` connection defines with BigQuery's meaning (``BigQueryFunctions``):
///   `CONCAT` is NULL when an argument is, and `SUBSTR` takes position 0 as 1 and a negative
///   position from the end, where SQLite's `substr(x, 0, 9)` gives eight characters.
///
/// `LIKE` is made case-sensitive on the connection, as BigQuery's is. A placeholder left in
/// braces (`{three_months_ago}`) is refused: it is filled in by OpenPrescribing's pipeline.
public enum BigQueryTranslation {
    /// The SQLite text of a BigQuery query.
    /// - Throws: ``DMDError`` for a placeholder RxAtlas does not fill.
    public static func sqlite(_ sql: String) throws -> String {
        var out = ""
        var chars = Array(sql)
        chars.append("\n")
        var i = 0
        var code = ""
        func flush() {
            out += rewrite(code)
            code = ""
        }
        while i < chars.count - 1 {
            let c = chars[i]
            if c == "'" || c == "\"" {
                flush()
                // A literal followed, past white space and comments, by another is one literal.
                let (pieces, end) = Self.literal(chars, at: i)
                let literal = pieces.joined()
                out += "'" + literal.replacingOccurrences(of: "'", with: "''") + "'"
                i = end
                continue
            }
            if c == "#" || (c == "-" && chars[i + 1] == "-") {
                while i < chars.count - 1 && chars[i] != "\n" { i += 1 }
                code.append(" ")
                continue
            }
            if c == "`" { i += 1; continue }
            code.append(c)
            i += 1
        }
        flush()
        if let open = out.firstIndex(of: "{"), let close = out[open...].firstIndex(of: "}") {
            throw DMDError(reason: "the query uses \(out[open...close]), which OpenPrescribing's pipeline fills in and RxAtlas does not")
        }
        return out
    }

    /// The literals of `sql` that are written as several adjacent literals (white space and
    /// comments between them), each as GoogleSQL reads it: one string, the pieces joined. A
    /// missing comma in an `IN (…)` list reads this way: the two codes become one string that
    /// matches no code.
    public static func joinedLiterals(_ sql: String) -> [String] {
        let chars = Array(sql) + ["\n"]
        var out: [String] = []
        var i = 0
        while i < chars.count - 1 {
            let c = chars[i]
            if c == "#" || (c == "-" && chars[i + 1] == "-") {
                while i < chars.count - 1 && chars[i] != "\n" { i += 1 }
                continue
            }
            guard c == "'" || c == "\"" else { i += 1; continue }
            let (pieces, end) = literal(chars, at: i)
            i = end
            if pieces.count > 1 { out.append(pieces.joined()) }
        }
        return out
    }

    /// The string literal whose opening quote is at `chars[i]`, with the literals that follow it
    /// past white space and comments: each one's text (escapes kept as written) and the index
    /// after the last closing quote. `chars` ends with a sentinel newline.
    static func literal(_ chars: [Character], at i: Int) -> (pieces: [String], end: Int) {
        var pieces: [String] = []
        var quote = chars[i], j = i + 1
        while true {
            var piece = ""
            while j < chars.count - 1 && chars[j] != quote {
                if chars[j] == "\\" && j + 1 < chars.count - 1 { piece.append(chars[j]); j += 1 }
                piece.append(chars[j]); j += 1
            }
            pieces.append(piece)
            let k = skipSpaceAndComments(chars, from: j + 1)
            guard k < chars.count - 1, chars[k] == "'" || chars[k] == "\"" else { return (pieces, j + 1) }
            quote = chars[k]
            j = k + 1
        }
    }

    /// The index of the first character at or after `i` that is not white space or in a comment.
    static func skipSpaceAndComments(_ chars: [Character], from i: Int) -> Int {
        var k = i
        while k < chars.count - 1 {
            if chars[k].isWhitespace { k += 1; continue }
            if chars[k] == "#" || (chars[k] == "-" && chars[k + 1] == "-") {
                while k < chars.count - 1 && chars[k] != "\n" { k += 1 }
                continue
            }
            break
        }
        return k
    }

    /// The rewrites outside string literals.
    static func rewrite(_ code: String) -> String {
        var s = code.replacingOccurrences(of: "{project}.", with: "")
        for view in DMDViews.ownViews {
            for prefix in ["{dmd}.", "dmd."] { s = s.replacingOccurrences(of: prefix + view, with: view) }
        }
        s = s.replacingOccurrences(of: "{dmd}.", with: "dmd.")
        for prefix in ["{measures}.", "{hscic}."] { s = s.replacingOccurrences(of: prefix, with: "") }
        s = replacingWord(s, "measures.", with: "")
        s = replacingWord(s, "hscic.", with: "")
        s = s.replacingOccurrences(of: "UNION DISTINCT", with: "UNION", options: .caseInsensitive)
        s = s.replacingOccurrences(of: "STRPOS(", with: "instr(", options: .caseInsensitive)
        for (bigQuery, ours) in [("CONCAT(", "bq_concat("), ("SUBSTR(", "bq_substr("), ("LEFT(", "bq_left(")] {
            s = replacingWord(s, bigQuery, with: ours, caseInsensitive: true)
        }
        return s
    }

    /// `s` with `word` replaced where it starts a name (not preceded by a letter, digit, `_` or `.`).
    static func replacingWord(_ s: String, _ word: String, with replacement: String, caseInsensitive: Bool = false) -> String {
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: word, options: caseInsensitive ? .caseInsensitive : []) {
            let before = r.lowerBound == rest.startIndex ? out.last : rest[rest.index(before: r.lowerBound)]
            out += rest[..<r.lowerBound]
            if let b = before, b.isLetter || b.isNumber || b == "_" || b == "." { out += rest[r] } else { out += replacement }
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
