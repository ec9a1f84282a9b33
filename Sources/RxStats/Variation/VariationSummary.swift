/// The variation summary for a set of units (practices, PCNs, sub-ICB locations) from their
/// numerators and denominators: the pooled (England) value with its confidence interval,
/// range, fold ranges, percentile ratios, quintile breaks, coefficient of variation and the
/// systematic component of variation — the figures the NHS Atlas of Variation reports
/// (Public Health England, *The NHS Atlas of Variation in Healthcare*, technical notes:
/// range, fold difference excluding the 5 highest and 5 lowest, P95/P5).
///
/// Unit values are numeratorᵢ/denominatorᵢ × multiplier. All quantiles are
/// ``PercentileCont`` (linear interpolation, R type 7).
public struct VariationSummary: Sendable {
    /// A pooled-value interval method: given Σ numerators, Σ denominators and the confidence
    /// level, the lower and upper limits on the unmultiplied scale (nil for a missing limit,
    /// e.g. Byar's negative lower limit). Plug in a Wilson or exact/Byar interval.
    public typealias IntervalMethod = @Sendable (_ numerator: Double, _ denominator: Double,
                                                 _ confidence: Double) throws -> (lower: Double?, upper: Double?)

    /// The number of units.
    public let units: Int
    /// Σ numerators.
    public let totalNumerator: Double
    /// Σ denominators.
    public let totalDenominator: Double
    /// The pooled value Σnum/Σden × multiplier (the England value; every unit weighted by its
    /// denominator).
    public let pooled: Double
    /// The pooled value's lower limit × multiplier (nil without an interval method or when the
    /// method gives none).
    public let pooledLower: Double?
    /// The pooled value's upper limit × multiplier.
    public let pooledUpper: Double?
    /// The smallest unit value.
    public let minimum: Double
    /// The largest unit value.
    public let maximum: Double
    /// max/min over all units, the extremal quotient (nil when min ≤ 0).
    public let foldRange: Double?
    /// max/min after excluding the 5 highest and 5 lowest units (nil for 10 or fewer units
    /// or a remaining min ≤ 0).
    public let foldRangeExcludingExtremes: Double?
    /// P95/P5 (nil when P5 ≤ 0).
    public let p95ToP5: Double?
    /// P90/P10 (nil when P10 ≤ 0).
    public let p90ToP10: Double?
    /// The quintile breaks P20, P40, P60, P80.
    public let quintileBreaks: [Double]
    /// The coefficient of variation of the unit values, sd (n − 1)/mean (nil for one unit or
    /// a zero mean).
    public let coefficientOfVariation: Double?
    /// The SCV in Diehr's form against crude expected counts eᵢ = denominatorᵢ × Σnum/Σden
    /// (see ``VariationMeasures/systematicComponent(observed:expected:form:)``; nil when any
    /// eᵢ = 0 or the SCV is negative). For case-mix adjusted expected counts call that
    /// function directly.
    public let scvDiehr: Double?
    /// The SCV in McPherson's log form against the same crude expected counts (nil also when
    /// any numerator is 0).
    public let scvMcPherson: Double?

    /// The number of units excluded at each end for ``foldRangeExcludingExtremes``.
    public static let excludedAtEachEnd = 5

    /// Summarises the units.
    ///
    /// - Parameters:
    ///   - numerators: counts, ≥ 0.
    ///   - denominators: > 0 (populations, items, or expected counts for a ratio).
    ///   - multiplier: scale of values and limits (e.g. 1000 for per 1,000 patients).
    ///   - confidence: for the pooled interval; must be within 0.9...1 (PHEindicatormethods'
    ///     rule).
    ///   - interval: the pooled interval method, or nil for none.
    /// - Throws: ``StatsError/mismatchedLengths``, ``StatsError/empty``,
    ///   ``StatsError/negativeNumerator``, ``StatsError/nonPositiveDenominator``,
    ///   ``StatsError/confidenceOutOfRange(_:)``, ``StatsError/missingValue(_:)`` for NaN, and
    ///   whatever `interval` throws.
    public init(numerators: [Double], denominators: [Double], multiplier: Double = 1,
                confidence: Double = 0.95, interval: IntervalMethod? = nil) throws {
        let n = numerators.count
        guard n == denominators.count else { throw StatsError.mismatchedLengths }
        guard n > 0 else { throw StatsError.empty }
        guard confidence >= 0.9, confidence <= 1 else { throw StatsError.confidenceOutOfRange(confidence) }
        guard multiplier > 0 else { throw StatsError.nonPositiveMultiplier }
        var values = [Double](repeating: 0, count: n)
        var sumNum = 0.0, sumDen = 0.0
        for i in 0..<n {
            let x = numerators[i], d = denominators[i]
            guard !x.isNaN else { throw StatsError.missingValue("numerator") }
            guard !d.isNaN else { throw StatsError.missingValue("denominator") }
            guard x >= 0 else { throw StatsError.negativeNumerator }
            guard d > 0 else { throw StatsError.nonPositiveDenominator }
            sumNum += x
            sumDen += d
            values[i] = x / d * multiplier
        }
        let rate = sumNum / sumDen
        units = n
        totalNumerator = sumNum
        totalDenominator = sumDen
        pooled = rate * multiplier
        if let interval {
            let (l, u) = try interval(sumNum, sumDen, confidence)
            pooledLower = l.map { $0 * multiplier }
            pooledUpper = u.map { $0 * multiplier }
        } else {
            pooledLower = nil
            pooledUpper = nil
        }
        coefficientOfVariation = VariationMeasures.coefficientOfVariation(values)
        values.sort()
        minimum = values[0]
        maximum = values[n - 1]
        foldRange = VariationMeasures.foldRange(sorted: values)
        foldRangeExcludingExtremes = VariationMeasures.foldRange(sorted: values, excluding: Self.excludedAtEachEnd)
        p95ToP5 = VariationMeasures.percentileRatio(sorted: values, upper: 0.95, lower: 0.05)
        p90ToP10 = VariationMeasures.percentileRatio(sorted: values, upper: 0.9, lower: 0.1)
        quintileBreaks = [0.2, 0.4, 0.6, 0.8].map { PercentileCont.sortedPercentile(values, $0) }
        // Crude expected counts under the pooled rate; reuse `values` as workspace.
        for i in 0..<n { values[i] = denominators[i] * rate }
        scvDiehr = try VariationMeasures.systematicComponent(observed: numerators, expected: values, form: .diehr)
        scvMcPherson = try VariationMeasures.systematicComponent(observed: numerators, expected: values, form: .mcPherson)
    }
}
