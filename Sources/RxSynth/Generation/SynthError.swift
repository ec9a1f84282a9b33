/// Errors from synthetic-data generation.
public enum SynthError: Error, CustomStringConvertible, Equatable {
    /// A compiled-in or supplied reference table has a malformed line.
    case badReferenceTable(String, line: Int)
    /// The configuration cannot be generated (the message says why).
    case invalidConfiguration(String)
    /// Writing an output file failed.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .badReferenceTable(let table, let line): return "\(table): malformed line \(line)"
        case .invalidConfiguration(let why): return "invalid synth configuration: \(why)"
        case .writeFailed(let path, let reason): return "\(path): write failed: \(reason)"
        }
    }
}
