import Foundation
import RxData

/// A parsed JSON object with typed, located field access.
///
/// Every failure becomes an ``InputError`` naming the file and the field (dotted for nested
/// objects, e.g. `numerator.type`), so a bad definition can be fixed without guessing.
struct MeasureJSONObject {
    /// The file the object came from.
    let file: String
    /// The dotted path of this object inside the file ("" at the top).
    let path: String
    /// The raw values.
    let values: [String: Any]

    /// Parses `data` as a JSON object.
    static func parse(_ data: Data, file: String) throws -> MeasureJSONObject {
        let raw: Any
        do {
            raw = try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
            throw InputError(file: file, reason: "not valid JSON: \(detail)")
        }
        guard let object = raw as? [String: Any] else {
            throw InputError(file: file, reason: "a measure definition must be a JSON object")
        }
        return MeasureJSONObject(file: file, path: "", values: object)
    }

    /// The full name of `key` for messages.
    func name(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

    /// An error about `key`.
    func error(_ key: String, _ reason: String) -> InputError {
        InputError(file: file, field: name(key), reason: reason)
    }

    /// Whether `key` is present (a JSON null counts as absent).
    func has(_ key: String) -> Bool {
        guard let v = values[key] else { return false }
        return !(v is NSNull)
    }

    /// A required string.
    func string(_ key: String) throws -> String {
        guard has(key) else { throw error(key, "missing") }
        guard let s = values[key] as? String else { throw error(key, "must be a string") }
        return s
    }

    /// An optional string; a list of strings is joined with single spaces (OpenPrescribing
    /// writes long texts as lists of lines and joins them so).
    func text(_ key: String, required: Bool = false) throws -> String? {
        guard has(key) else {
            if required { throw error(key, "missing") }
            return nil
        }
        if let s = values[key] as? String { return s }
        if let list = values[key] as? [Any] {
            var parts: [String] = []
            for (i, item) in list.enumerated() {
                guard let s = item as? String else { throw error("\(key)[\(i)]", "must be a string") }
                parts.append(s)
            }
            return parts.joined(separator: " ")
        }
        throw error(key, "must be a string or a list of strings")
    }

    /// An optional list of strings.
    func strings(_ key: String) throws -> [String]? {
        guard has(key) else { return nil }
        guard let list = values[key] as? [Any] else { throw error(key, "must be a list of strings") }
        var out: [String] = []
        for (i, item) in list.enumerated() {
            guard let s = item as? String else { throw error("\(key)[\(i)]", "must be a string") }
            out.append(s)
        }
        return out
    }

    /// A boolean; OpenPrescribing sometimes writes `"true"`/`"false"` as strings, accepted when
    /// `lenient`.
    func bool(_ key: String, default value: Bool? = nil, lenient: Bool = false) throws -> Bool {
        guard has(key) else {
            if let value { return value }
            throw error(key, "missing")
        }
        let v = values[key]!
        if let n = v as? NSNumber, Self.isBoolean(n) { return n.boolValue }
        if lenient, let s = v as? String {
            switch s.lowercased() {
            case "true": return true
            case "false": return false
            default: break
            }
        }
        throw error(key, "must be true or false")
    }

    /// A non-negative number.
    func number(_ key: String, default value: Double) throws -> Double {
        guard has(key) else { return value }
        let v = values[key]!
        guard let n = v as? NSNumber, !Self.isBoolean(n) else {
            throw error(key, "must be a number")
        }
        let d = n.doubleValue
        guard d.isFinite, d >= 0 else { throw error(key, "must be a finite number at or above 0") }
        return d
    }

    /// Whether a number from JSONSerialization is a JSON `true`/`false` (booleans are held as
    /// `char` numbers, integers and reals never are).
    static func isBoolean(_ n: NSNumber) -> Bool {
        let t = String(cString: n.objCType)
        return t == "c" || t == "B"
    }

    /// A nested object.
    func object(_ key: String) throws -> MeasureJSONObject {
        guard has(key) else { throw error(key, "missing") }
        guard let o = values[key] as? [String: Any] else { throw error(key, "must be an object") }
        return MeasureJSONObject(file: file, path: name(key), values: o)
    }

    /// Parses a BNF filter from the list at `key`, naming the offending line on failure.
    func filter(_ key: String) throws -> BNFFilter {
        guard let lines = try strings(key) else { throw error(key, "missing") }
        guard !lines.isEmpty else { throw error(key, "the filter has no lines") }
        do {
            return try BNFFilter(lines)
        } catch let e as BNFFilter.ParseError {
            let field = e.term.isEmpty ? key : "\(key)[\(e.index)]"
            throw error(field, e.term.isEmpty ? e.reason : "malformed BNF filter term '\(e.term)': \(e.reason)")
        }
    }
}
