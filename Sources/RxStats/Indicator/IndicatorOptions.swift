/// How ``IndicatorAnalysis`` treats a table of units.
public struct IndicatorOptions: Sendable, Equatable {
    /// What the numbers are.
    public var type: IndicatorType
    /// Scales values and every limit (100 for a percentage, 1000 for per 1,000 patients).
    public var multiplier: Double
    /// The comparator on the natural scale, before the multiplier; nil takes the pooled
    /// Σ numerator / Σ denominator (1 for a ratio, which is observed/expected).
    public var target: Double?
    /// Which funnel limits.
    public var limits: FunnelStyle
    /// Overdispersion adjustment of Spiegelhalter limits.
    public var overdispersion: OverdispersionMethod
    /// Winsorisation fraction at each end before φ is estimated (FunnelPlotR's default 0.1).
    public var trim: Double

    /// Creates options; the defaults follow FunnelPlotR (additive random effects, 10%
    /// winsorisation).
    public init(type: IndicatorType, multiplier: Double = 1, target: Double? = nil, limits: FunnelStyle = .spiegelhalter,
                overdispersion: OverdispersionMethod = .additive, trim: Double = 0.1) {
        self.type = type
        self.multiplier = multiplier
        self.target = target
        self.limits = limits
        self.overdispersion = overdispersion
        self.trim = trim
    }
}
