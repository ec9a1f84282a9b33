import Foundation
import Testing

/// The project's reference values beside the repository, `../shared/data/reference-values`,
/// resolved from this file's path; tests that read them are skipped when it is absent.
enum ReferenceValues {
    /// `../shared/data/reference-values`.
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Variation
        .deletingLastPathComponent()   // RxStatsTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root
        .appendingPathComponent("../shared/data/reference-values").standardizedFileURL

    /// Whether the folder is present.
    static var available: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("README.md").path) }

    /// The message shown for a skipped test.
    static let missing: Comment = "skipped: ../shared/data/reference-values is absent"

    /// A file under the folder.
    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    /// A simple CSV (quoted fields may contain commas; no embedded newlines) as dictionaries
    /// keyed by header.
    static func csv(_ relative: String) throws -> [[String: String]] {
        let text = try String(contentsOf: url(relative), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        guard !lines.isEmpty else { return [] }
        let header = fields(lines.removeFirst())
        return lines.map { line in
            let f = fields(line)
            var row: [String: String] = [:]
            for (i, h) in header.enumerated() where i < f.count { row[h] = f[i] }
            return row
        }
    }

    private static func fields(_ line: String) -> [String] {
        var out: [String] = []
        var current = ""
        var quoted = false
        for c in line {
            if c == "\"" { quoted.toggle() } else if c == "," && !quoted { out.append(current); current = "" } else { current.append(c) }
        }
        out.append(current)
        return out
    }
}

/// |a − b| ≤ tol · |b|.
func relativelyClose(_ a: Double, _ b: Double, _ tol: Double) -> Bool {
    abs(a - b) <= tol * abs(b)
}
