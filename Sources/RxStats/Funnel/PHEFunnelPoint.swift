/// One row of a PHE funnel-limit table, as `calculate_funnel_limits` returns them
/// (PHEindicatormethods v2.1.0, `R/Funnels.R`).
public struct PHEFunnelPoint: Sendable, Equatable, Hashable {
    /// The x value of the row: the population (proportions, PHE's `Population`), the observed
    /// events (ratios, `Observed_events`) or the events (rates, `Events`).
    public var x: Double
    /// The four limits on the output scale (multiplier applied; for ratios expressed as
    /// ``PHERatioType``).
    public var limits: FunnelLimits
    /// The centre line: the pooled average × multiplier (PHE's `baseline`) for proportions and
    /// rates; for ratios, which PHE prints without one, the target on the ratio type's scale
    /// (0 for `count`, 100 for `isr`).
    public var baseline: Double
    /// For ratios, the expected events at which `x` lies on each limit (PHE's `*_exp_events`
    /// columns); for rates, the population per year (`*_population_1_year`); `nil` for
    /// proportions, where the population is `x` itself.
    public var denominators: FunnelLimits?

    /// Creates a row.
    public init(x: Double, limits: FunnelLimits, baseline: Double, denominators: FunnelLimits? = nil) {
        self.x = x
        self.limits = limits
        self.baseline = baseline
        self.denominators = denominators
    }
}
