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

    /// Creates a report from its parts.
    public init(period: ClosedRange<YearMonth>, classifications: [ICSClassification], definitions: [MeasureDefinition],
                rows: [SteroidOutlierRow], ranked: [SteroidRankedOutlier]) {
        self.period = period
        self.classifications = classifications
        self.definitions = definitions
        self.rows = rows
        self.ranked = ranked
    }

    /// The presentations no rule classified.
    public var unclassified: [ICSClassification] { classifications.filter { !$0.isClassified } }
}
