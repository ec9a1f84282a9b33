import ArgumentParser
import RxData

/// `--quiet` and `--verbose`, accepted by every subcommand, and the reporter that renders the
/// library's progress events for them (see ``ProgressRenderer``).
struct LogOptions: ParsableArguments {
    @Flag(help: "Print only warnings and errors (no progress, no summary).") var quiet = false
    @Flag(help: "Also print detail and each phase's wall time.") var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be combined") }
    }

    /// The reporter the command passes to the library.
    var reporter: ProgressReporter { ProgressRenderer.shared(quiet: quiet, verbose: verbose).reporter }

    /// Prints a command's result line (standard output, unless --quiet).
    func result(_ line: String) {
        ProgressRenderer.shared(quiet: quiet, verbose: verbose).clearLine()
        if !quiet { print(line) }
    }

    /// Runs `body` as a named phase (its time is printed with --verbose).
    func phase<T>(_ label: String, _ body: () throws -> T) rethrows -> T { try reporter.phase(label, body) }
}
