/// The rate kinds of PHEindicatormethods' `calculate_funnel_limits(statistic = "rate")` and
/// `assign_funnel_significance(statistic = "rate")` (v2.1.0, `R/Funnels.R`).
///
/// Both derive each unit's denominator from its events and its rate:
/// `multiplier × events / rate`. They differ for a unit with no events: a DSR's derived
/// denominator is missing (and a DSR from under 10 events is not tested), while a crude rate
/// takes the supplied population.
public enum PHERateType: String, Sendable, Equatable, Hashable, CaseIterable {
    /// `rate_type = "dsr"`: directly standardised rates.
    case dsr
    /// `rate_type = "crude"`: crude rates.
    case crude
}
