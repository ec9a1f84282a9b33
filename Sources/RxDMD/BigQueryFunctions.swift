import GRDB

/// BigQuery's `CONCAT`, `SUBSTR` and `LEFT`, defined on a SQLite connection as `bq_concat`,
/// `bq_substr` and `bq_left` (``BigQueryTranslation`` rewrites the calls), so that
/// OpenPrescribing's joins on parts of BNF codes mean what they mean in BigQuery.
enum BigQueryFunctions {
    /// `CONCAT(a, b, …)`: NULL when any argument is NULL.
    static let concat = DatabaseFunction("bq_concat", argumentCount: nil, pure: true) { values in
        var out = ""
        for v in values {
            guard let s = text(v) else { return nil }
            out += s
        }
        return out
    }

    /// `SUBSTR(value, position[, length])`: 1-based; a negative position counts from the end
    /// (-1 the last character); position 0, or one before the start, is taken as 1.
    static let substr = DatabaseFunction("bq_substr", argumentCount: nil, pure: true) { values in
        guard values.count == 2 || values.count == 3, let s = text(values[0]), let p = Int64.fromDatabaseValue(values[1]) else { return nil }
        let chars = Array(s)
        let n = Int64(chars.count)
        var start = p > 0 ? p - 1 : p < 0 ? n + p : 0
        if start < 0 { start = 0 }
        guard start < n else { return "" }
        var end = n
        if values.count == 3 {
            guard let length = Int64.fromDatabaseValue(values[2]) else { return nil }
            guard length >= 0 else { return nil }
            end = min(n, start + length)
        }
        return String(chars[Int(start)..<Int(end)])
    }

    /// `LEFT(value, length)`: the first `length` characters.
    static let left = DatabaseFunction("bq_left", argumentCount: 2, pure: true) { values in
        guard let s = text(values[0]), let n = Int64.fromDatabaseValue(values[1]), n >= 0 else { return nil }
        return String(s.prefix(Int(n)))
    }

    /// Every function.
    static let all = [concat, substr, left]

    /// A value as BigQuery would cast it into a string argument (numbers as their digits).
    static func text(_ v: DatabaseValue) -> String? {
        switch v.storage {
        case .string(let s): return s
        case .int64(let i): return String(i)
        case .double(let d): return String(d)
        default: return nil
        }
    }
}
