#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import RxData

/// Renders ``ProgressEvent``s on standard error: a redrawn progress bar when standard error is a
/// terminal, plain log lines when it is not (for a task running over two seconds, a line every two
/// seconds and one at the end, so short tasks stay silent in logs). `--quiet` shows only
/// warnings; `--verbose` adds detail messages and phase timings.
final class ProgressRenderer: @unchecked Sendable {
    private let quiet: Bool
    private let verbose: Bool
    private let isTerminal: Bool
    private let lock = NSLock()
    private var barShown = false
    /// Per task label: when it started and when a log line was last written (nil: none yet).
    private var logTimes: [String: (started: Date, logged: Date?)] = [:]
    private var lastDraw = Date.distantPast

    private init(quiet: Bool, verbose: Bool) {
        self.quiet = quiet
        self.verbose = verbose
        isTerminal = isatty(STDERR_FILENO) == 1
    }

    private nonisolated(unsafe) static var instance: ProgressRenderer?
    private static let instanceLock = NSLock()

    /// The process's renderer (one per run; the first caller's settings win).
    static func shared(quiet: Bool, verbose: Bool) -> ProgressRenderer {
        instanceLock.lock()
        defer { instanceLock.unlock() }
        if let instance { return instance }
        let r = ProgressRenderer(quiet: quiet, verbose: verbose)
        instance = r
        return r
    }

    /// The reporter that feeds this renderer.
    var reporter: ProgressReporter { ProgressReporter { [self] in render($0) } }

    /// Removes a progress bar from the terminal line so other output starts clean.
    func clearLine() {
        lock.lock()
        defer { lock.unlock() }
        clearBar()
    }

    private func clearBar() {
        if barShown { write("\r\u{1B}[2K") }
        barShown = false
    }

    private func write(_ s: String) { FileHandle.standardError.write(Data(s.utf8)) }

    private func render(_ event: ProgressEvent) {
        lock.lock()
        defer { lock.unlock() }
        switch event {
        case .message(let text, let level):
            guard level == .warning || (!quiet && (level == .info || verbose)) else { return }
            clearBar()
            write((level == .warning ? "warning: " : "") + text + "\n")
        case .phase(let label, let seconds):
            guard verbose else { return }
            clearBar()
            write("phase \(label): \(String(format: "%.3f", seconds)) s\n")
        case .step(let label, let done, let total):
            guard !quiet, total > 0 else { return }
            if isTerminal {
                let now = Date()
                guard done == total || now.timeIntervalSince(lastDraw) > 0.05 else { return }
                lastDraw = now
                let width = 30
                let filled = min(width, done * width / total)
                write("\r\u{1B}[2K[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
                      + "] \(done)/\(total) \(label)")
                barShown = true
                if done == total { write("\n"); barShown = false }
            } else {
                let now = Date()
                let t = logTimes[label] ?? (now, nil)
                let due = now.timeIntervalSince(t.logged ?? t.started) >= 2
                if done >= total {
                    logTimes[label] = nil
                    if t.logged != nil || due { write("\(label): \(done)/\(total) done\n") }
                } else if due {
                    logTimes[label] = (t.started, now)
                    write("\(label): \(done)/\(total)\n")
                } else {
                    logTimes[label] = t
                }
            }
        }
    }
}
