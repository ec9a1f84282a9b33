extension FunnelBatch {
    /// The z-scores and flags of ``spiegelhalter(numerators:denominators:dataType:target:method:trim:multiplier:quantiles:)``
    /// without the limit columns, for callers that rank many tables and keep only the flags.
    ///
    /// The flags are the same. Where that function draws exact Poisson limits (a standardised
    /// ratio with no overdispersion adjustment: FunnelPlotR's `qchisq` limits,
    /// ``SpiegelhalterFunnel/limits(denominator:target:dataType:adjustment:multiplier:quantiles:)``),
    /// the flag is decided by the tail probability of the observed count instead of by four
    /// quantiles per unit: with O observed and E expected, O/E is above the upper limit
    /// `qchisq(α, 2(E + 1), lower = FALSE) / 2E` exactly when `pchisq(2O, 2(E + 1), lower = FALSE) < α`,
    /// and below the lower limit `qchisq(1 − α, 2E, lower = FALSE) / 2E` exactly when
    /// `pchisq(2O, 2E, lower = FALSE) > 1 − α` (α = 0.025 and 0.001), the survival function
    /// being strictly decreasing. One or two `pchisq` replace four `qchisq`.
    ///
    /// - Throws: ``StatsError`` as ``spiegelhalter(numerators:denominators:dataType:target:method:trim:multiplier:quantiles:)``.
    public static func spiegelhalterFlags(numerators: [Double], denominators: [Double], dataType: FunnelDataType,
                                          target: Double? = nil, method: OverdispersionMethod = .additive,
                                          trim: TrimMethod = .default, multiplier: Double = 1)
        throws(StatsError) -> (z: [Double], flags: [FunnelFlag], overdispersion: OverdispersionSummary) {
        try SpiegelhalterFunnel.validate(numerators, denominators, dataType: dataType)
        let count = numerators.count
        let t = target ?? SpiegelhalterFunnel.defaultTarget(numerators: numerators, denominators: denominators, dataType: dataType)
        let tt = SpiegelhalterFunnel.transformedTarget(t, dataType: dataType)
        var z = [Double](repeating: 0, count: count), s = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let (y, se) = SpiegelhalterFunnel.transformed(numerator: numerators[i], denominator: denominators[i], dataType: dataType)
            z[i] = (y - tt) / se
            s[i] = se
        }
        let (n, phi, tau2) = Overdispersion.estimate(zScores: z, standardErrors: s, trim: trim)
        let summary = OverdispersionSummary(target: t, n: n, phi: phi, tau2: tau2, adjusted: method != .none && phi > 1, method: method)
        var flags = [FunnelFlag](repeating: .none, count: count)
        let exact = !summary.adjusted && dataType.isStandardisedRatio
        for i in 0..<count {
            let o = numerators[i], e = denominators[i]
            if exact {
                // O/E against the exact limits around the target (both sides scaled alike).
                let x = 2 * o / t
                let upper = Distribution.gammaCDF(x, shape: e + 1, scale: 2, lower: false)
                if upper < 0.001 { flags[i] = .high998; continue }
                if upper < 0.025 { flags[i] = .high95; continue }
                let lower = Distribution.gammaCDF(x, shape: e, scale: 2, lower: false)
                flags[i] = lower > 0.999 ? .low998 : lower > 0.975 ? .low95 : .none
            } else {
                let l = SpiegelhalterFunnel.limits(denominator: e, target: t, dataType: dataType, adjustment: summary,
                                                   multiplier: multiplier)
                flags[i] = FunnelFlag.classify(o / e * multiplier, limits: l)
            }
        }
        return (z, flags, summary)
    }
}
