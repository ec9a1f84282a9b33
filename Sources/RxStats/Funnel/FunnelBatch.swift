/// Funnel limits, z-scores, flags and overdispersion for whole arrays of units at once, writing
/// into columns allocated once (see ``FunnelBatchResult``).
public enum FunnelBatch {
    /// A Spiegelhalter/FunnelPlotR funnel for every unit at its own denominator.
    ///
    /// The target defaults to ``SpiegelhalterFunnel/defaultTarget(numerators:denominators:dataType:)``;
    /// φ and τ² come from ``SpiegelhalterFunnel/overdispersion(numerators:denominators:dataType:target:method:trim:)``;
    /// the limits are ``SpiegelhalterFunnel/limits(denominator:target:dataType:adjustment:multiplier:quantiles:)``
    /// (adjusted only when φ > 1), and each unit is flagged by
    /// ``FunnelFlag/classify(_:lower95:upper95:lower998:upper998:)`` with value O/D × multiplier,
    /// as FunnelPlotR's `outliers_func` compares `rr × multiplier` with the limits.
    ///
    /// - Throws: ``StatsError`` for invalid inputs (see ``SpiegelhalterFunnel``).
    public static func spiegelhalter(numerators: [Double], denominators: [Double], dataType: FunnelDataType,
                                     target: Double? = nil, method: OverdispersionMethod = .additive,
                                     trim: TrimMethod = .default, multiplier: Double = 1,
                                     quantiles: LimitQuantiles = .funnelPlotR) throws(StatsError) -> FunnelBatchResult {
        try SpiegelhalterFunnel.validate(numerators, denominators, dataType: dataType)
        let count = numerators.count
        let t = target ?? SpiegelhalterFunnel.defaultTarget(numerators: numerators, denominators: denominators, dataType: dataType)
        let tt = SpiegelhalterFunnel.transformedTarget(t, dataType: dataType)
        var value = [Double](repeating: 0, count: count)
        var z = [Double](repeating: 0, count: count)
        var s = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let (y, se) = SpiegelhalterFunnel.transformed(numerator: numerators[i], denominator: denominators[i], dataType: dataType)
            z[i] = (y - tt) / se
            s[i] = se
            value[i] = numerators[i] / denominators[i] * multiplier
        }
        let (n, phi, tau2) = Overdispersion.estimate(zScores: z, standardErrors: s, trim: trim)
        let summary = OverdispersionSummary(target: t, n: n, phi: phi, tau2: tau2,
                                            adjusted: method != .none && phi > 1, method: method)
        let adjustedZ = SpiegelhalterFunnel.adjustedZ(z, numerators: numerators, denominators: denominators, dataType: dataType,
                                                      summary: summary)
        // Reuse the standard-error column for the lower 95% limits.
        var lower95 = s
        var upper95 = [Double](repeating: 0, count: count)
        var lower998 = [Double](repeating: 0, count: count)
        var upper998 = [Double](repeating: 0, count: count)
        var flags = [FunnelFlag](repeating: .none, count: count)
        for i in 0..<count {
            let l = SpiegelhalterFunnel.limits(denominator: denominators[i], target: t, dataType: dataType,
                                               adjustment: summary, multiplier: multiplier, quantiles: quantiles)
            lower95[i] = l.lower95
            upper95[i] = l.upper95
            lower998[i] = l.lower998
            upper998[i] = l.upper998
            flags[i] = FunnelFlag.classify(value[i], limits: l)
        }
        return FunnelBatchResult(value: value, z: z, adjustedZ: adjustedZ, lower95: lower95, upper95: upper95, lower998: lower998,
                                 upper998: upper998, flags: flags, overdispersion: summary, centre: t * multiplier)
    }

    /// A PHE proportion funnel for every unit at its own denominator: limits from
    /// ``PHEFunnel/proportionLimits(population:average:multiplier:)`` around the pooled
    /// average, and flags as `assign_funnel_significance(statistic = "proportion")` labels
    /// them (``PHEFunnel/proportionSignificance(numerators:denominators:)``). `z` is NaN: PHE's
    /// method has no z-score.
    public static func pheProportion(numerators: [Double], denominators: [Double],
                                     multiplier: Double = 100) throws(StatsError) -> FunnelBatchResult {
        let labels = try PHEFunnel.proportionSignificance(numerators: numerators, denominators: denominators)
        let count = numerators.count
        let average = numerators.reduce(0, +) / denominators.reduce(0, +)
        let z95 = Distribution.normalQuantile(PHEFunnel.probability95)
        let z998 = Distribution.normalQuantile(PHEFunnel.probability998)
        var value = [Double](repeating: 0, count: count)
        var lower95 = [Double](repeating: 0, count: count)
        var upper95 = [Double](repeating: 0, count: count)
        var lower998 = [Double](repeating: 0, count: count)
        var upper998 = [Double](repeating: 0, count: count)
        for i in 0..<count {
            value[i] = numerators[i] / denominators[i] * multiplier
            let l = PHEFunnel.proportionLimits(population: denominators[i], average: average, multiplier: multiplier,
                                               z95: z95, z998: z998)
            lower95[i] = l.lower95
            upper95[i] = l.upper95
            lower998[i] = l.lower998
            upper998[i] = l.upper998
        }
        return FunnelBatchResult(value: value, z: [Double](repeating: .nan, count: count), lower95: lower95,
                                 upper95: upper95, lower998: lower998, upper998: upper998,
                                 flags: labels.map { $0.flag ?? .none }, overdispersion: nil,
                                 centre: average * multiplier)
    }

    /// A PHE ratio funnel (observed/expected, target 1) for every unit at its own expected
    /// count: limits from ``PHEFunnel/ratioLimits(expected:ratioType:)`` (an exact root
    /// search per unit, a few microseconds each) and flags as
    /// `assign_funnel_significance(statistic = "ratio")` labels them. Values and limits are
    /// O/E × multiplier.
    public static func pheRatio(observed: [Double], expected: [Double], multiplier: Double = 1) throws(StatsError) -> FunnelBatchResult {
        let labels = try PHEFunnel.ratioSignificance(observed: observed, expected: expected)
        let count = observed.count
        var value = [Double](repeating: 0, count: count)
        var lower95 = [Double](repeating: 0, count: count)
        var upper95 = [Double](repeating: 0, count: count)
        var lower998 = [Double](repeating: 0, count: count)
        var upper998 = [Double](repeating: 0, count: count)
        for i in 0..<count {
            value[i] = observed[i] / expected[i] * multiplier
            let l = PHEFunnel.ratioLimits(expected: expected[i], ratioType: .isr).scaled(by: multiplier / 100)
            lower95[i] = l.lower95
            upper95[i] = l.upper95
            lower998[i] = l.lower998
            upper998[i] = l.upper998
        }
        return FunnelBatchResult(value: value, z: [Double](repeating: .nan, count: count), lower95: lower95,
                                 upper95: upper95, lower998: lower998, upper998: upper998,
                                 flags: labels.map { $0.flag ?? .none }, overdispersion: nil, centre: multiplier)
    }
}
