/// How an ``Interval`` was computed. The raw values are the `method` strings that
/// PHEindicatormethods v2.1.0 writes in its output, so they can be compared with its tables.
public enum IntervalMethod: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Wilson score interval for a proportion (PHEindicatormethods `phe_proportion`).
    case wilson = "Wilson"
    /// Exact Poisson interval from chi-square quantiles, used for counts under 10
    /// (PHEindicatormethods `phe_rate`, `calculate_ISRatio`, `calculate_ISRate`).
    case exact = "Exact"
    /// Byar's approximation to the Poisson interval, used for counts of 10 and over
    /// (PHEindicatormethods `byars_lower` / `byars_upper`).
    case byars = "Byars"
    /// Dobson's method for a directly standardised rate (PHEindicatormethods `calculate_dsr`).
    case dobson = "Dobson"
    /// Dobson's method with the variance adjusted for non-independent events
    /// (PHEindicatormethods `calculate_dsr(independent_events = FALSE)`).
    case dobsonNonIndependent = "Dobson, with confidence adjusted for non-independent events"
    /// Student's t interval for a mean (PHEindicatormethods `phe_mean`).
    case studentT = "Student's t-distribution"

    /// A short name for tables and command-line output: "Wilson", "Exact", "Byars", "Dobson",
    /// "Dobson-nonindependent" or "t". It has no commas, so it is safe in a CSV field.
    public var shortName: String {
        switch self {
        case .wilson: "Wilson"
        case .exact: "Exact"
        case .byars: "Byars"
        case .dobson: "Dobson"
        case .dobsonNonIndependent: "Dobson-nonindependent"
        case .studentT: "t"
        }
    }
}
