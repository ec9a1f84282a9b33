/// A batch configuration that cannot be used, naming the file and the key at fault
/// (`analysis[2].period.from`), or the line and column of a TOML syntax error.
public struct BatchConfigError: Error, CustomStringConvertible, Equatable {
    /// The configuration file.
    public var file: String
    /// The dotted key path at fault (`""` for the whole document), or `line:column` for syntax errors.
    public var key: String
    /// What is wrong.
    public var reason: String

    /// Creates an error.
    public init(file: String, key: String, reason: String) {
        self.file = file
        self.key = key
        self.reason = reason
    }

    public var description: String { key.isEmpty ? "\(file): \(reason)" : "\(file): \(key): \(reason)" }
}
