/// The two-sided normal quantiles used for the 95% and 99.8% Spiegelhalter/FunnelPlotR limits.
public struct LimitQuantiles: Sendable, Equatable, Hashable {
    /// The 95% quantile, qnorm(0.975).
    public var z95: Double
    /// The 99.8% quantile, qnorm(0.999).
    public var z998: Double

    /// Creates quantiles from their values.
    public init(z95: Double, z998: Double) {
        self.z95 = z95
        self.z998 = z998
    }

    /// The constants FunnelPlotR hard-codes in `calculate_limits` (v0.6.0): 1.959964 and
    /// 3.090232 (qnorm rounded to 6 decimals), so that its published limits are reproduced.
    public static let funnelPlotR = LimitQuantiles(z95: 1.959964, z998: 3.090232)

    /// The exact quantiles from R's `qnorm`.
    public static var exact: LimitQuantiles {
        LimitQuantiles(z95: Distribution.normalQuantile(0.975), z998: Distribution.normalQuantile(0.999))
    }
}
