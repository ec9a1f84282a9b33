import RxData

/// Everything `rxatlas steroids` computes.
public struct SteroidReport: Sendable {
    /// The period.
    public var period: ClosedRange<YearMonth>
    /// Every ICS presentation of the period, classified (or not), in code order.
    public var classifications: [ICSClassification]
    /// The measure definitions used.
    public var definitions: [MeasureDefinition]
    /// Period and month rows for every measure × level.
    public var rows: [SteroidOutlierRow]
    /// The ranked high outliers.
    public var ranked: [SteroidRankedOutlier]
    /// What the run could and could not see (its months, prescribers, list sizes, and the ICS
    /// presentations left unclassified); nil for a report built from parts without one.
    public var coverage: Coverage?

    /// Creates a report from its parts.
    public init(period: ClosedRange<YearMonth>, classifications: [ICSClassification], definitions: [MeasureDefinition],
                rows: [SteroidOutlierRow], ranked: [SteroidRankedOutlier], coverage: Coverage? = nil) {
        self.period = period
        self.classifications = classifications
        self.definitions = definitions
        self.rows = rows
        self.ranked = ranked
        self.coverage = coverage
    }

    /// The presentations no rule classified.
    public var unclassified: [ICSClassification] { classifications.filter { !$0.isClassified } }
}
