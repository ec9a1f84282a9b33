import RxData

extension BiosimilarAnalysis {
    /// The biosimilar analysis of a store over a period: the one entry the CLI, `batch` and the
    /// report call. The cost basis is `costBasis` when given (refused, naming the months, when the
    /// data lack it), else the best the data have; the result says which.
    /// - Returns: nil when the store holds no month of the period.
    public static func run(store: Store, period: ClosedRange<YearMonth>, catalogue: BiosimilarCatalogue,
                           costBasis: BiosimilarCostBasis? = nil, options: BiosimilarOptions = BiosimilarOptions(),
                           molecules: [String] = [], progress: ProgressReporter = .silent) throws -> BiosimilarResult? {
        let basis = try costBasis ?? BiosimilarCostBasis.best(store: store, months: period)
        let totals = try progress.phase("kernel") {
            try BiosimilarKernel.totals(store: store, catalogue: catalogue, months: period, costBasis: basis, progress: progress)
        }
        guard !totals.months.isEmpty else { return nil }
        return try progress.phase("analysis") { try run(totals, catalogue: catalogue, options: options, molecules: molecules) }
    }
}
