/// Options of the chemical-share outliers (OpenPrescribing's static outlier method).
public struct ChemicalOutlierOptions: Sendable, Equatable {
    /// How many chemicals to list per organisation in each direction (OpenPrescribing: 5).
    public var top: Int
    /// The lower percentile fraction of the ratios kept for the mean and SD (0.001).
    public var lowerPercentile: Double
    /// The upper percentile fraction (0.999).
    public var upperPercentile: Double
    /// A listed row is flagged `low_number` when its chemical items are below this (5).
    public var lowNumberItems: Double
    /// A level with fewer organisations than this has its rows flagged `few_units`: a z-score
    /// over so few units means nothing (4 ICBs can give z of several hundred). The report lists
    /// none of them.
    public var minimumUnits: Int = 10

    /// Creates options (defaults: OpenPrescribing's).
    public init(top: Int = 5, lowerPercentile: Double = 0.001, upperPercentile: Double = 0.999, lowNumberItems: Double = 5) {
        self.top = top
        self.lowerPercentile = lowerPercentile
        self.upperPercentile = upperPercentile
        self.lowNumberItems = lowNumberItems
    }
}
