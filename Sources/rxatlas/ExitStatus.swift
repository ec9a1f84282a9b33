import ArgumentParser
import Foundation
import RxBatch
import RxData
import RxDMD

/// The process exit codes of `rxatlas` (documented in README.md, "Exit codes").
enum ExitStatus: Int32 {
    /// Success.
    case ok = 0
    /// The command failed (an I/O error, a broken store, an analysis error).
    case failure = 1
    /// The command line or a batch config is wrong (unknown option, bad value, bad key).
    case usage = 2
    /// A batch ran, but at least one of its jobs failed (see its manifest).
    case batchJobsFailed = 3
    /// An input data file is malformed (the message names file, line and field).
    case badInput = 4

    /// The status for an error thrown out of a command, and the message to print.
    ///
    /// Every message starts with `error: `. A usage error raised while `command` (a subcommand)
    /// runs is followed by that subcommand's usage, not the root command's.
    static func classify(_ error: Error, command: ParsableCommand.Type? = nil) -> (status: ExitStatus, message: String) {
        switch error {
        case let e as BatchJobsFailed: return (.batchJobsFailed, "error: \(e)")
        case let e as InputError: return (e.isUnreadable ? .failure : .badInput, "error: \(e)")
        case let e as DMDError: return (e.file == nil ? .failure : .badInput, "error: \(e)")
        case let e as BatchConfigError: return (.usage, "error: \(e)")
        case let e as ExitCode:
            return (e == .success ? .ok : e == .validationFailure ? .usage : .failure, "")
        case let e as ValidationError:
            guard let command, command != RxAtlasCommand.self else { break }
            return (.usage, "error: \(e.message)\n" + usage(of: command))
        default: break
        }
        let code = RxAtlasCommand.exitCode(for: error)
        let message = normalised(RxAtlasCommand.fullMessage(for: error))
        if code == .success { return (.ok, message) }
        if code == .validationFailure { return (.usage, message) }
        return (.failure, message.isEmpty ? "error: \(error)" : message)
    }

    /// The usage lines of a subcommand, as the argument parser prints them after a parse error.
    static func usage(of command: ParsableCommand.Type) -> String {
        let usage = RxAtlasCommand.usageString(for: command)
        let words = usage.split(separator: " ").prefix { !$0.hasPrefix("-") && !$0.hasPrefix("<") && !$0.hasPrefix("[") }
        return "Usage: \(usage)\n  See '\(words.joined(separator: " ")) --help' for more information."
    }

    /// The argument parser's messages start with `Error: `; ours with `error: `. One spelling.
    static func normalised(_ message: String) -> String {
        message.hasPrefix("Error: ") ? "error: " + message.dropFirst("Error: ".count) : message
    }
}

/// Thrown by `rxatlas batch` when the batch finished but some jobs failed.
struct BatchJobsFailed: Error, CustomStringConvertible {
    let failed: Int
    let total: Int
    let manifest: String
    var description: String { "\(failed) of \(total) batch jobs failed (see \(manifest))" }
}

extension RxAtlasCommand {
    /// `--quiet` and `--verbose` given before the subcommand (`rxatlas --quiet atlas …`) moved
    /// after it, where every subcommand accepts them.
    static func movingLogOptions(_ arguments: [String]) -> [String] {
        let flags: Set<String> = ["--quiet", "--verbose"]
        let leading = arguments.prefix { flags.contains($0) }
        guard !leading.isEmpty, arguments.count > leading.count else { return arguments }
        var rest = Array(arguments.dropFirst(leading.count))
        // Nested subcommands (`store info`) keep their words together before the flags.
        var words = 1
        while words < rest.count, !rest[words].hasPrefix("-"), rest[words - 1] == "store" { words += 1 }
        rest.insert(contentsOf: leading, at: words)
        return rest
    }

    /// Parses the command line, runs the command and exits with an ``ExitStatus``.
    static func main() async {
        var parsed: ParsableCommand.Type? = nil
        do {
            var command = try parseAsRoot(Self.movingLogOptions(Array(CommandLine.arguments.dropFirst())))
            parsed = type(of: command)
            if var async = command as? AsyncParsableCommand { try await async.run() } else { try command.run() }
        } catch {
            let (status, message) = ExitStatus.classify(error, command: parsed)
            if !message.isEmpty {
                if status == .ok { print(message) } else { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            }
            Foundation.exit(status.rawValue)
        }
    }
}
