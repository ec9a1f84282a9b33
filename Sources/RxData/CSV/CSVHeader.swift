/// A CSV header row, looked up by column name rather than position.
///
/// Names are matched after trimming spaces and folding case, so `Practice Code`,
/// ` PRACTICE CODE ` and `practice code` are the same column. A name that appears twice keeps
/// its first position.
public struct CSVHeader: Sendable, Equatable {
    /// The names as written (untrimmed).
    public let names: [String]
    /// The 1-based line the header is on.
    public let line: Int
    private let positions: [String: Int]

    /// Creates a header from a record.
    public init(_ record: CSVRecord) {
        names = record.fields
        line = record.line
        var positions: [String: Int] = [:]
        for (i, name) in record.fields.enumerated() {
            let key = CSVHeader.normalise(name)
            if positions[key] == nil { positions[key] = i }
        }
        self.positions = positions
    }

    /// The column named `name` (case and padding ignored), or nil.
    public func index(of name: String) -> Int? { positions[CSVHeader.normalise(name)] }

    /// The first of `names` present in the header, with the column it names; nil if none is.
    public func firstIndex(ofAny names: [String]) -> (name: String, index: Int)? {
        for name in names {
            if let i = index(of: name) { return (name, i) }
        }
        return nil
    }

    /// Whether every one of `names` is a column.
    public func contains(all names: [String]) -> Bool { names.allSatisfy { index(of: $0) != nil } }

    /// The key names are compared by: trimmed and lowercased.
    public static func normalise(_ name: String) -> String {
        var s = CSVRecordReader.trim(name)
        if s.hasPrefix("\u{FEFF}") { s.removeFirst() }
        return s.lowercased()
    }
}
