/// A file could not be written, or its temporary could not be put in place.
///
/// Names the destination path, the step that failed and the system's reason, e.g.
/// `out/store/months/2024-01.rxsnap: rename failed: No space left on device`.
public struct AtomicFileError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The destination path.
    public var path: String
    /// The step that failed (`open`, `write`, `fsync`, `rename`, or a caller's own step).
    public var operation: String
    /// The system's reason, or the caller's.
    public var reason: String

    /// Creates an error.
    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    /// `path: operation failed: reason`.
    public var description: String { "\(path): \(operation) failed: \(reason)" }
}
