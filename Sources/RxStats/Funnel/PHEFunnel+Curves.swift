import Foundation

/// The 100-row tables of `calculate_funnel_limits` (PHEindicatormethods v2.1.0,
/// `R/Funnels.R`), for drawing the funnel.
extension PHEFunnel {
    /// The x values of PHE's 100 plotting rows between `axisMinimum` and `axisMaximum`, as
    /// `calculate_funnel_limits` spaces them: the first is `max(1, axisMinimum)`, and each
    /// next one is `max(round((axisMaximum / previous)^(1/(101 − offset)) × previous),
    /// previous + 1)` with `offset = j` (proportions and rates) or `j − 1` (ratios) for row
    /// `j` = 2...100. R's `round` rounds halves to even, as here.
    public static func axisPoints(axisMinimum: Double, axisMaximum: Double, forRatio: Bool) -> [Double] {
        var points = [Double]()
        points.reserveCapacity(100)
        points.append(max(1, axisMinimum))
        for j in 2...100 {
            let offset = Double(forRatio ? j - 1 : j)
            let previous = points[j - 2]
            let next = (pow(axisMaximum / previous, 1 / (101 - offset)) * previous).rounded(.toNearestOrEven)
            points.append(max(next, previous + 1))
        }
        return points
    }

    /// PHE's `signif.floor(x, 0.95)`: `x × 0.95` rounded down to its leading digit, where the
    /// digit count is R's `nchar` of the number (so 100000, printed "1e+05", counts 5).
    static func signifFloor(_ x: Double) -> Double {
        if x == 0 { return 0 }
        let n = Double(rCharacterCount((x * 0.95).rounded(.down)) - 1)
        let scale = pow(10, n)
        return (x * 0.95 / scale).rounded(.down) * scale
    }

    /// PHE's `signif.ceiling(x, 1.05)`: `x × 1.05` rounded up to its two leading digits (by R's
    /// `nchar`, as ``signifFloor(_:)``).
    static func signifCeiling(_ x: Double) -> Double {
        if x == 0 { return 0 }
        let n = Double(rCharacterCount((x * 1.05).rounded(.up)) - 2)
        let scale = pow(10, n)
        return (x * 1.05 / scale).rounded(.up) * scale
    }

    /// The length of R's `as.character` of a whole number held as a double: fixed notation
    /// unless scientific is shorter (R's `scipen = 0` rule), so 1e5 gives "1e+05" (5).
    static func rCharacterCount(_ v: Double) -> Int {
        if v == 0 { return 1 }
        let sign = v < 0 ? 1 : 0
        let digits = String(format: "%.0f", abs(v))
        let fixed = digits.count + sign
        let significant = digits.reversed().drop(while: { $0 == "0" }).count
        let exponent = digits.count - 1
        let mantissa = significant == 1 ? 1 : significant + 1
        let scientific = sign + mantissa + (exponent >= 100 ? 5 : 4)
        return fixed <= scientific ? fixed : scientific
    }

    /// Checks parallel arrays of numerators and denominators.
    static func validate(_ numerators: [Double], _ denominators: [Double], proportion: Bool) throws(StatsError) {
        guard numerators.count == denominators.count else { throw .mismatchedLengths }
        guard !numerators.isEmpty else { throw .empty }
        for i in numerators.indices {
            let x = numerators[i], n = denominators[i]
            if x.isNaN { throw .missingValue("numerator") }
            if n.isNaN { throw .missingValue("denominator") }
            if x < 0 { throw .negativeNumerator }
            if n <= 0 { throw .nonPositiveDenominator }
            if proportion && x > n { throw .numeratorExceedsDenominator }
        }
    }

    /// The proportion funnel table: `calculate_funnel_limits(statistic = "proportion")`.
    ///
    /// The average is Σ numerators / Σ denominators. The axis runs from 0 when the largest
    /// denominator is over twice the smallest (otherwise from `signif.floor(min)`) up to
    /// `signif.ceiling(max)`, in 100 rows (``axisPoints(axisMinimum:axisMaximum:forRatio:)``),
    /// each with ``proportionLimits(population:average:multiplier:)``.
    ///
    /// - Throws: ``StatsError`` for missing, negative or mismatched inputs, a denominator ≤ 0
    ///   or a numerator above its denominator.
    public static func proportionCurve(numerators: [Double], denominators: [Double],
                                       multiplier: Double = 100) throws(StatsError) -> [PHEFunnelPoint] {
        try validate(numerators, denominators, proportion: true)
        let average = numerators.reduce(0, +) / denominators.reduce(0, +)
        let lo = denominators.min()!, hi = denominators.max()!
        let axisMinimum = hi > 2 * lo ? 0 : signifFloor(lo)
        let axisMaximum = signifCeiling(hi)
        let z95 = Distribution.normalQuantile(probability95)
        let z998 = Distribution.normalQuantile(probability998)
        return axisPoints(axisMinimum: axisMinimum, axisMaximum: axisMaximum, forRatio: false).map { n in
            PHEFunnelPoint(x: n, limits: proportionLimits(population: n, average: average, multiplier: multiplier,
                                                          z95: z95, z998: z998),
                           baseline: average * multiplier)
        }
    }

    /// The ratio funnel table: `calculate_funnel_limits(statistic = "ratio")` with
    /// `ratio_type` `count` (O/E − 1) or `isr` (O/E × 100).
    ///
    /// The axis is built from the expected counts as for proportions, but read as observed
    /// events; at each observed count O the expected count on each limit comes from
    /// ``poissonFunnel(observed:probability:side:method:)`` and the limit is O/E.
    public static func ratioCurve(observed: [Double], expected: [Double], ratioType: PHERatioType,
                                  method: PoissonFunnelMethod = .bisection) throws(StatsError) -> [PHEFunnelPoint] {
        try validate(observed, expected, proportion: false)
        let lo = expected.min()!, hi = expected.max()!
        let axisMinimum = hi > 2 * lo ? 0 : signifFloor(lo)
        let axisMaximum = signifCeiling(hi)
        return axisPoints(axisMinimum: axisMinimum, axisMaximum: axisMaximum, forRatio: true).map { o in
            let e = poissonExpectedCounts(observed: o, method: method)
            let limits = FunnelLimits(lower95: ratioType.express(o / e.lower95), upper95: ratioType.express(o / e.upper95),
                                      lower998: ratioType.express(o / e.lower998), upper998: ratioType.express(o / e.upper998))
            return PHEFunnelPoint(x: o, limits: limits, baseline: ratioType.express(1), denominators: e)
        }
    }

    /// PHE's derived denominators for rates: `multiplier × events / rate`, except that a DSR
    /// with no events has none (NaN) and a crude rate with no events takes its population.
    /// Without populations a crude rate derives every denominator from its rate.
    ///
    /// - Throws: ``StatsError/missingValue(_:)`` ("denominator") when a unit has no events and
    ///   no population is given, as the package refuses it.
    public static func derivedRateDenominators(numerators: [Double], rates: [Double], denominators: [Double]?,
                                               rateType: PHERateType, multiplier: Double) throws(StatsError) -> [Double] {
        guard numerators.count == rates.count, denominators.map({ $0.count == numerators.count }) ?? true else {
            throw .mismatchedLengths
        }
        guard !numerators.isEmpty else { throw .empty }
        var derived = [Double](repeating: .nan, count: numerators.count)
        for i in numerators.indices {
            let x = numerators[i]
            if x.isNaN { throw .missingValue("numerator") }
            if x < 0 { throw .negativeNumerator }
            if x == 0 {
                guard let pops = denominators else { throw .missingValue("denominator") }
                let pop = pops[i]
                if pop.isNaN || pop <= 0 { throw .missingValue("denominator") }
                derived[i] = rateType == .dsr ? .nan : pop
            } else {
                derived[i] = multiplier * x / rates[i]
            }
        }
        return derived
    }

    /// The rate funnel table: `calculate_funnel_limits(statistic = "rate")` with
    /// `rate_type` `dsr` or `crude`, a multiplier (per 100,000 and so on) and `years_of_data`.
    ///
    /// The average is Σ events / Σ derived denominators (missing ones skipped). The axis is
    /// built on denominators per year, turned into events (`floor(min × average)`,
    /// `ceiling(max × average)`), and at each event count E the expected count on each limit
    /// λ gives a population per year `λ / average / years` and a limit `E / (λ / average) ×
    /// multiplier`.
    public static func rateCurve(numerators: [Double], rates: [Double], denominators: [Double]? = nil,
                                 rateType: PHERateType, multiplier: Double, yearsOfData: Double,
                                 method: PoissonFunnelMethod = .bisection) throws(StatsError) -> [PHEFunnelPoint] {
        guard multiplier > 0 else { throw .nonPositiveMultiplier }
        let derived = try derivedRateDenominators(numerators: numerators, rates: rates, denominators: denominators,
                                                  rateType: rateType, multiplier: multiplier)
        let present = derived.filter { !$0.isNaN }
        guard let lo = present.min(), let hi = present.max() else { throw .empty }
        let average = numerators.reduce(0, +) / present.reduce(0, +)
        let axisMinimum = hi > 2 * lo ? 0 : signifFloor(lo / yearsOfData) * yearsOfData
        let axisMaximum = signifCeiling(hi / yearsOfData) * yearsOfData
        let events = axisPoints(axisMinimum: (axisMinimum * average).rounded(.down),
                                axisMaximum: (axisMaximum * average).rounded(.up), forRatio: false)
        return events.map { e in
            let lambda = poissonExpectedCounts(observed: e, method: method)
            func population(_ l: Double) -> Double { l / average }
            let limits = FunnelLimits(lower95: e / population(lambda.lower95) * multiplier,
                                      upper95: e / population(lambda.upper95) * multiplier,
                                      lower998: e / population(lambda.lower998) * multiplier,
                                      upper998: e / population(lambda.upper998) * multiplier)
            let perYear = FunnelLimits(lower95: population(lambda.lower95) / yearsOfData,
                                       upper95: population(lambda.upper95) / yearsOfData,
                                       lower998: population(lambda.lower998) / yearsOfData,
                                       upper998: population(lambda.upper998) / yearsOfData)
            return PHEFunnelPoint(x: e, limits: limits, baseline: average * multiplier, denominators: perYear)
        }
    }
}
