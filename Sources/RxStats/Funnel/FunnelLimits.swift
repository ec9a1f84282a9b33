/// The four control limits of a funnel plot at one denominator: 95% (2 sigma, 0.025/0.975)
/// and 99.8% (3 sigma, 0.001/0.999), on the scale the caller asked for (already multiplied by
/// any multiplier).
///
/// The 95% and 99.8% pairs are the conventions of PHEindicatormethods
/// (`calculate_funnel_limits`, "2s" and "3s" limits) and of FunnelPlotR (`calculate_limits`,
/// `ll95`/`ul95`/`ll998`/`ul998`). Bounds are inclusive: a value exactly on a limit lies inside
/// (see ``FunnelFlag/classify(_:limits:)``).
public struct FunnelLimits: Sendable, Equatable, Hashable {
    /// The lower 95% limit (probability 0.025).
    public var lower95: Double
    /// The upper 95% limit (probability 0.975).
    public var upper95: Double
    /// The lower 99.8% limit (probability 0.001).
    public var lower998: Double
    /// The upper 99.8% limit (probability 0.999).
    public var upper998: Double

    /// Creates limits from their four values.
    public init(lower95: Double, upper95: Double, lower998: Double, upper998: Double) {
        self.lower95 = lower95
        self.upper95 = upper95
        self.lower998 = lower998
        self.upper998 = upper998
    }

    /// The limits with every value multiplied by `factor` (for example 100 for a percentage).
    public func scaled(by factor: Double) -> FunnelLimits {
        FunnelLimits(lower95: lower95 * factor, upper95: upper95 * factor,
                     lower998: lower998 * factor, upper998: upper998 * factor)
    }
}
