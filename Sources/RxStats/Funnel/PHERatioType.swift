/// How PHEindicatormethods' `calculate_funnel_limits(statistic = "ratio", ratio_type = ...)`
/// expresses a ratio's limits (v2.1.0, `R/Funnels.R`).
public enum PHERatioType: String, Sendable, Equatable, Hashable, CaseIterable {
    /// `ratio_type = "count"`: limits as O/E − 1 (0 is the target).
    case count
    /// `ratio_type = "isr"`: limits as O/E × 100 (an indirectly standardised ratio, target 100).
    case isr

    /// Turns an observed/expected ratio into this type's scale.
    @inlinable
    public func express(_ ratio: Double) -> Double {
        switch self {
        case .count: return ratio - 1
        case .isr: return ratio * 100
        }
    }
}
