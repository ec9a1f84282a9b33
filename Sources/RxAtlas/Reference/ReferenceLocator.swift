import Foundation

/// Finds RxAtlas's bundled reference files (`datasets/reference/…`) without configuration.
enum ReferenceLocator {
    /// The first existing `relativePath` found walking up from the current directory, from the
    /// executable's directory, and from this package's root (known at compile time); nil when
    /// none is found. `starts` lists where the walk began, for messages.
    static func locate(_ relativePath: String, directory: Bool) -> (path: String?, starts: [String]) {
        let fm = FileManager.default
        func exists(_ path: String) -> Bool {
            var isDir: ObjCBool = false
            return fm.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue == directory
        }
        var starts: [URL] = [URL(fileURLWithPath: fm.currentDirectoryPath)]
        if let exe = Bundle.main.executableURL { starts.append(exe.resolvingSymlinksInPath().deletingLastPathComponent()) }
        // This file is <root>/Sources/RxAtlas/Reference/ReferenceLocator.swift.
        starts.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent())
        for start in starts {
            var dir = start.standardizedFileURL
            while true {
                let candidate = dir.appendingPathComponent(relativePath).path
                if exists(candidate) { return (candidate, starts.map(\.path)) }
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return (nil, starts.map(\.path))
    }
}
