/// The kinds of data a Spiegelhalter/FunnelPlotR funnel plot handles, each with its
/// variance-stabilising transformation (FunnelPlotR v0.6.0, `R/od_adjustment.R`,
/// `transformed_zscore`; Spiegelhalter 2005, "Funnel plots for comparing institutional
/// performance", Statistics in Medicine 24:1185–1202, section 3 and appendix).
public enum FunnelDataType: String, Sendable, Equatable, Hashable, CaseIterable {
    /// A proportion O/N (FunnelPlotR `data_type = "PR"`): Y = asin(√(O/N)),
    /// s = 1/(2√N), target asin(√target).
    case proportion
    /// An indirectly standardised ratio O/E on the log scale, as SHMI (FunnelPlotR
    /// `data_type = "SR", sr_method = "SHMI"`): Y = log(O/E), s = 1/√E, target log(target).
    case ratioLog
    /// An indirectly standardised ratio O/E on the square-root scale, as CQC (FunnelPlotR
    /// `data_type = "SR", sr_method = "CQC"`): Y = √(O/E), s = 1/(2√E), target √target.
    case ratioSquareRoot
    /// A ratio of two counts O/D (FunnelPlotR `data_type = "RC"`):
    /// Y = log((O + ½)/(D + ½)), s = √(O/(O + ½)² + D/(D + ½)²), target log(target).
    case ratioOfCounts

    /// Whether this is an indirectly standardised ratio (FunnelPlotR's "SR"), whose default
    /// target is 1 rather than the pooled Σ O / Σ D.
    public var isStandardisedRatio: Bool { self == .ratioLog || self == .ratioSquareRoot }
}
