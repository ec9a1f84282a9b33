import Foundation

/// Reads the reference CSVs under `../shared/data/reference-values` (beside the repository),
/// when present.
enum FunnelReferenceData {
    /// `../shared/data/reference-values`, resolved from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data/reference-values").standardizedFileURL

    /// Whether the reference data is present.
    static var available: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path) }

    /// The skip message.
    static let missing = "skipped: ../shared/data/reference-values (published reference values) is absent"

    /// The rows of a CSV as dictionaries keyed by header (RFC 4180 quoting).
    static func rows(_ relativePath: String) throws -> [[String: String]] {
        let text = try String(contentsOf: root.appendingPathComponent(relativePath), encoding: .utf8)
        var records = [[String]]()
        var field = "", record = [String](), quoted = false
        var iterator = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = iterator.next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n }
                    } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { record.append(field); field = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r" { if let n = iterator.next(), n != "\n" { pending = n } }
                record.append(field); field = ""
                if !(record.count == 1 && record[0].isEmpty) { records.append(record) }
                record = []
            } else { field.unicodeScalars.append(c) }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let header = records.first else { return [] }
        return records.dropFirst().map { r in
            Dictionary(uniqueKeysWithValues: zip(header, r).map { ($0, $1) })
        }
    }

    /// A numeric column of a row.
    static func number(_ row: [String: String], _ key: String) -> Double {
        Double(row[key] ?? "") ?? .nan
    }

    /// Whether `a` matches `b` within `relative` × |b| + `absolute`.
    static func close(_ a: Double, _ b: Double, relative: Double, absolute: Double = 0) -> Bool {
        abs(a - b) <= relative * abs(b) + absolute
    }
}
