import Foundation

/// Runs the built `rxatlas` executable (found beside the test bundle) as a user would.
enum CLI {
    /// The executable, or nil when it was not built.
    static let path: String? = {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let p = dir.appendingPathComponent("rxatlas").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }()

    /// Why the CLI tests are skipped, when they are.
    static let missing = "the rxatlas executable was not found beside the test bundle"

    /// What one run printed and how it ended.
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `rxatlas` with `arguments` in `directory`.
    static func run(_ arguments: [String], in directory: String? = nil) throws -> Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path!)
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        // Read both pipes before waiting, so a long message cannot fill a pipe and block the child.
        final class Box: @unchecked Sendable { var data = Data() }
        let stdout = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { stdout.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: stdout.data, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    /// Runs `rxatlas first… | rxatlas second…` in `directory`; returns each side's status and the
    /// second's output.
    static func pipeline(_ first: [String], _ second: [String], in directory: String) throws -> (first: Int32, second: Run) {
        let a = Process(), b = Process()
        for (p, args) in [(a, first), (b, second)] {
            p.executableURL = URL(fileURLWithPath: path!)
            p.arguments = args
            p.currentDirectoryURL = URL(fileURLWithPath: directory)
        }
        let link = Pipe(), out = Pipe(), err = Pipe()
        a.standardOutput = link
        a.standardError = FileHandle.nullDevice
        b.standardInput = link
        b.standardOutput = out
        b.standardError = err
        try a.run()
        try b.run()
        final class Box: @unchecked Sendable { var data = Data() }
        let stdout = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { stdout.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        a.waitUntilExit()
        b.waitUntilExit()
        return (a.terminationStatus, Run(status: b.terminationStatus, stdout: String(decoding: stdout.data, as: UTF8.self),
                                         stderr: String(decoding: stderr, as: UTF8.self)))
    }

    /// The bundled sample, `datasets/sample`, found from this source file.
    static let sample: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets/sample").path
}

/// A temporary directory removed when released.
final class Scratch {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-cli-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// `name` inside the directory.
    func file(_ name: String) -> String { path + "/" + name }
}
