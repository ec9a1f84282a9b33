import Foundation

/// The Wilson score interval for a proportion.
///
/// Source: PHEindicatormethods v2.1.0, `phe_proportion` (`R/Proportions.R`) and the internal
/// `wilson_lower` / `wilson_upper` (`R/utils.R`), after Wilson (1927) and Newcombe & Altman
/// (2000):
///
///     z     = qnorm(c + (1 − c)/2)
///     lower = (2x + z² − z·√(z² + 4x(1 − x/n))) / 2 / (n + z²)
///     upper = (2x + z² + z·√(z² + 4x(1 − x/n))) / 2 / (n + z²)
///
/// with lower = 0 and upper = 1 exactly when the confidence is 1. The value x/n and both limits
/// are multiplied by the multiplier (100 gives percentages).
///
/// Edge cases, as `phe_proportion`:
/// - x < 0 throws ``StatsError/negativeNumerator``;
/// - n ≤ 0 throws ``StatsError/nonPositiveDenominator``;
/// - x > n throws ``StatsError/numeratorExceedsDenominator``;
/// - a confidence outside 0.9...1 (or 90...100 as a percentage) throws
///   ``StatsError/confidenceOutOfRange(_:)``;
/// - a missing (NaN) numerator or denominator gives a missing value and limits, no error, with
///   method "Wilson";
/// - x = 0 gives lower = 0 and upper = z²/(n + z²); non-integer x is accepted.
public enum WilsonInterval {
    /// The Wilson interval of x/n, multiplied by `multiplier` (PHEindicatormethods
    /// `phe_proportion(x, n, confidence, multiplier)`).
    public static func interval(numerator x: Double, denominator n: Double,
                                confidence: Double = 0.95, multiplier: Double = 1) throws(StatsError) -> Interval {
        let c = try ConfidenceLevel.fraction(confidence)
        if x.isNaN || n.isNaN { return .missing(confidence: c, method: .wilson) }
        try check(x, n)
        let z = c == 1 ? Double.nan : ConfidenceLevel.z(c)
        let (lo, hi) = limits(x, n, c, z)
        return Interval(value: x / n * multiplier, lower: lo * multiplier, upper: hi * multiplier,
                        confidence: c, method: .wilson)
    }

    /// The lower Wilson limit on the proportion scale (PHEindicatormethods `wilson_lower`).
    /// Throws as ``interval(numerator:denominator:confidence:multiplier:)``.
    public static func lower(numerator x: Double, denominator n: Double, confidence: Double = 0.95) throws(StatsError) -> Double {
        let c = try ConfidenceLevel.fraction(confidence)
        try check(x, n)
        return limits(x, n, c, c == 1 ? .nan : ConfidenceLevel.z(c)).lower
    }

    /// The upper Wilson limit on the proportion scale (PHEindicatormethods `wilson_upper`).
    /// Throws as ``interval(numerator:denominator:confidence:multiplier:)``.
    public static func upper(numerator x: Double, denominator n: Double, confidence: Double = 0.95) throws(StatsError) -> Double {
        let c = try ConfidenceLevel.fraction(confidence)
        try check(x, n)
        return limits(x, n, c, c == 1 ? .nan : ConfidenceLevel.z(c)).upper
    }

    /// Wilson intervals for many units at once (PHEindicatormethods `phe_proportion` on a
    /// data frame of ungrouped rows). z is computed once; each unit costs a square root.
    ///
    /// Throws ``StatsError/mismatchedLengths`` when the arrays differ in length, and otherwise
    /// as ``interval(numerator:denominator:confidence:multiplier:)`` for the first bad unit
    /// (PHEindicatormethods also refuses the whole call). NaN inputs give NaN outputs.
    public static func intervals(numerators: [Double], denominators: [Double],
                                 confidence: Double = 0.95, multiplier: Double = 1) throws(StatsError) -> IntervalBatch {
        let c = try ConfidenceLevel.fraction(confidence)
        guard numerators.count == denominators.count else { throw .mismatchedLengths }
        let count = numerators.count
        let z = c == 1 ? Double.nan : ConfidenceLevel.z(c)
        let z2 = z * z
        var failure: StatsError?
        var value = [Double](repeating: .nan, count: count)
        var lower = [Double](repeating: .nan, count: count)
        var upper = [Double](repeating: .nan, count: count)
        numerators.withUnsafeBufferPointer { xs in
            denominators.withUnsafeBufferPointer { ns in
                value.withUnsafeMutableBufferPointer { v in
                    lower.withUnsafeMutableBufferPointer { lo in
                        upper.withUnsafeMutableBufferPointer { hi in
                            for i in 0..<count {
                                let x = xs[i], n = ns[i]
                                if x.isNaN || n.isNaN { continue }
                                if x < 0 { failure = .negativeNumerator; return }
                                if n <= 0 { failure = .nonPositiveDenominator; return }
                                if x > n { failure = .numeratorExceedsDenominator; return }
                                v[i] = x / n * multiplier
                                if c == 1 {
                                    lo[i] = 0
                                    hi[i] = multiplier
                                } else {
                                    let root = z * (z2 + 4 * x * (1 - x / n)).squareRoot()
                                    let nz = n + z2
                                    lo[i] = (2 * x + z2 - root) / 2 / nz * multiplier
                                    hi[i] = (2 * x + z2 + root) / 2 / nz * multiplier
                                }
                            }
                        }
                    }
                }
            }
        }
        if let failure { throw failure }
        return IntervalBatch(value: value, lower: lower, upper: upper,
                             methods: [IntervalMethod?](repeating: .wilson, count: count), confidence: c)
    }

    /// The checks of `phe_proportion`, in its order.
    static func check(_ x: Double, _ n: Double) throws(StatsError) {
        if x < 0 { throw .negativeNumerator }
        if n <= 0 { throw .nonPositiveDenominator }
        if x > n { throw .numeratorExceedsDenominator }
    }

    /// Both limits on the proportion scale; `z` is unused when `c == 1`.
    @inline(__always)
    static func limits(_ x: Double, _ n: Double, _ c: Double, _ z: Double) -> (lower: Double, upper: Double) {
        if c == 1 { return (0, 1) }
        let z2 = z * z
        let root = z * (z2 + 4 * x * (1 - x / n)).squareRoot()
        return ((2 * x + z2 - root) / 2 / (n + z2), (2 * x + z2 + root) / 2 / (n + z2))
    }
}
