/// The analyses a batch can run, each the library path of the `rxatlas` command of that name.
public enum BatchAnalysisKind: String, Sendable, CaseIterable, Codable {
    /// Measure values, percentiles and deciles per level and month (`rxatlas measures`).
    case measures
    /// Atlas-of-Variation statistics, funnel outliers and trends over the period (`rxatlas atlas`).
    case atlas
    /// Funnel plots, ranked charts and variation maps over the period (`rxatlas charts`).
    case charts
    /// Biosimilar uptake and switch savings (`rxatlas biosimilars`).
    case biosimilars
    /// High-dose ICS and oral steroid outliers (`rxatlas steroids`).
    case steroids
    /// Chemical-share outliers (`rxatlas outliers`).
    case outliers
    /// The self-contained HTML report of every analysis over the period (`rxatlas report`),
    /// written as `report.html`.
    case report

    /// Whether the analysis runs the measure kernel over measure definitions.
    var usesMeasures: Bool { self == .measures || self == .atlas || self == .charts }

    /// The default period length in months when the config gives none (nil: every month of the store).
    var defaultMonths: Int? {
        switch self {
        case .measures: nil
        case .outliers: 6
        default: 12
        }
    }
}
