import Foundation
import Testing

/// The published reference values beside the project (`../shared/data/reference-values`), read
/// as CSV rows keyed by header. Tests that need them are enabled only when the folder exists.
enum IntervalReferenceData {
    /// `../shared/data`, resolved from this file's path to the package root.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Intervals
        .deletingLastPathComponent()   // RxStatsTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root
        .appendingPathComponent("../shared/data").standardizedFileURL

    /// The reference-values folder.
    static var folder: URL { root.appendingPathComponent("reference-values") }

    /// Whether the reference values are present.
    static var available: Bool {
        FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path)
    }

    /// The message shown when they are absent.
    static let missing: Comment = "skipped: ../shared/data/reference-values (published PHEindicatormethods test values) is absent"

    /// The rows of `name`, each a dictionary from column name to field text.
    static func rows(_ name: String) throws -> [[String: String]] {
        let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        var records = parse(text)
        guard !records.isEmpty else { return [] }
        let header = records.removeFirst()
        return records.filter { $0.count == header.count }.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// A minimal RFC 4180 reader: commas, double-quoted fields with doubled quotes, LF or CRLF.
    static func parse(_ text: String) -> [[String]] {
        var records: [[String]] = [], fields: [String] = [], field = ""
        var quoted = false, afterQuote = false
        for ch in text {
            if quoted {
                if ch == "\"" { quoted = false; afterQuote = true } else { field.append(ch) }
                continue
            }
            switch ch {
            case "\"": if afterQuote { field.append("\"") }; quoted = true
            case ",": fields.append(field); field = ""
            case "\n", "\r\n":
                fields.append(field); field = ""
                records.append(fields); fields = []
            case "\r": break
            default: field.append(ch)
            }
            afterQuote = false
        }
        if !field.isEmpty || !fields.isEmpty { fields.append(field); records.append(fields) }
        return records
    }
}

/// Field text as a number; "NA" and empty text are NaN.
func refNumber(_ text: String?) -> Double {
    guard let text, text != "NA", !text.isEmpty else { return .nan }
    return Double(text) ?? .nan
}

/// Whether `actual` is within `rel` of `expected`, relative to |expected|; a missing expected
/// value (NaN) matches only a missing actual value (`nil`).
func agrees(_ actual: Double?, _ expected: Double, rel: Double) -> Bool {
    if expected.isNaN { return actual == nil || actual!.isNaN }
    guard let actual, !actual.isNaN else { return false }
    return abs(actual - expected) <= rel * abs(expected)
}
