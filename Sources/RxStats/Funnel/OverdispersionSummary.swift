/// The overdispersion estimate behind a funnel plot: what FunnelPlotR's `funnel_plot` returns
/// as `phi`, `tau2` and `draw_adjusted` (v0.6.0, `R/funnel_plot.R`).
public struct OverdispersionSummary: Sendable, Equatable, Hashable {
    /// The funnel's centre on the natural scale (before any multiplier): 1 for standardised
    /// ratios, the pooled Σ O / Σ D otherwise, or the caller's target.
    public var target: Double
    /// The number of z-scores behind φ (after truncation; winsorisation keeps them all).
    public var n: Int
    /// φ, the mean of the squared winsorised (or truncated) z-scores (FunnelPlotR `phi_func`).
    public var phi: Double
    /// τ², the between-unit variance on the transformed scale (FunnelPlotR `tau_func`): 0 when
    /// nφ < n − 1.
    public var tau2: Double
    /// Whether the limits were adjusted: false when no adjustment was asked for, or when
    /// φ ≤ 1 and the limits fell back to unadjusted ones (as FunnelPlotR does). φ and τ² are
    /// reported either way (FunnelPlotR prints 0 for them when `draw_adjusted = FALSE`).
    public var adjusted: Bool
    /// The adjustment asked for.
    public var method: OverdispersionMethod

    /// Creates a summary.
    public init(target: Double, n: Int, phi: Double, tau2: Double, adjusted: Bool, method: OverdispersionMethod) {
        self.target = target
        self.n = n
        self.phi = phi
        self.tau2 = tau2
        self.adjusted = adjusted
        self.method = method
    }
}
