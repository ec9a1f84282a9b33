import RxData

/// Reads every catalogued presentation's rows per prescriber × month from the store.
///
/// Per month the catalogue is compiled once against the month's presentation table (a chemical
/// look-up per presentation, never per row); ``StoreScan/rows(columns:select:panel:)`` then copies
/// the catalogued rows with their exact fixed-point quantity and chosen cost. As the store has
/// one row per (prescriber, presentation), no summing is needed inside a month, and period
/// totals are exact `Int64` sums.
public enum BiosimilarKernel {
    /// Reads the catalogued rows of `months` (nil: every month in the store; only months with a
    /// snapshot are read), with their quantity and their cost on `costBasis`; `progress` is told
    /// as each month is read.
    public static func totals(store: Store, catalogue: BiosimilarCatalogue, months: ClosedRange<YearMonth>? = nil,
                              costBasis: BiosimilarCostBasis = .actual, progress: ProgressReporter = .silent) throws -> BiosimilarTotals {
        try costBasis.check(store: store, months: months)
        let scan = try StoreScan(store: store, period: months, progress: progress)
        return try totals(scan: scan, panel: try PracticePanel(store: store, scan: scan), catalogue: catalogue, costBasis: costBasis)
    }

    /// Reads the catalogued rows of the months of `scan`, in the ids of `panel`.
    public static func totals(scan: StoreScan, panel: PracticePanel, catalogue: BiosimilarCatalogue,
                              costBasis: BiosimilarCostBasis) throws -> BiosimilarTotals {
        let chemicals = Set(catalogue.chemicals.compactMap { BNFCode($0).map(ChemicalKey.init) })
        let rows = try scan.rows(columns: [.quantity, costBasis.measure], select: { codes in
            codes.map { $0.count >= 9 && chemicals.contains(ChemicalKey($0)) }
        }, panel: panel)
        return BiosimilarTotals(panel: panel, cells: rows.presentations, costBasis: costBasis, month: rows.month,
                                practice: rows.practice, cell: rows.presentation, quantity: rows.values[0], cost: rows.values[1])
    }

    /// A chemical code (the first nine characters) as two words, for a hash look-up per
    /// presentation without building strings.
    struct ChemicalKey: Hashable {
        var high: UInt64
        var ninth: UInt64
        init(_ code: BNFCode) {
            high = code.high
            ninth = code.low >> 56
        }
    }
}
