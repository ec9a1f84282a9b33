import RxData

extension BiosimilarAnalysis {
    /// The biosimilar analysis of a store over a period: the one entry the CLI, `batch` and the
    /// report call. The cost basis is `costBasis` when given (refused, naming the months, when the
    /// data lack it), else the best the data have; the result says which. Prices and savings
    /// are within each nation (``runByNation(_:catalogue:options:molecules:)``).
    /// - Returns: nil when the store holds no month of the period.
    public static func run(store: Store, period: ClosedRange<YearMonth>, catalogue: BiosimilarCatalogue,
                           costBasis: BiosimilarCostBasis? = nil, options: BiosimilarOptions = BiosimilarOptions(),
                           molecules: [String] = [], progress: ProgressReporter = .silent) throws -> BiosimilarResult? {
        let basis = try costBasis ?? BiosimilarCostBasis.best(store: store, months: period)
        try basis.check(store: store, months: period)
        let (scan, panel, totals) = try progress.phase("kernel") {
            let scan = try StoreScan(store: store, period: period, progress: progress)
            let panel = try PracticePanel(store: store, scan: scan)
            return (scan, panel, try BiosimilarKernel.totals(scan: scan, panel: panel, catalogue: catalogue, costBasis: basis))
        }
        guard !totals.months.isEmpty else { return nil }
        var result = try progress.phase("analysis") { try runByNation(totals, catalogue: catalogue, options: options, molecules: molecules) }
        result.coverage = try Coverage(scan: scan, panel: panel, unclassified: ["biosimilars": result.unclassified.count])
        return result
    }
}
