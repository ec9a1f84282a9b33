/// A directly standardised rate with its totals, as PHEindicatormethods `calculate_dsr`
/// reports them (`total_count`, `total_pop`, `value`, `lowercl`, `uppercl`, `method`).
public struct StandardisedRate: Sendable, Equatable, Hashable {
    /// The rate and its limits; value and limits are `nil` (NA) when `totalCount` < 10.
    public var interval: Interval
    /// The total number of events over all standardisation categories (missing counts as 0).
    public var totalCount: Double
    /// The total population over all standardisation categories.
    public var totalPopulation: Double

    /// Creates a result from its parts.
    public init(interval: Interval, totalCount: Double, totalPopulation: Double) {
        self.interval = interval
        self.totalCount = totalCount
        self.totalPopulation = totalPopulation
    }
}
