import Foundation

/// Confidence limits for an observed count of events, treated as Poisson.
///
/// Sources: PHEindicatormethods v2.1.0, `byars_lower` / `byars_upper` (`R/utils.R`, after
/// Breslow & Day 1987) and the exact chi-square limits used by `phe_rate` (`R/Rates.R`),
/// `calculate_ISRatio` and `calculate_ISRate`:
///
///     Byar lower = x · (1 − 1/(9x) − z/(3√x))³,   NA when negative
///     Byar upper = (x+1) · (1 − 1/(9(x+1)) + z/(3√(x+1)))³
///     exact lower = qchisq((1 − c)/2, 2x) / 2
///     exact upper = qchisq(c + (1 − c)/2, 2x + 2) / 2
///
/// with z = qnorm(c + (1 − c)/2). The reference packages use the exact limits when the count is
/// under 10 and Byar's from 10 up (10 itself is Byar); ``interval(count:confidence:)`` does the
/// same and reports which in ``Interval/method``. At x = 0 the exact lower limit is 0 (R's
/// `qchisq(p, 0)` is 0) and the upper is qchisq(c + (1 − c)/2, 2)/2 (3.688879 at 95%).
///
/// Edge cases: a negative count throws ``StatsError/negativeNumerator`` ("observed events must
/// all be greater than or equal to zero"); a confidence outside 0.9...1 throws
/// ``StatsError/confidenceOutOfRange(_:)``; Byar's lower limit is `nil` (NA) when the formula
/// gives a negative number, which happens for very small counts at high confidence (x = 1 at
/// 99.8%).
public enum PoissonInterval {
    /// Byar's lower limit for the count `x` (PHEindicatormethods `byars_lower`); `nil` where the
    /// formula is negative, as PHEindicatormethods sets it to NA, and at x = 0, where the formula
    /// is 0 · (−∞)³ (NaN in R too).
    public static func byarsLower(_ x: Double, confidence: Double = 0.95) throws(StatsError) -> Double? {
        let c = try ConfidenceLevel.fraction(confidence)
        if x < 0 { throw .negativeNumerator }
        return byarsLower(x, z: ConfidenceLevel.z(c)).naAsNil
    }

    /// Byar's upper limit for the count `x` (PHEindicatormethods `byars_upper`).
    public static func byarsUpper(_ x: Double, confidence: Double = 0.95) throws(StatsError) -> Double {
        let c = try ConfidenceLevel.fraction(confidence)
        if x < 0 { throw .negativeNumerator }
        return byarsUpper(x, z: ConfidenceLevel.z(c))
    }

    /// The exact lower limit qchisq((1 − c)/2, 2x)/2 for the count `x` (PHEindicatormethods
    /// `phe_rate` for x < 10).
    public static func exactLower(_ x: Double, confidence: Double = 0.95) throws(StatsError) -> Double {
        let c = try ConfidenceLevel.fraction(confidence)
        if x < 0 { throw .negativeNumerator }
        return exactLower(x, c: c)
    }

    /// The exact upper limit qchisq(c + (1 − c)/2, 2x + 2)/2 for the count `x`
    /// (PHEindicatormethods `phe_rate` for x < 10).
    public static func exactUpper(_ x: Double, confidence: Double = 0.95) throws(StatsError) -> Double {
        let c = try ConfidenceLevel.fraction(confidence)
        if x < 0 { throw .negativeNumerator }
        return exactUpper(x, c: c)
    }

    /// The interval for the count `x` itself: exact when x < 10, Byar's from 10 up, with the
    /// method reported. The value is `x`. A NaN count gives a missing interval with no method.
    public static func interval(count x: Double, confidence: Double = 0.95) throws(StatsError) -> Interval {
        try RateInterval.interval(count: x, denominator: 1, confidence: confidence, multiplier: 1)
    }

    // MARK: - Kernels (confidence already validated)

    /// Byar's lower limit, NaN where negative (or where x is NaN).
    @inline(__always)
    static func byarsLower(_ x: Double, z: Double) -> Double {
        let lower = x * pow(1 - 1 / (9 * x) - z / (3 * x.squareRoot()), 3)
        return lower < 0 ? .nan : lower
    }

    /// Byar's upper limit.
    @inline(__always)
    static func byarsUpper(_ x: Double, z: Double) -> Double {
        let x1 = x + 1
        return x1 * pow(1 - 1 / (9 * x1) + z / (3 * x1.squareRoot()), 3)
    }

    /// The exact (chi-square) lower limit.
    static func exactLower(_ x: Double, c: Double) -> Double {
        Distribution.chiSquareQuantile((1 - c) / 2, df: 2 * x) / 2
    }

    /// The exact (chi-square) upper limit.
    static func exactUpper(_ x: Double, c: Double) -> Double {
        Distribution.chiSquareQuantile(c + (1 - c) / 2, df: 2 * x + 2) / 2
    }
}
