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
        let p = process(arguments, in: directory)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let (stdout, stderr) = drain(out, err)
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Runs `rxatlas first… | rxatlas second…` in `directory`; returns each side's status and the
    /// second's output.
    static func pipeline(_ first: [String], _ second: [String], in directory: String) throws -> (first: Int32, second: Run) {
        let a = process(first, in: directory), b = process(second, in: directory)
        let link = Pipe(), out = Pipe(), err = Pipe()
        a.standardOutput = link
        a.standardError = FileHandle.nullDevice
        b.standardInput = link
        b.standardOutput = out
        b.standardError = err
        try a.run()
        try b.run()
        let (stdout, stderr) = drain(out, err)
        a.waitUntilExit()
        b.waitUntilExit()
        return (a.terminationStatus, Run(status: b.terminationStatus, stdout: stdout, stderr: stderr))
    }

    /// The executable set up to run `arguments` in `directory`.
    private static func process(_ arguments: [String], in directory: String?) -> Process {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path!)
        p.arguments = arguments
        if let directory { p.currentDirectoryURL = URL(fileURLWithPath: directory) }
        return p
    }

    /// Reads both pipes to their ends, at once, so a long message cannot fill one and block the child.
    private static func drain(_ out: Pipe, _ err: Pipe) -> (stdout: String, stderr: String) {
        final class Box: @unchecked Sendable { var data = Data() }
        let stdout = Box()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { stdout.data = out.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        return (String(decoding: stdout.data, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
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
