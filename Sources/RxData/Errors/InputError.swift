import Foundation

/// A problem with an input file, located precisely enough to fix it.
///
/// Every error names the file; row-level errors add the 1-based line number and the field
/// (column name) at fault, and all give a plain reason.
public struct InputError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file being read.
    public var file: String
    /// The 1-based line number, when the problem is on one line.
    public var line: Int?
    /// The column name, when the problem is in one field.
    public var field: String?
    /// What is wrong, in plain words.
    public var reason: String
    /// Whether the file could not be opened or read at all (missing, a directory, no permission,
    /// an I/O error), as opposed to being read and found malformed. The CLI exits 1 for the
    /// first and 4 for the second.
    public var isUnreadable: Bool

    /// Creates an error.
    public init(file: String, line: Int? = nil, field: String? = nil, reason: String, isUnreadable: Bool = false) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
        self.isUnreadable = isUnreadable
    }

    /// An error for a path that is a directory, a pipe or a device rather than a regular file
    /// (`mode` from `stat`), or nil when it is a regular file.
    public static func notRegularFile(_ file: String, mode: mode_t) -> InputError? {
        guard (mode & S_IFMT) != S_IFREG else { return nil }
        let what = (mode & S_IFMT) == S_IFDIR ? "a directory" : "a pipe or device"
        return InputError(file: file, reason: "is \(what), not a regular file: RxAtlas reads files it can map; save the data to a file first",
                          isUnreadable: true)
    }

    /// An error for a file that cannot be opened or read; `errno` names the system's reason.
    public static func unreadable(_ file: String, _ what: String, errno code: Int32) -> InputError {
        InputError(file: file, reason: "\(what): \(String(cString: strerror(code)))", isUnreadable: true)
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let field { s += ": field \(field)" }
        return s + ": " + reason
    }
}

/// A problem with a store directory or one of its snapshot files.
public struct StoreError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file or directory concerned.
    public var path: String
    /// What is wrong.
    public var reason: String

    /// Creates an error.
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
