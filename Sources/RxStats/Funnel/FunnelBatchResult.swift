/// Funnel results for many units as parallel columns (structure of arrays): a million units
/// cost a handful of array allocations, none per unit.
public struct FunnelBatchResult: Sendable, Equatable {
    /// Each unit's value, numerator/denominator × multiplier.
    public var value: [Double]
    /// Each unit's unadjusted z-score on the transformed scale (NaN where the method has none).
    public var z: [Double]
    /// Each unit's z-score against the limits the flags use: when the overdispersion adjustment
    /// was applied, its offset from the target over the adjusted spread, √(s² + τ²) for additive
    /// random effects and √φ·s for a multiplicative scale, so |z| passes a limit's quantile
    /// exactly when the unit passes that limit; otherwise equal to ``z``
    /// (``SpiegelhalterFunnel/adjustedZ(_:numerators:denominators:dataType:summary:)``).
    public var adjustedZ: [Double]
    /// The lower 95% limit at each unit's denominator (× multiplier).
    public var lower95: [Double]
    /// The upper 95% limit at each unit's denominator (× multiplier).
    public var upper95: [Double]
    /// The lower 99.8% limit at each unit's denominator (× multiplier).
    public var lower998: [Double]
    /// The upper 99.8% limit at each unit's denominator (× multiplier).
    public var upper998: [Double]
    /// Each unit's flag against its limits (inclusive bounds).
    public var flags: [FunnelFlag]
    /// The overdispersion estimate, for Spiegelhalter funnels; `nil` for PHE funnels.
    public var overdispersion: OverdispersionSummary?
    /// The funnel's centre on the output scale (target × multiplier).
    public var centre: Double

    /// Creates a result from its columns, which must have equal lengths.
    /// `adjustedZ` nil means the unadjusted z.
    public init(value: [Double], z: [Double], adjustedZ: [Double]? = nil, lower95: [Double], upper95: [Double], lower998: [Double],
                upper998: [Double], flags: [FunnelFlag], overdispersion: OverdispersionSummary?, centre: Double) {
        precondition([z.count, lower95.count, upper95.count, lower998.count, upper998.count, flags.count]
            .allSatisfy { $0 == value.count }, "FunnelBatchResult columns must have equal lengths")
        self.value = value
        self.z = z
        self.adjustedZ = adjustedZ ?? z
        precondition(self.adjustedZ.count == value.count, "FunnelBatchResult columns must have equal lengths")
        self.lower95 = lower95
        self.upper95 = upper95
        self.lower998 = lower998
        self.upper998 = upper998
        self.flags = flags
        self.overdispersion = overdispersion
        self.centre = centre
    }

    /// The number of units.
    public var count: Int { value.count }

    /// The limits of unit `i`.
    public func limits(_ i: Int) -> FunnelLimits {
        FunnelLimits(lower95: lower95[i], upper95: upper95[i], lower998: lower998[i], upper998: upper998[i])
    }
}
