/// How extreme z-scores are tamed before the overdispersion factor φ is estimated
/// (FunnelPlotR v0.6.0, `R/od_adjustment.R`: `winsorisation`, `truncation`; Spiegelhalter
/// 2005 section 3.2).
public enum TrimMethod: Sendable, Equatable, Hashable {
    /// No trimming: every z-score counts as it is.
    case none
    /// Winsorisation by `fraction` at each end (FunnelPlotR's default, 0.1): z-scores below
    /// R's type-7 `quantile(z, fraction)` are set to it and those above
    /// `quantile(z, 1 − fraction)` to that; all units still count in n.
    case winsorise(Double)
    /// SHMI-style truncation by `fraction` at each end: with k = 1/fraction, a unit with
    /// average rank r among n z-scores is in band `floor(r k/(n + 1))`; units in the bottom
    /// band (0) and the top band (k − 1) are dropped from φ, τ² and n.
    ///
    /// FunnelPlotR 0.6.0's `truncation` compares the z-score itself, not its band, with k − 1
    /// for the top end (`Uzscore < maxk`), so it drops the top band only when z ≥ k − 1; this
    /// follows the SHMI specification and drops it by rank. The two agree whenever no unit
    /// falls in the top band (for example with fewer than k − 1 units, as in FunnelPlotR's
    /// own test data).
    case truncate(Double)

    /// FunnelPlotR's default: winsorise 10% at each end.
    public static let `default` = TrimMethod.winsorise(0.1)
}
