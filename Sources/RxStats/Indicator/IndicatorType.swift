/// What an indicator's numerator and denominator are.
public enum IndicatorType: String, Sendable, CaseIterable {
    /// A proportion: numerator ≤ denominator (Wilson intervals).
    case proportion
    /// A rate per population: count / population × multiplier (exact or Byar's intervals).
    case rate
    /// An indirectly standardised ratio: observed / expected × multiplier (exact or Byar's);
    /// the denominator holds the expected count.
    case ratio
}

/// Which funnel limits to draw.
public enum FunnelStyle: String, Sendable, CaseIterable {
    /// PHEindicatormethods' `calculate_funnel_limits`: Wilson inversion for proportions, exact
    /// Poisson for rates and ratios; no overdispersion adjustment.
    case phe
    /// Spiegelhalter (2005) / FunnelPlotR: z-scores on a variance-stabilised scale, with
    /// optional multiplicative or additive overdispersion adjustment.
    case spiegelhalter
}
