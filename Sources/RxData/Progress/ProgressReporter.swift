import Foundation

/// What a long operation tells its caller while it runs: progress through a counted task, a
/// phase finished (with its wall time), or a message.
///
/// Library code reports through a ``ProgressReporter``; the command-line tool renders the events
/// as a progress bar on a terminal or as plain log lines otherwise. Library code never prints.
public enum ProgressEvent: Sendable, Equatable {
    /// `done` of `total` units of the task `label` are complete.
    case step(label: String, done: Int, total: Int)
    /// The phase `label` finished after `seconds` of wall time.
    case phase(label: String, seconds: Double)
    /// A message for the user at a given importance.
    case message(String, level: ProgressLevel)
}

/// The importance of a ``ProgressEvent/message(_:level:)``.
public enum ProgressLevel: Int, Sendable, Comparable {
    /// Detail shown only with `--verbose`.
    case detail = 0
    /// Normal information (hidden by `--quiet`).
    case info = 1
    /// A warning (always shown).
    case warning = 2

    public static func < (a: ProgressLevel, b: ProgressLevel) -> Bool { a.rawValue < b.rawValue }
}

/// A sink for ``ProgressEvent``s: a closure, safe to call from any thread. ``silent`` discards them.
public struct ProgressReporter: Sendable {
    /// Receives every event.
    public let handler: @Sendable (ProgressEvent) -> Void

    /// A reporter calling `handler` for every event.
    public init(_ handler: @escaping @Sendable (ProgressEvent) -> Void) { self.handler = handler }

    /// A reporter that discards everything.
    public static let silent = ProgressReporter { _ in }

    /// Reports `done` of `total` units of `label`.
    public func step(_ label: String, done: Int, total: Int) { handler(.step(label: label, done: done, total: total)) }

    /// Reports a message.
    public func message(_ text: String, level: ProgressLevel = .info) { handler(.message(text, level: level)) }

    /// Runs `body` as the phase `label` and reports its wall time when it returns or throws.
    public func phase<T>(_ label: String, _ body: () throws -> T) rethrows -> T {
        let start = Date()
        defer { handler(.phase(label: label, seconds: Date().timeIntervalSince(start))) }
        return try body()
    }
}

extension ProgressReporter {
    /// A thread-safe counter for a task of `total` units that reports a step each time a unit
    /// completes (for parallel loops).
    public func counter(_ label: String, total: Int) -> ProgressCounter { ProgressCounter(reporter: self, label: label, total: total) }
}

/// Counts completed units of a task from any thread and reports each as a
/// ``ProgressEvent/step(label:done:total:)``.
public final class ProgressCounter: @unchecked Sendable {
    private let reporter: ProgressReporter
    private let label: String
    private let total: Int
    private let lock = NSLock()
    private var done = 0

    init(reporter: ProgressReporter, label: String, total: Int) {
        self.reporter = reporter
        self.label = label
        self.total = total
    }

    /// Marks one more unit complete.
    public func advance() {
        lock.lock()
        done += 1
        let d = done
        lock.unlock()
        reporter.step(label, done: d, total: total)
    }
}
