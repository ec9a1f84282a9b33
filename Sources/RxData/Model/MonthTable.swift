/// One month of prescribing, summed to one row per (practice, presentation).
///
/// Columnar and sorted: practices are in code order and their rows are contiguous
/// (`practiceStart[p] ..< practiceStart[p + 1]`); within a practice, rows are in presentation
/// order. Practice and presentation ids index this month's own code tables, so a month is
/// self-contained and re-ingesting one month never touches another. This is what ingest
/// produces and what a snapshot decodes to.
public struct MonthTable: Sendable, Equatable {
    /// The month.
    public var month: YearMonth
    /// Prescriber codes in code order; unidentified prescribing has its own entries (see
    /// ``PrescriberCode``).
    public var practiceCodes: [String]
    /// Presentation codes in code order (after any BNF code mapping).
    public var presentationCodes: [BNFCode]
    /// Row offsets per practice; `practiceCodes.count + 1` entries, first 0, last `rowCount`.
    public var practiceStart: [Int32]
    /// Per row: index into ``presentationCodes``.
    public var presentation: [Int32]
    /// Per measure (indexed by `Measure.rawValue`): one stored value per row, fixed-point as
    /// ``Measure/scale`` says. A measure the sources did not publish is all zeros and absent from
    /// ``measures``.
    public var columns: [[Int64]]
    /// The measures the sources published.
    public var measures: MeasureSet
    /// Items and quantity per quantity per item, when the sources publish it (EPD); nil
    /// otherwise (PDPI, Scotland).
    public var quantityPerItem: QuantityPerItemBreakdown?

    /// Creates a table from its parts; see the property docs for the invariants.
    public init(month: YearMonth, practiceCodes: [String], presentationCodes: [BNFCode],
                practiceStart: [Int32], presentation: [Int32], columns: [[Int64]], measures: MeasureSet,
                quantityPerItem: QuantityPerItemBreakdown? = nil) {
        self.quantityPerItem = quantityPerItem
        self.month = month
        self.practiceCodes = practiceCodes
        self.presentationCodes = presentationCodes
        self.practiceStart = practiceStart
        self.presentation = presentation
        self.columns = columns
        self.measures = measures
    }

    /// Number of rows.
    public var rowCount: Int { presentation.count }

    /// The stored values of one measure.
    public func column(_ m: Measure) -> [Int64] { columns[m.rawValue] }

    /// The exact total of one measure, as a stored (fixed-point) integer.
    public func total(_ m: Measure) -> Int64 { columns[m.rawValue].reduce(0, &+) }

    /// The practice index of every row (expanded from ``practiceStart``).
    public func practiceOfRow() -> [Int32] {
        var out = [Int32](repeating: 0, count: rowCount)
        for p in 0..<practiceCodes.count {
            for r in Int(practiceStart[p])..<Int(practiceStart[p + 1]) { out[r] = Int32(p) }
        }
        return out
    }

    /// Number of distinct presentations with at least one row.
    public var presentationsUsed: Int { Set(presentation).count }

    /// Checks the structural invariants; returns a description of the first violation.
    public func validate() -> String? {
        let n = rowCount
        guard practiceStart.count == practiceCodes.count + 1 else { return "practiceStart has \(practiceStart.count) entries for \(practiceCodes.count) practices" }
        guard practiceStart.first == 0, Int(practiceStart.last ?? -1) == n else { return "practiceStart does not span the rows" }
        guard columns.count == Measure.allCases.count, columns.allSatisfy({ $0.count == n }) else { return "column lengths differ from the row count" }
        for p in 0..<practiceCodes.count {
            let a = Int(practiceStart[p]), b = Int(practiceStart[p + 1])
            guard a <= b else { return "practice offsets decrease at \(p)" }
            var prev: Int32 = -1
            for r in a..<b {
                let v = presentation[r]
                guard v > prev, Int(v) < presentationCodes.count else { return "presentations unsorted or out of range at row \(r)" }
                prev = v
            }
        }
        if let quantityPerItem {
            return quantityPerItem.validate(rowCount: n, items: columns[Measure.items.rawValue], quantity: columns[Measure.quantity.rawValue])
        }
        return nil
    }
}
