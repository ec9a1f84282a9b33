import Foundation

/// Indirectly standardised ratios (observed / expected, e.g. an SMR) and rates.
///
/// Sources: PHEindicatormethods v2.1.0, `calculate_ISRatio` (`R/ISRatio.R`) and
/// `calculate_ISRate` (`R/ISRate.R`). For one unit with counts xᵢ and populations nᵢ over
/// categories i, and reference counts Xᵢ and populations Nᵢ:
///
///     O = Σ xᵢ,   E = Σ nᵢ · Xᵢ/Nᵢ          (missing x, n, X count as 0)
///     O < 10:  limits = qchisq((1 − c)/2, 2O)/2 / E,  qchisq(c + (1 − c)/2, 2O + 2)/2 / E   "Exact"
///     O ≥ 10:  limits = byars_lower(O, c) / E,        byars_upper(O, c) / E                 "Byars"
///
/// A ratio is O/E × refvalue (refvalue 1, or 100 for a percentage) with the limits × refvalue.
/// A rate is O/E × R with the limits × R, where R = Σ Xᵢ / Σ Nᵢ × multiplier is the crude
/// reference rate.
///
/// Edge cases, as the reference functions:
/// - a negative count throws ``StatsError/negativeNumerator``;
/// - a negative population throws ``StatsError/negativeDenominator``; a population of 0 in a
///   category is allowed (it contributes nothing to E);
/// - a confidence outside 0.9...1 (or 90...100) throws ``StatsError/confidenceOutOfRange(_:)``;
/// - Byar's lower limit is `nil` (NA) when negative;
/// - departures, so that no silent infinity is returned: a reference population ≤ 0, or an
///   expected count ≤ 0, throws ``StatsError/nonPositiveDenominator`` (PHEindicatormethods
///   would divide by zero).
public enum IndirectStandardisation {
    /// The expected count E = Σ nᵢ · Xᵢ/Nᵢ (PHEindicatormethods `exp_x` summed), NaN in n or X
    /// counting as 0 (`na.zero`).
    public static func expected(populations: [Double], referenceCounts: [Double],
                                referencePopulations: [Double]) throws(StatsError) -> Double {
        guard populations.count == referenceCounts.count, populations.count == referencePopulations.count
        else { throw .mismatchedLengths }
        guard !populations.isEmpty else { throw .empty }
        var e = 0.0
        for i in 0..<populations.count {
            let n = populations[i], rx = referenceCounts[i], rn = referencePopulations[i]
            if n < 0 { throw .negativeDenominator }
            if !(rn > 0) { throw .nonPositiveDenominator }
            e += (rx.isNaN ? 0 : rx) / rn * (n.isNaN ? 0 : n)
        }
        return e
    }

    /// The indirectly standardised ratio from observed and expected counts: O/E × `refValue`
    /// with exact (O < 10) or Byar (O ≥ 10) limits (PHEindicatormethods `calculate_ISRatio`
    /// with the observed total supplied). A NaN observed count gives a missing interval.
    public static func ratio(observed: Double, expected: Double, confidence: Double = 0.95,
                             refValue: Double = 1) throws(StatsError) -> Interval {
        try scaled(observed: observed, expected: expected, confidence: confidence, scale: refValue)
    }

    /// The indirectly standardised rate from observed and expected counts and the crude
    /// reference rate (already per `multiplier`): O/E × `referenceRate` with exact or Byar
    /// limits (PHEindicatormethods `calculate_ISRate`).
    public static func rate(observed: Double, expected: Double, referenceRate: Double,
                            confidence: Double = 0.95) throws(StatsError) -> Interval {
        try scaled(observed: observed, expected: expected, confidence: confidence, scale: referenceRate)
    }

    /// The indirectly standardised ratio of one unit from its category counts and populations
    /// and the reference counts and populations (PHEindicatormethods `calculate_ISRatio(data,
    /// x, n, x_ref, n_ref, refpoptype = "vector", confidence, refvalue)`).
    public static func ratio(counts: [Double], populations: [Double], referenceCounts: [Double],
                             referencePopulations: [Double], confidence: Double = 0.95,
                             refValue: Double = 1) throws(StatsError) -> IndirectlyStandardised {
        guard counts.count == populations.count else { throw .mismatchedLengths }
        let o = try observed(counts)
        let e = try expected(populations: populations, referenceCounts: referenceCounts,
                             referencePopulations: referencePopulations)
        let interval = try ratio(observed: o, expected: e, confidence: confidence, refValue: refValue)
        return IndirectlyStandardised(observed: o, expected: e, referenceRate: nil, interval: interval)
    }

    /// The indirectly standardised rate of one unit (PHEindicatormethods `calculate_ISRate(data,
    /// x, n, x_ref, n_ref, refpoptype = "vector", confidence, multiplier)`): the reference rate
    /// is Σ X / Σ N × `multiplier` (missing X dropped).
    public static func rate(counts: [Double], populations: [Double], referenceCounts: [Double],
                            referencePopulations: [Double], confidence: Double = 0.95,
                            multiplier: Double = 100_000) throws(StatsError) -> IndirectlyStandardised {
        guard counts.count == populations.count else { throw .mismatchedLengths }
        let o = try observed(counts)
        let e = try expected(populations: populations, referenceCounts: referenceCounts,
                             referencePopulations: referencePopulations)
        var rx = 0.0, rn = 0.0
        for x in referenceCounts where !x.isNaN { rx += x }
        for n in referencePopulations { rn += n }
        let r = rx / rn * multiplier
        let interval = try rate(observed: o, expected: e, referenceRate: r, confidence: confidence)
        return IndirectlyStandardised(observed: o, expected: e, referenceRate: r, interval: interval)
    }

    /// Ratios for many units from observed and expected counts: Oᵤ/Eᵤ × `refValue` with exact
    /// or Byar limits. Exact limits for whole counts under 10 come from a table computed once
    /// per call. NaN observed counts give NaN outputs and method `nil`. Throws as
    /// ``ratio(observed:expected:confidence:refValue:)`` for the first bad unit, and
    /// ``StatsError/mismatchedLengths`` when the arrays differ in length.
    public static func ratios(observed: [Double], expected: [Double], confidence: Double = 0.95,
                              refValue: Double = 1) throws(StatsError) -> IntervalBatch {
        let c = try ConfidenceLevel.fraction(confidence)
        guard observed.count == expected.count else { throw .mismatchedLengths }
        let table = ExactTable(confidence: c)
        let z = ConfidenceLevel.z(c)
        let count = observed.count
        var failure: StatsError?
        var value = [Double](repeating: .nan, count: count)
        var lower = [Double](repeating: .nan, count: count)
        var upper = [Double](repeating: .nan, count: count)
        var methods = [IntervalMethod?](repeating: nil, count: count)
        observed.withUnsafeBufferPointer { os in
            expected.withUnsafeBufferPointer { es in
                for i in 0..<count {
                    let o = os[i], e = es[i]
                    if o.isNaN { continue }
                    if o < 0 { failure = .negativeNumerator; return }
                    if !(e > 0) { failure = .nonPositiveDenominator; return }
                    let l: Double, u: Double
                    if o < 10 {
                        methods[i] = .exact
                        (l, u) = table.limits(o)
                    } else {
                        methods[i] = .byars
                        l = PoissonInterval.byarsLower(o, z: z)
                        u = PoissonInterval.byarsUpper(o, z: z)
                    }
                    value[i] = o / e * refValue
                    lower[i] = l / e * refValue
                    upper[i] = u / e * refValue
                }
            }
        }
        if let failure { throw failure }
        return IntervalBatch(value: value, lower: lower, upper: upper, methods: methods, confidence: c)
    }

    // MARK: - Shared steps

    /// O = Σ x with NaN dropped (`sum(x, na.rm = TRUE)`); a negative count throws.
    private static func observed(_ counts: [Double]) throws(StatsError) -> Double {
        var o = 0.0
        for x in counts where !x.isNaN {
            if x < 0 { throw .negativeNumerator }
            o += x
        }
        return o
    }

    private static func scaled(observed o: Double, expected e: Double, confidence: Double,
                               scale: Double) throws(StatsError) -> Interval {
        let c = try ConfidenceLevel.fraction(confidence)
        if o.isNaN { return .missing(confidence: c, method: nil) }
        if o < 0 { throw .negativeNumerator }
        if !(e > 0) { throw .nonPositiveDenominator }
        let l: Double, u: Double, method: IntervalMethod
        if o < 10 {
            l = PoissonInterval.exactLower(o, c: c)
            u = PoissonInterval.exactUpper(o, c: c)
            method = .exact
        } else {
            let z = ConfidenceLevel.z(c)
            l = PoissonInterval.byarsLower(o, z: z)
            u = PoissonInterval.byarsUpper(o, z: z)
            method = .byars
        }
        return Interval(value: o / e * scale, lower: (l / e * scale).naAsNil, upper: (u / e * scale).naAsNil,
                        confidence: c, method: method)
    }
}
