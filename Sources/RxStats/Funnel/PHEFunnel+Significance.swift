/// `assign_funnel_significance` (PHEindicatormethods v2.1.0, `R/Funnels.R`): each unit's label
/// against the pooled average. Comparisons are strict, so a unit exactly on a limit is "Not
/// significant".
extension PHEFunnel {
    /// Labels proportions: the unit's proportion against the Wilson-inverted limits
    /// (``proportionLimit(probability:population:average:side:multiplier:)``, multiplier 1) at
    /// its own denominator around average = Σ numerators / Σ denominators. Checked in the
    /// package's order: Low (0.001), Low (0.025), High (0.001), High (0.025).
    ///
    /// - Throws: ``StatsError`` for a negative numerator, a denominator ≤ 0, a numerator above
    ///   its denominator, missing values or mismatched lengths.
    public static func proportionSignificance(numerators: [Double], denominators: [Double]) throws(StatsError) -> [PHESignificance] {
        try validate(numerators, denominators, proportion: true)
        let average = numerators.reduce(0, +) / denominators.reduce(0, +)
        let z95 = Distribution.normalQuantile(probability95)
        let z998 = Distribution.normalQuantile(probability998)
        var labels = [PHESignificance]()
        labels.reserveCapacity(numerators.count)
        for i in numerators.indices {
            let n = denominators[i]
            let value = numerators[i] / n
            let label: PHESignificance
            if value < proportionLimit(z: z998, population: n, average: average, side: .lower, multiplier: 1) {
                label = .low001
            } else if value < proportionLimit(z: z95, population: n, average: average, side: .lower, multiplier: 1) {
                label = .low025
            } else if value > proportionLimit(z: z998, population: n, average: average, side: .upper, multiplier: 1) {
                label = .high001
            } else if value > proportionLimit(z: z95, population: n, average: average, side: .upper, multiplier: 1) {
                label = .high025
            } else {
                label = .notSignificant
            }
            labels.append(label)
        }
        return labels
    }

    /// The label of one count against `target` (a ratio's 1, a rate's weighted average), by
    /// ``ratioTestStatistic(observed:expected:confidence:side:)``: High (0.001) when the
    /// 99.8% lower limit of O/E is above the target, High (0.025) for the 95% one, then Low
    /// (0.001) and Low (0.025) for the upper limits below it. A missing expected count (NaN)
    /// compares false everywhere, as R's `NA` in `case_when`, giving "Not significant".
    @inlinable
    public static func countSignificance(observed o: Double, expected e: Double, target: Double,
                                         z95: Double, z998: Double) -> PHESignificance {
        if target < ratioTestStatistic(observed: o, expected: e, confidence: 0.998, z: z998, side: .lower) { return .high001 }
        if target < ratioTestStatistic(observed: o, expected: e, confidence: 0.95, z: z95, side: .lower) { return .high025 }
        if target > ratioTestStatistic(observed: o, expected: e, confidence: 0.998, z: z998, side: .upper) { return .low001 }
        if target > ratioTestStatistic(observed: o, expected: e, confidence: 0.95, z: z95, side: .upper) { return .low025 }
        return .notSignificant
    }

    /// Labels observed/expected ratios against 1: `assign_funnel_significance(statistic =
    /// "ratio")`, exact chi-square limits of the observed count under 10 events and Byar's
    /// from 10.
    ///
    /// - Throws: ``StatsError`` for a negative count, an expected count ≤ 0, missing values
    ///   or mismatched lengths.
    public static func ratioSignificance(observed: [Double], expected: [Double]) throws(StatsError) -> [PHESignificance] {
        try validate(observed, expected, proportion: false)
        let z95 = Distribution.normalQuantile(0.5 + 0.95 / 2)
        let z998 = Distribution.normalQuantile(0.5 + 0.998 / 2)
        return observed.indices.map { i in
            countSignificance(observed: observed[i], expected: expected[i], target: 1, z95: z95, z998: z998)
        }
    }

    /// Labels rates: `assign_funnel_significance(statistic = "rate")`.
    ///
    /// Each unit's derived denominator is ``derivedRateDenominators(numerators:rates:denominators:rateType:multiplier:)``;
    /// the target is the weighted average Σ events / Σ derived denominators (missing ones
    /// skipped); each unit is labelled as a count against it. A DSR from fewer than 10 events
    /// is "Not applicable for events less than 10 for dsrs".
    ///
    /// - Parameters:
    ///   - numerators: the events.
    ///   - rates: the rates, per `multiplier`.
    ///   - denominators: the populations; needed when any unit has no events. The package
    ///     refuses a population ≤ 0 wherever it is given.
    ///   - rateType: DSR or crude.
    ///   - multiplier: the rate's multiplier (100,000 for per 100,000).
    public static func rateSignificance(numerators: [Double], rates: [Double], denominators: [Double]?,
                                        rateType: PHERateType, multiplier: Double) throws(StatsError) -> [PHESignificance] {
        if let pops = denominators {
            for p in pops where p <= 0 { throw .nonPositiveDenominator }
        }
        let derived = try derivedRateDenominators(numerators: numerators, rates: rates, denominators: denominators,
                                                  rateType: rateType, multiplier: multiplier)
        var sum = 0.0
        for d in derived where !d.isNaN { sum += d }
        let average = numerators.reduce(0, +) / sum
        let z95 = Distribution.normalQuantile(0.5 + 0.95 / 2)
        let z998 = Distribution.normalQuantile(0.5 + 0.998 / 2)
        return numerators.indices.map { i in
            if rateType == .dsr && numerators[i] < 10 { return .notApplicableDSR }
            return countSignificance(observed: numerators[i], expected: derived[i], target: average, z95: z95, z998: z998)
        }
    }
}
