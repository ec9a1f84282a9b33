/// An indicator table a researcher brings: one row per unit with a numerator and a denominator
/// (for a ratio, the denominator column holds the expected count), read from CSV with every bad
/// row named by its line.
public struct IndicatorTable: Sendable, Equatable {
    /// Unit labels, in file order.
    public var units: [String]
    /// Numerators (observed counts).
    public var numerators: [Double]
    /// Denominators (populations, or expected counts for a ratio).
    public var denominators: [Double]
    /// The 1-based file line of each unit.
    public var lines: [Int]

    /// Creates a table from columns of equal length.
    public init(units: [String], numerators: [Double], denominators: [Double], lines: [Int]) {
        self.units = units
        self.numerators = numerators
        self.denominators = denominators
        self.lines = lines
    }

    /// Which rows are acceptable.
    public struct Rules: Sendable, Equatable {
        /// Refuse a numerator above its denominator (proportions).
        public var numeratorWithinDenominator: Bool
        /// Refuse a denominator of zero (proportions and rates need a positive one).
        public var positiveDenominator: Bool

        /// Creates rules.
        public init(numeratorWithinDenominator: Bool, positiveDenominator: Bool) {
            self.numeratorWithinDenominator = numeratorWithinDenominator
            self.positiveDenominator = positiveDenominator
        }
    }

    /// Reads `path` (plain, `.gz` or `.zip`), taking the named columns (matched without regard
    /// to case). Every row must have a unit, and numbers that are finite and not negative; the
    /// rules add the checks of the indicator type.
    /// - Throws: ``InputError`` naming the file, line and column of the first bad row; nothing
    ///   is returned from a file with a bad row.
    public static func read(path: String, unit: String = "unit", numerator: String = "numerator",
                            denominator: String = "denominator", rules: Rules) throws -> IndicatorTable {
        let records = try CSVRecordReader.read(path: path).filter { !$0.isBlank }
        guard let first = records.first else { throw InputError(file: path, reason: "the file is empty") }
        let header = CSVHeader(first)
        func column(_ name: String) throws -> Int {
            guard let i = header.index(of: name) else {
                throw InputError(file: path, line: header.line, field: name,
                                 reason: "column missing (the header has: \(header.names.joined(separator: ", ")))")
            }
            return i
        }
        let ui = try column(unit), ni = try column(numerator), di = try column(denominator)
        var table = IndicatorTable(units: [], numerators: [], denominators: [], lines: [])
        let rows = records.dropFirst()
        guard !rows.isEmpty else { throw InputError(file: path, line: header.line, reason: "the file has a header but no rows") }
        table.units.reserveCapacity(rows.count)
        table.numerators.reserveCapacity(rows.count)
        table.denominators.reserveCapacity(rows.count)
        table.lines.reserveCapacity(rows.count)
        for r in rows {
            guard r.fields.count == header.names.count else {
                throw InputError(file: path, line: r.line, reason: "expected \(header.names.count) fields, found \(r.fields.count)")
            }
            let label = r.trimmed(ui)
            guard !label.isEmpty else { throw InputError(file: path, line: r.line, field: unit, reason: "empty unit") }
            func number(_ i: Int, _ name: String) throws -> Double {
                let text = r.trimmed(i)
                guard let v = Double(text), v.isFinite else {
                    throw InputError(file: path, line: r.line, field: name, reason: text.isEmpty ? "empty value" : "not a number: '\(text)'")
                }
                guard v >= 0 else { throw InputError(file: path, line: r.line, field: name, reason: "negative value \(text)") }
                return v
            }
            let n = try number(ni, numerator), d = try number(di, denominator)
            if rules.positiveDenominator && d <= 0 {
                throw InputError(file: path, line: r.line, field: denominator, reason: "the denominator must be above zero")
            }
            if rules.numeratorWithinDenominator && n > d {
                throw InputError(file: path, line: r.line, field: numerator, reason: "numerator \(r.trimmed(ni)) exceeds denominator \(r.trimmed(di))")
            }
            table.units.append(label)
            table.numerators.append(n)
            table.denominators.append(d)
            table.lines.append(r.line)
        }
        return table
    }
}
