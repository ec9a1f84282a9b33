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
        /// The quantities per item it counts at (nil: every one); such a sum is read from the
        /// months' quantity-per-item entries, not by the row scan.
        var quantityPerItem: Set<Int64>? = nil
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
        if let terms = side.terms {
            return terms.map { (index(Sum(column: $0.column, filter: $0.filter, months: $0.months, quantityPerItem: $0.quantityPerItem)), $0.weight) }
        }
        guard let column = side.quantity.measure else { return nil }
        return [(index(Sum(column: column, filter: side.filter)), 1)]
    }

    private mutating func index(_ sum: Sum) -> Int {
        if let i = sums.firstIndex(of: sum) { return i }
        sums.append(sum)
        return sums.count - 1
    }

    /// The presentations `sum` selects in a month's presentation table (nil: every one).
    func mask(_ sum: Sum, over presentations: [BNFCode], month: YearMonth?) -> [Bool]? {
        if let months = sum.months, let month, !months.contains(month) { return [Bool](repeating: false, count: presentations.count) }
        return sum.filter?.mask(over: presentations)
    }

    /// The sums read from quantity-per-item entries, as the scan asks for them.
    var quantityPerItemSums: [(sum: Int, request: QuantityPerItemRequest)] {
        sums.enumerated().compactMap { s, sum in
            guard let qpi = sum.quantityPerItem else { return nil }
            let plan = self
            return (s, QuantityPerItemRequest(column: sum.column, quantityPerItem: qpi) { month, codes in
                plan.mask(sum, over: codes, month: month) ?? [Bool](repeating: true, count: codes.count)
            })
        }
    }

    /// One month's presentation table as scan keys: presentation `q` feeds the sums
    /// `keys.keys(of: q)`. Each filter is matched once per presentation.
    func keys(over presentations: [BNFCode], month: YearMonth? = nil) -> ScanKeys {
        let masks: [[Bool]?] = sums.map { sum in
            // A quantity-per-item sum is not a row sum: the scan leaves it at zero.
            if sum.quantityPerItem != nil { return [Bool](repeating: false, count: presentations.count) }
            return mask(sum, over: presentations, month: month)
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
