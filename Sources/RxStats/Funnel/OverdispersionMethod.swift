/// How funnel limits are widened for overdispersion (Spiegelhalter 2005, "Funnel plots for
/// comparing institutional performance", sections 3.2–3.3; FunnelPlotR v0.6.0).
public enum OverdispersionMethod: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Plain limits, no adjustment.
    case none
    /// Multiplicative: the standard error on the transformed scale is multiplied by √φ
    /// (Spiegelhalter 2005, section 3.2).
    case multiplicative
    /// Additive random effects: the variance on the transformed scale is s² + τ², with τ²
    /// from the DerSimonian–Laird-style estimate (Spiegelhalter 2005, section 3.3;
    /// FunnelPlotR `tau_func`), as FunnelPlotR draws its adjusted limits.
    case additive
}
