import RxData

/// The distinct prescribing sums a set of measures needs, and where each measure reads them.
///
/// Sides are deduplicated: measures sharing a denominator (all ICS items, say) share one sum.
/// A side with no filter sums every presentation. List-size sides are not sums over rows and
/// get no slot.
struct MeasureSidePlan: Sendable {
    /// One distinct sum over rows: a store column over the presentations a filter selects.
    struct Sum: Sendable, Equatable {
        var column: Measure
        var filter: BNFFilter?
        /// The months it counts in (nil: every month).
        var months: Set<YearMonth>? = nil
    }

    /// The distinct sums.
    private(set) var sums: [Sum] = []
    /// Per measure: the numerator's sums and their weights (one sum of weight 1 for a plain
    /// side; several for a weighted side, ``MeasureDefinition/Side/terms``; nil for a list size).
    private(set) var numeratorSum: [[(sum: Int, weight: Double)]?] = []
    /// Per measure: the denominator's sums and weights, as ``numeratorSum``.
    private(set) var denominatorSum: [[(sum: Int, weight: Double)]?] = []
    /// The distinct store columns the sums read, in `Measure` order.
    private(set) var columns: [Measure] = []
    /// Per sum: its index into ``columns``.
    private(set) var sumColumn: [Int] = []

    init(_ measures: [MeasureDefinition]) {
        for m in measures {
            numeratorSum.append(slot(m.numerator))
            denominatorSum.append(slot(m.denominator))
        }
        columns = Measure.allCases.filter { c in sums.contains { $0.column == c } }
        sumColumn = sums.map { s in columns.firstIndex(of: s.column)! }
    }

    private mutating func slot(_ side: MeasureDefinition.Side) -> [(sum: Int, weight: Double)]? {
        if let terms = side.terms { return terms.map { (index(Sum(column: $0.column, filter: $0.filter, months: $0.months)), $0.weight) } }
        guard let column = side.quantity.measure else { return nil }
        return [(index(Sum(column: column, filter: side.filter)), 1)]
    }

    private mutating func index(_ sum: Sum) -> Int {
        if let i = sums.firstIndex(of: sum) { return i }
        sums.append(sum)
        return sums.count - 1
    }

    /// One month's presentation table as scan keys: presentation `q` feeds the sums
    /// `keys.keys(of: q)`. Each filter is matched once per presentation.
    func keys(over presentations: [BNFCode], month: YearMonth? = nil) -> ScanKeys {
        let masks: [[Bool]?] = sums.map { sum in
            if let months = sum.months, let month, !months.contains(month) { return [Bool](repeating: false, count: presentations.count) }
            return sum.filter?.mask(over: presentations)
        }
        var start = [Int32](repeating: 0, count: presentations.count + 1)
        var key: [Int32] = []
        for q in 0..<presentations.count {
            for (s, mask) in masks.enumerated() where mask?[q] ?? true {
                key.append(Int32(s))
            }
            start[q + 1] = Int32(key.count)
        }
        return ScanKeys(start: start, key: key)
    }
}
