/// Everything ``IndicatorAnalysis`` computes for a table of units, as parallel columns (NaN
/// marks a missing value, as NA in R).
public struct IndicatorResult: Sendable, Equatable {
    /// numerator / denominator × multiplier.
    public var value: [Double]
    /// The unit's own 95% interval (× multiplier).
    public var lower95: [Double]
    /// Upper end of the 95% interval.
    public var upper95: [Double]
    /// The unit's own 99.8% interval (× multiplier).
    public var lower998: [Double]
    /// Upper end of the 99.8% interval.
    public var upper998: [Double]
    /// The interval method of each unit.
    public var method: [IntervalMethod?]
    /// Funnel limits at each unit's denominator, z-scores and flags.
    public var funnel: FunnelBatchResult
    /// Target, n, φ, τ² and whether the limits were adjusted.
    public var summary: OverdispersionSummary

    /// Creates a result.
    public init(value: [Double], lower95: [Double], upper95: [Double], lower998: [Double], upper998: [Double],
                method: [IntervalMethod?], funnel: FunnelBatchResult, summary: OverdispersionSummary) {
        self.value = value
        self.lower95 = lower95
        self.upper95 = upper95
        self.lower998 = lower998
        self.upper998 = upper998
        self.method = method
        self.funnel = funnel
        self.summary = summary
    }
}

/// One point of a funnel curve, for plotting.
public struct FunnelCurvePoint: Sendable, Equatable {
    /// The denominator (expected count for a ratio).
    public var denominator: Double
    /// The limits there (× multiplier).
    public var limits: FunnelLimits
    /// The target (× multiplier).
    public var target: Double
}
