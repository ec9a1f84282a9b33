/// A typed result table: named, typed columns and rows of values, the one shape every output
/// writer takes (CSV here; JSON and SQLite in RxReport). Analyses build their results as tables
/// once, and each writer decides how a type is spelled in its format.
///
/// Rows are produced on demand by `row(i)` for `i` in `0 ..< rowCount`, so a table over a large
/// result (millions of organisation-months) need not hold every row as values at once.
public struct ResultTable: Sendable {
    /// The table's name: the CSV file's base name and the SQLite table's name.
    public var name: String
    /// The columns, in order.
    public var columns: [ResultColumn]
    /// The number of rows.
    public var rowCount: Int
    /// Row `i`, one value per column.
    public let row: @Sendable (Int) -> [ResultValue]

    /// A table whose rows are computed on demand.
    public init(name: String, columns: [ResultColumn], rowCount: Int, row: @escaping @Sendable (Int) -> [ResultValue]) {
        self.name = name
        self.columns = columns
        self.rowCount = rowCount
        self.row = row
    }

    /// A table over rows held in memory (each with one value per column).
    public init(name: String, columns: [ResultColumn], rows: [[ResultValue]]) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row of table \(name) needs \(columns.count) values")
        self.init(name: name, columns: columns, rowCount: rows.count, row: { rows[$0] })
    }

    /// The column names, in order (the CSV header).
    public var columnNames: [String] { columns.map(\.name) }

    /// The index of the column called `name`.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }
}

/// One column of a ``ResultTable``.
public struct ResultColumn: Sendable, Equatable, Hashable {
    /// The column's name.
    public var name: String
    /// The column's type.
    public var type: ResultColumnType

    /// Creates a column.
    public init(_ name: String, _ type: ResultColumnType) {
        self.name = name
        self.type = type
    }
}

/// The type of a ``ResultColumn``.
public enum ResultColumnType: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Text (codes, names, months as `YYYY-MM`, flags).
    case text
    /// A whole number.
    case integer
    /// A real number, written in the shortest form that reads back to the same double.
    case real
    /// An amount in pounds: a real number written to the penny.
    case pounds
    /// True or false.
    case boolean
}

/// One value of a ``ResultTable``; ``null`` is a missing value (an empty CSV field, JSON null,
/// SQL NULL).
public enum ResultValue: Sendable, Equatable, Hashable {
    /// Missing.
    case null
    /// Text.
    case text(String)
    /// A whole number.
    case integer(Int64)
    /// A real number (finite; use ``number(_:)`` to map NaN and infinities to ``null``).
    case real(Double)
    /// True or false.
    case boolean(Bool)

    /// A real value, or ``null`` for nil, NaN or an infinity.
    public static func number(_ v: Double?) -> ResultValue {
        guard let v, v.isFinite else { return .null }
        return .real(v)
    }

    /// A whole-number value, or ``null`` for nil.
    public static func count(_ v: Int?) -> ResultValue {
        v.map { .integer(Int64($0)) } ?? .null
    }

    /// A text value, or ``null`` for nil.
    public static func optionalText(_ v: String?) -> ResultValue {
        v.map { .text($0) } ?? .null
    }

    /// The value as CSV (and plain) text for a column of `type`: empty for ``null``; numbers by
    /// ``CSVWriter/number(_:missing:)``, or to the penny for ``ResultColumnType/pounds``;
    /// `true`/`false` for booleans.
    public func text(as type: ResultColumnType) -> String {
        switch self {
        case .null: return ""
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .real(let v): return type == .pounds ? CSVWriter.pounds(v) : CSVWriter.number(v)
        case .boolean(let b): return b ? "true" : "false"
        }
    }
}
