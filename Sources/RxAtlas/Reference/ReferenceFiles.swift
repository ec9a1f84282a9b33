import Foundation
import RxData

/// Finds the project's own reference data (`datasets/reference/...`): walking up from the current
/// directory, from the executable's directory and from `share/rxatlas` beside it (where
/// `make install` puts the tables), and from this package's root (known at compile time), so the
/// built-in tables are found from a checkout, an installed binary, or a test run.
public enum ReferenceFiles {
    /// The first existing `relativePath` (a file or directory) found from the starting points.
    /// - Throws: ``RxData/InputError`` saying where it looked, and what to pass instead (`hint`).
    public static func locate(_ relativePath: String, hint: String) throws -> String {
        let fm = FileManager.default
        var starts: [URL] = [URL(fileURLWithPath: fm.currentDirectoryPath)]
        if let exe = Bundle.main.executableURL {
            let dir = exe.resolvingSymlinksInPath().deletingLastPathComponent()
            starts.append(dir)
            starts.append(dir.deletingLastPathComponent().appendingPathComponent("share/rxatlas"))
        }
        // This file is <root>/Sources/RxAtlas/Reference/ReferenceFiles.swift.
        starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent())
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                let candidate = dir.appendingPathComponent(relativePath).path
                if fm.fileExists(atPath: candidate) { return candidate }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        throw InputError(file: relativePath,
                         reason: "not found walking up from \(starts.map(\.path).joined(separator: ", ")); \(hint)")
    }
}
