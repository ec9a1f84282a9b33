import RxData

/// Everything a biosimilar analysis produces for one period.
public struct BiosimilarResult: Sendable {
    /// The months of the period that the store holds, ascending.
    public let months: [YearMonth]
    /// The cost the figures are on.
    public let costBasis: BiosimilarCostBasis
    /// The assumptions.
    public let options: BiosimilarOptions
    /// The molecules analysed, in catalogue order.
    public let molecules: [String]
    /// Per equivalence group: national prices and targets.
    public let prices: [BiosimilarGroupPrice]
    /// Per molecule × level × organisation with catalogued prescribing in the period.
    public let opportunities: [BiosimilarOpportunity]
    /// Per molecule × level × organisation (the rows of ``opportunities``, in the same order):
    /// the monthly time course and switch month.
    public let timeCourse: [BiosimilarTimeCourse]
    /// Every presentation of a catalogued chemical prescribed in the period, with its role.
    public let presentations: [BiosimilarPresentationUsage]
    /// The ICB code of each prescriber with a practice-level row.
    public let practiceICB: [String: String]
    /// What the run could and could not see (its months, prescribers, cost columns, and the
    /// presentations the catalogue left unclassified); nil for a result built without a store.
    public var coverage: Coverage?

    /// Creates a result (the analysis does this).
    public init(months: [YearMonth], costBasis: BiosimilarCostBasis, options: BiosimilarOptions, molecules: [String], prices: [BiosimilarGroupPrice],
                opportunities: [BiosimilarOpportunity], timeCourse: [BiosimilarTimeCourse],
                presentations: [BiosimilarPresentationUsage], practiceICB: [String: String] = [:]) {
        self.months = months
        self.costBasis = costBasis
        self.options = options
        self.molecules = molecules
        self.prices = prices
        self.opportunities = opportunities
        self.timeCourse = timeCourse
        self.presentations = presentations
        self.practiceICB = practiceICB
    }

    /// A saving over the period, annualised: × 12 / (months in the period).
    public func annualised(_ saving: Double) -> Double { BiosimilarSavings.annualised(saving, months: months.count) }

    /// The presentations no catalogue row classifies.
    public var unclassified: [BiosimilarPresentationUsage] { presentations.filter { $0.presentation.role == .unclassified } }
}
