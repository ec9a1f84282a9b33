/// The significance labels of PHEindicatormethods' `assign_funnel_significance` (v2.1.0,
/// `R/Funnels.R`), with the package's exact wording as raw values.
public enum PHESignificance: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Above the 99.8% limit: "High (0.001)".
    case high001 = "High (0.001)"
    /// Above the 95% limit only: "High (0.025)".
    case high025 = "High (0.025)"
    /// Below the 99.8% limit: "Low (0.001)".
    case low001 = "Low (0.001)"
    /// Below the 95% limit only: "Low (0.025)".
    case low025 = "Low (0.025)"
    /// Inside the 95% limits (inclusive).
    case notSignificant = "Not significant"
    /// A directly standardised rate from fewer than 10 events, which PHE does not test.
    case notApplicableDSR = "Not applicable for events less than 10 for dsrs"

    /// The equivalent ``FunnelFlag`` (``notApplicableDSR`` maps to `nil`).
    public var flag: FunnelFlag? {
        switch self {
        case .high001: return .high998
        case .high025: return .high95
        case .low001: return .low998
        case .low025: return .low95
        case .notSignificant: return FunnelFlag.none
        case .notApplicableDSR: return nil
        }
    }
}
