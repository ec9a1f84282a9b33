/// Intervals for many units at once, as parallel columns (structure of arrays), so that a
/// million units cost four array allocations rather than a million values.
///
/// A missing result (R's `NA`) is `Double.nan` in `value`, `lower` and `upper`, and `nil` in
/// `methods`. ``subscript(_:)`` turns one row back into an ``Interval`` with `nil` for NaN.
public struct IntervalBatch: Sendable, Equatable {
    /// The estimates, one per unit, already multiplied by any multiplier.
    public var value: [Double]
    /// The lower limits; NaN where the reference package returns NA.
    public var lower: [Double]
    /// The upper limits; NaN where the reference package returns NA.
    public var upper: [Double]
    /// The method used for each unit; `nil` where the input was missing.
    public var methods: [IntervalMethod?]
    /// The confidence level as a fraction.
    public var confidence: Double

    /// Creates a batch from its columns, which must have equal lengths.
    public init(value: [Double], lower: [Double], upper: [Double], methods: [IntervalMethod?], confidence: Double) {
        precondition(value.count == lower.count && value.count == upper.count && value.count == methods.count,
                     "IntervalBatch columns must have equal lengths")
        self.value = value
        self.lower = lower
        self.upper = upper
        self.methods = methods
        self.confidence = confidence
    }

    /// The number of units.
    public var count: Int { value.count }

    /// The interval of unit `i`, with NaN turned into `nil`.
    public subscript(_ i: Int) -> Interval {
        Interval(value: value[i].naAsNil, lower: lower[i].naAsNil, upper: upper[i].naAsNil,
                 confidence: confidence, method: methods[i])
    }
}
