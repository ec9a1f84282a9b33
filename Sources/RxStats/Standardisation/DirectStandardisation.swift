import Foundation

/// Directly standardised rates (DSRs) with Dobson confidence limits.
///
/// Source: PHEindicatormethods v2.1.0, `calculate_dsr` and its internal `dsr_inner`
/// (`R/DSR.R`), after Dobson et al. (1991) "Confidence intervals for weighted sums of Poisson
/// parameters" (Stat Med 10:457–62) and Breslow & Day (1987) for Byar's limits. For one unit
/// with counts xᵢ, populations nᵢ and standard populations sᵢ over categories i (age bands):
///
///     O     = Σ xᵢ                               (total count)
///     value = Σ xᵢ sᵢ/nᵢ / Σ sᵢ × multiplier
///     var   = Σ xᵢ (sᵢ/nᵢ)² / (Σ sᵢ)²
///     lower = value + √(var/O) · (byars_lower(O, c) − O) × multiplier
///     upper = value + √(var/O) · (byars_upper(O, c) − O) × multiplier
///
/// Edge cases, as `calculate_dsr`:
/// - the value and both limits are `nil` (NA) when the total count is under 10 ("dsr NA for
///   total count < 10"); the totals are still returned;
/// - a missing (NaN) count is treated as 0 (`na.zero`);
/// - a missing population throws ``StatsError/missingValue(_:)`` ("field n cannot have missing
///   values"), a missing standard population likewise ("field stdpop ...");
/// - a negative count throws ``StatsError/negativeNumerator``;
/// - a population ≤ 0 throws ``StatsError/nonPositiveDenominator``;
/// - a negative standard population throws ``StatsError/negativeStandardPopulation``;
/// - a confidence outside 0.9...1 (or 90...100) throws ``StatsError/confidenceOutOfRange(_:)``;
/// - a multiplier ≤ 0 throws ``StatsError/nonPositiveMultiplier``;
/// - arrays of different lengths throw ``StatsError/mismatchedLengths``; no categories throws
///   ``StatsError/empty``.
public enum DirectStandardisation {
    /// The DSR of one unit, events assumed independent (PHEindicatormethods
    /// `calculate_dsr(data, x, n, stdpop, confidence, multiplier)`, method "Dobson").
    public static func rate(counts: [Double], populations: [Double], standardPopulation: [Double],
                            confidence: Double = 0.95, multiplier: Double = 100_000) throws(StatsError) -> StandardisedRate {
        guard counts.count == populations.count, counts.count == standardPopulation.count else { throw .mismatchedLengths }
        guard !counts.isEmpty else { throw .empty }
        try validate(populations: populations, standardPopulation: standardPopulation, counts: [counts])
        let c = try settings(confidence: confidence, multiplier: multiplier)
        let s = accumulate(counts, populations, standardPopulation)
        let variance = s.squared / (s.standard * s.standard)
        return finish(total: s.total, weighted: s.weighted, standard: s.standard, variance: variance,
                      population: populations.reduce(0, +), c: c, multiplier: multiplier, method: .dobson)
    }

    /// The DSR of one unit when events are not independent: a person may have several events
    /// (PHEindicatormethods `calculate_dsr(..., independent_events = FALSE, eventfreq, ageband)`,
    /// method "Dobson, with confidence adjusted for non-independent events").
    ///
    /// `persons[k][i]` is the number of people with `eventFrequencies[k]` events in category i
    /// (NaN counts as 0). Events per category are Σₖ fₖ · persons[k][i], and the value is the
    /// Dobson DSR of those events. The variance is the frequency-weighted sum of the Dobson
    /// variances of each frequency's person counts, Σₖ fₖ² · Σᵢ persons[k][i] (sᵢ/nᵢ)² / (Σ sᵢ)²
    /// (the Fingertips technical guidance's adjustment, as `calculate_dsr` computes it), and
    /// the limits use Byar's limits of the total event count as above.
    public static func rate(persons: [[Double]], eventFrequencies: [Double], populations: [Double],
                            standardPopulation: [Double], confidence: Double = 0.95,
                            multiplier: Double = 100_000) throws(StatsError) -> StandardisedRate {
        let bands = populations.count
        guard standardPopulation.count == bands, persons.count == eventFrequencies.count,
              persons.allSatisfy({ $0.count == bands }) else { throw .mismatchedLengths }
        guard bands > 0, !persons.isEmpty else { throw .empty }
        for f in eventFrequencies where f.isNaN { throw .missingValue("eventfreq") }
        try validate(populations: populations, standardPopulation: standardPopulation, counts: persons)
        let c = try settings(confidence: confidence, multiplier: multiplier)
        let standard = standardPopulation.reduce(0, +)
        var events = [Double](repeating: 0, count: bands)
        var variance = 0.0
        for (k, row) in persons.enumerated() {
            let f = eventFrequencies[k]
            var squared = 0.0
            for i in 0..<bands {
                let p = row[i].isNaN ? 0 : row[i]
                let w = standardPopulation[i] / populations[i]
                squared += p * (w * w)
                events[i] += f * p
            }
            variance += squared / (standard * standard) * (f * f)
        }
        let s = accumulate(events, populations, standardPopulation)
        return finish(total: s.total, weighted: s.weighted, standard: standard, variance: variance,
                      population: populations.reduce(0, +), c: c, multiplier: multiplier,
                      method: .dobsonNonIndependent)
    }

    /// DSRs for many units sharing one standard population, events independent. `counts` and
    /// `populations` are row-major, one row of `standardPopulation.count` categories per unit
    /// (`counts[u * bands + i]`). Byar's z is computed once. Units whose total count is under 10
    /// get NaN value and limits (NA) with method "Dobson". Throws as
    /// ``rate(counts:populations:standardPopulation:confidence:multiplier:)``, and
    /// ``StatsError/mismatchedLengths`` unless both arrays hold a whole number of rows.
    public static func rates(counts: [Double], populations: [Double], standardPopulation: [Double],
                             confidence: Double = 0.95, multiplier: Double = 100_000) throws(StatsError) -> IntervalBatch {
        let bands = standardPopulation.count
        guard bands > 0 else { throw .empty }
        guard counts.count == populations.count, counts.count % bands == 0 else { throw .mismatchedLengths }
        try validate(populations: populations, standardPopulation: standardPopulation, counts: [counts])
        let c = try settings(confidence: confidence, multiplier: multiplier)
        let z = ConfidenceLevel.z(c)
        let units = counts.count / bands
        let standard = standardPopulation.reduce(0, +)
        var value = [Double](repeating: .nan, count: units)
        var lower = [Double](repeating: .nan, count: units)
        var upper = [Double](repeating: .nan, count: units)
        counts.withUnsafeBufferPointer { xs in
            populations.withUnsafeBufferPointer { ns in
                standardPopulation.withUnsafeBufferPointer { ss in
                    for u in 0..<units {
                        var total = 0.0, weighted = 0.0, squared = 0.0
                        let base = u * bands
                        for i in 0..<bands {
                            let x = xs[base + i].isNaN ? 0 : xs[base + i]
                            let w = ss[i] / ns[base + i]
                            total += x
                            weighted += x * w
                            squared += x * (w * w)
                        }
                        if total < 10 { continue }
                        let v = weighted / standard * multiplier
                        let k = (squared / (standard * standard) / total).squareRoot()
                        value[u] = v
                        lower[u] = v + k * (PoissonInterval.byarsLower(total, z: z) - total) * multiplier
                        upper[u] = v + k * (PoissonInterval.byarsUpper(total, z: z) - total) * multiplier
                    }
                }
            }
        }
        return IntervalBatch(value: value, lower: lower, upper: upper,
                             methods: [IntervalMethod?](repeating: .dobson, count: units), confidence: c)
    }

    // MARK: - Shared steps

    /// `calculate_dsr`'s checks, in its order (counts NaN are allowed: they count as 0).
    private static func validate(populations: [Double], standardPopulation: [Double],
                                 counts: [[Double]]) throws(StatsError) {
        for n in populations where n.isNaN { throw .missingValue("n") }
        for s in standardPopulation where s.isNaN { throw .missingValue("stdpop") }
        for row in counts { for x in row where x < 0 { throw .negativeNumerator } }
        for n in populations where n <= 0 { throw .nonPositiveDenominator }
        for s in standardPopulation where s < 0 { throw .negativeStandardPopulation }
    }

    /// Validates the confidence and multiplier; returns the confidence as a fraction.
    private static func settings(confidence: Double, multiplier: Double) throws(StatsError) -> Double {
        let c = try ConfidenceLevel.fraction(confidence)
        guard multiplier > 0 else { throw .nonPositiveMultiplier }
        return c
    }

    /// Σx (NaN as 0), Σ x s/n, Σ x (s/n)² and Σ s for one unit.
    private static func accumulate(_ x: [Double], _ n: [Double], _ s: [Double])
        -> (total: Double, weighted: Double, squared: Double, standard: Double) {
        var total = 0.0, weighted = 0.0, squared = 0.0, standard = 0.0
        for i in 0..<x.count {
            let xi = x[i].isNaN ? 0 : x[i]
            let w = s[i] / n[i]
            total += xi
            weighted += xi * w
            squared += xi * (w * w)
            standard += s[i]
        }
        return (total, weighted, squared, standard)
    }

    /// Dobson's limits from the totals, with NA below 10 events.
    private static func finish(total: Double, weighted: Double, standard: Double, variance: Double,
                               population: Double, c: Double, multiplier: Double,
                               method: IntervalMethod) -> StandardisedRate {
        guard total >= 10 else {
            return StandardisedRate(interval: .missing(confidence: c, method: method),
                                    totalCount: total, totalPopulation: population)
        }
        let z = ConfidenceLevel.z(c)
        let value = weighted / standard * multiplier
        let k = (variance / total).squareRoot()
        let lower = value + k * (PoissonInterval.byarsLower(total, z: z) - total) * multiplier
        let upper = value + k * (PoissonInterval.byarsUpper(total, z: z) - total) * multiplier
        return StandardisedRate(
            interval: Interval(value: value, lower: lower.naAsNil, upper: upper.naAsNil, confidence: c, method: method),
            totalCount: total, totalPopulation: population)
    }
}
