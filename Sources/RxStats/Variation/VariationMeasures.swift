import Foundation

/// Summary measures of between-unit variation used in Atlases of Variation: coefficient of
/// variation, fold range, percentile ratios, quintile breaks, the extremal quotient and the
/// systematic component of variation. Every function works on whole arrays and sorts at most
/// one copy.
///
/// Quantiles are ``PercentileCont`` (linear interpolation; R's `quantile` type 7, the
/// default, which sava also uses).
public enum VariationMeasures {
    /// The systematic component of variation of observed counts oᵢ against expected counts
    /// eᵢ, as sava's `SCV` (Schoch, R package sava, `R/SCV.R`; McPherson, Wennberg, Hovind &
    /// Clifford, "Small-area variations in the use of common surgical procedures", *Soc Sci
    /// Med* 1982; Diehr, Cain, Connell & Volinn, "What is too much variation?", *Health Serv
    /// Res* 1990): SCV = mean(yᵢ² − 1/eᵢ) with yᵢ per ``SCVForm``.
    ///
    /// Returns nil, as sava returns `NA`, when any eᵢ = 0 ("Some of the expected values are
    /// zero"), and when the result is negative or not finite (for example the log form with an
    /// oᵢ = 0). Conventionally reported ×100.
    /// - Throws: ``StatsError/mismatchedLengths``, ``StatsError/empty``,
    ///   ``StatsError/negativeNumerator`` (oᵢ < 0), ``StatsError/nonPositiveDenominator``
    ///   (eᵢ < 0; sava's `stopifnot(all(ei >= 0))`) and ``StatsError/missingValue(_:)`` for NaN
    ///   (sava: "Some values are missing or not a number").
    public static func systematicComponent(observed: [Double], expected: [Double],
                                           form: SCVForm = .diehr) throws -> Double? {
        let n = observed.count
        guard n == expected.count else { throw StatsError.mismatchedLengths }
        guard n > 0 else { throw StatsError.empty }
        var anyZero = false
        for i in 0..<n {
            let o = observed[i], e = expected[i]
            guard !o.isNaN, !e.isNaN else { throw StatsError.missingValue("observed/expected") }
            guard o >= 0 else { throw StatsError.negativeNumerator }
            guard e >= 0 else { throw StatsError.nonPositiveDenominator }
            if e == 0 { anyZero = true }
        }
        if anyZero { return nil }
        var sum = 0.0
        switch form {
        case .diehr:
            for i in 0..<n {
                let e = expected[i]
                let y = (observed[i] - e) / e
                sum += y * y - 1 / e
            }
        case .mcPherson:
            for i in 0..<n {
                let e = expected[i]
                let y = log(observed[i]) - log(e)
                sum += y * y - 1 / e
            }
        }
        let scv = sum / Double(n)
        return scv >= 0 && scv.isFinite ? scv : nil
    }

    /// The extremal quotient max/min of the unit values (McPherson et al. 1982). nil when
    /// there are no values or the minimum is ≤ 0 (the quotient is then undefined). NaN values
    /// are ignored.
    public static func extremalQuotient(_ values: [Double]) -> Double? {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where !v.isNaN { lo = min(lo, v); hi = max(hi, v) }
        guard lo.isFinite, lo > 0 else { return nil }
        return hi / lo
    }

    /// sava's quantile-based extremal quotient `EQ(object, q)`: quantile(1 − q)/quantile(q)
    /// (Schoch, sava `R/sava_class.R`; with q = 0.2 the "EQ80/20"). As sava, nil when there
    /// are 5 or fewer values; also nil when the lower quantile is ≤ 0. sava applies it to
    /// empirical-Bayes predicted rates; any positive values can be given. NaN values are
    /// ignored. `q` must lie in (0, 0.5) (sava's `stopifnot`); otherwise nil.
    public static func quantileRatio(_ values: [Double], q: Double = 0.2) -> Double? {
        guard q > 0, q < 0.5 else { return nil }
        var s = values.filter { !$0.isNaN }
        guard s.count > 5 else { return nil }
        s.sort()
        return percentileRatio(sorted: s, upper: 1 - q, lower: q)
    }

    /// The ratio of two percentiles of ascending-sorted values, e.g. P95/P5; nil when the
    /// lower percentile is ≤ 0 or there are no values.
    public static func percentileRatio(sorted: [Double], upper: Double, lower: Double) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let l = PercentileCont.sortedPercentile(sorted, lower)
        guard l > 0 else { return nil }
        return PercentileCont.sortedPercentile(sorted, upper) / l
    }

    /// The fold range max/min of ascending-sorted values after dropping the `excluding`
    /// lowest and `excluding` highest (0: all units). nil when fewer than 2·`excluding` + 1
    /// values remain to compare or the remaining minimum is ≤ 0.
    public static func foldRange(sorted: [Double], excluding k: Int = 0) -> Double? {
        guard k >= 0, sorted.count > 2 * k else { return nil }
        let lo = sorted[k], hi = sorted[sorted.count - 1 - k]
        guard lo > 0 else { return nil }
        return hi / lo
    }

    /// The coefficient of variation sd/mean, with the n − 1 standard deviation (R's `sd`).
    /// nil for fewer than 2 values or a zero mean. NaN values are ignored. Two-pass for
    /// accuracy.
    public static func coefficientOfVariation(_ values: [Double]) -> Double? {
        var n = 0, sum = 0.0
        for v in values where !v.isNaN { n += 1; sum += v }
        guard n >= 2 else { return nil }
        let mean = sum / Double(n)
        guard mean != 0 else { return nil }
        var ss = 0.0
        for v in values where !v.isNaN { let d = v - mean; ss += d * d }
        return (ss / Double(n - 1)).squareRoot() / mean
    }
}
