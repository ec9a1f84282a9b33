import Foundation

/// The mean of a set of values with a Student's t confidence interval.
///
/// Source: PHEindicatormethods v2.1.0, `phe_mean` (`R/Means.R`):
///
///     value = Σx / n
///     s     = sd(x)          (denominator n − 1)
///     lower = value − |qt((1 − c)/2, n − 1)| · s / √n
///     upper = value + |qt((1 − c)/2, n − 1)| · s / √n
///
/// Edge cases: fewer than two values throws ``StatsError/empty`` (the t interval needs
/// n − 1 ≥ 1 degrees of freedom; PHEindicatormethods would return NaN limits); a confidence
/// outside 0.9...1 (or 90...100) throws ``StatsError/confidenceOutOfRange(_:)``; NaN values
/// are dropped, as `phe_mean` sums and counts with `na.rm = TRUE`.
public enum MeanInterval {
    /// The mean of `values` with its t interval (PHEindicatormethods `phe_mean`).
    public static func interval(values: [Double], confidence: Double = 0.95) throws(StatsError) -> Interval {
        let c = try ConfidenceLevel.fraction(confidence)
        var sum = 0.0, n = 0
        for x in values where !x.isNaN { sum += x; n += 1 }
        guard n >= 2 else { throw .empty }
        let mean = sum / Double(n)
        var ss = 0.0
        for x in values where !x.isNaN { ss += (x - mean) * (x - mean) }
        let sd = (ss / Double(n - 1)).squareRoot()
        return limits(mean: mean, count: n, standardDeviation: sd, c: c)
    }

    /// The t interval from summary statistics: the sum of the values, their number and their
    /// sample standard deviation (PHEindicatormethods `phe_mean`, whose output carries
    /// `value_sum`, `value_count` and `stdev`). Throws ``StatsError/empty`` when `count` < 2.
    public static func interval(sum: Double, count: Int, standardDeviation sd: Double,
                                confidence: Double = 0.95) throws(StatsError) -> Interval {
        let c = try ConfidenceLevel.fraction(confidence)
        guard count >= 2 else { throw .empty }
        return limits(mean: sum / Double(count), count: count, standardDeviation: sd, c: c)
    }

    private static func limits(mean: Double, count n: Int, standardDeviation sd: Double, c: Double) -> Interval {
        let t = abs(Distribution.tQuantile((1 - c) / 2, df: Double(n - 1)))
        let half = t * sd / Double(n).squareRoot()
        return Interval(value: mean, lower: mean - half, upper: mean + half, confidence: c, method: .studentT)
    }
}
