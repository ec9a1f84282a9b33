/// An indirectly standardised ratio or rate with its inputs, as PHEindicatormethods
/// `calculate_ISRatio` / `calculate_ISRate` report them (`observed`, `expected`, `ref_rate`,
/// `value`, `lowercl`, `uppercl`, `method`).
public struct IndirectlyStandardised: Sendable, Equatable, Hashable {
    /// The observed events (missing counts as 0).
    public var observed: Double
    /// The expected events, Σ population × reference count / reference population.
    public var expected: Double
    /// For a rate, the crude reference rate Σ reference counts / Σ reference populations ×
    /// multiplier; `nil` for a ratio.
    public var referenceRate: Double?
    /// The ratio or rate and its limits.
    public var interval: Interval

    /// Creates a result from its parts.
    public init(observed: Double, expected: Double, referenceRate: Double?, interval: Interval) {
        self.observed = observed
        self.expected = expected
        self.referenceRate = referenceRate
        self.interval = interval
    }
}
