/// A point estimate with its confidence interval.
///
/// `nil` stands for R's `NA`: the reference packages return a missing value rather than a
/// number in documented cases (a missing input, Byar's lower limit when it would be negative,
/// a directly standardised rate whose total count is under 10). Which cases apply is stated on
/// each method that returns an `Interval`.
public struct Interval: Sendable, Equatable, Hashable {
    /// The estimate (proportion, rate, ratio or mean), already multiplied by any multiplier.
    public var value: Double?
    /// The lower confidence limit, on the same scale as `value`.
    public var lower: Double?
    /// The upper confidence limit, on the same scale as `value`.
    public var upper: Double?
    /// The confidence level as a fraction, for example 0.95 or 0.998.
    public var confidence: Double
    /// The method that produced the limits; `nil` when the input was missing (as
    /// PHEindicatormethods reports method `NA` for a missing count).
    public var method: IntervalMethod?

    /// Creates an interval from its parts.
    public init(value: Double?, lower: Double?, upper: Double?, confidence: Double, method: IntervalMethod?) {
        self.value = value
        self.lower = lower
        self.upper = upper
        self.confidence = confidence
        self.method = method
    }

    /// An interval with a missing value and missing limits.
    static func missing(confidence: Double, method: IntervalMethod?) -> Interval {
        Interval(value: nil, lower: nil, upper: nil, confidence: confidence, method: method)
    }
}

extension Double {
    /// `nil` for NaN (the batch forms' stand-in for `NA`), the number otherwise.
    @inlinable var naAsNil: Double? { isNaN ? nil : self }
}
