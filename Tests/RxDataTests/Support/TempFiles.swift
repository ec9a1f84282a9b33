import Foundation
import Testing

/// Temporary files for tests, removed when the value is released.
final class TempDir {
    let url: URL

    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` (latin-1 when `latin1` is set, else UTF-8) and returns the path.
    @discardableResult
    func write(_ name: String, _ text: String, latin1: Bool = false) -> String {
        let path = url.appendingPathComponent(name).path
        let data = latin1 ? text.data(using: .isoLatin1)! : Data(text.utf8)
        if !FileManager.default.createFile(atPath: path, contents: data) { Issue.record("cannot write \(path)") }
        return path
    }

    /// Writes raw bytes and returns the path.
    @discardableResult
    func write(_ name: String, bytes: [UInt8]) -> String {
        let path = url.appendingPathComponent(name).path
        if !FileManager.default.createFile(atPath: path, contents: Data(bytes)) { Issue.record("cannot write \(path)") }
        return path
    }

    /// A path inside the directory.
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Gzips a file with the system's gzip and returns the new path.
    func gzip(_ path: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-kf", path]
        try p.run()
        p.waitUntilExit()
        return path + ".gz"
    }
}

/// The shared reference data beside the project (`../shared/data`), when present.
enum SharedData {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()   // Support
        .deletingLastPathComponent()   // RxDataTests
        .deletingLastPathComponent()   // Tests
        .deletingLastPathComponent()   // package root
        .appendingPathComponent("../shared/data").standardizedFileURL

    static var available: Bool { FileManager.default.fileExists(atPath: root.appendingPathComponent("samples").path) }

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}
