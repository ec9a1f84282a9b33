import Foundation

/// Spiegelhalter funnel plots as FunnelPlotR draws them (v0.6.0: `R/od_adjustment.R`
/// `transformed_zscore`; `R/calculate_limits.R` `calculate_limits`; `R/funnel_plot.R`;
/// `R/outliers_func.R`), with Spiegelhalter's (2005) multiplicative adjustment as well.
public enum SpiegelhalterFunnel {
    /// The default target for a data type: 1 for standardised ratios (FunnelPlotR fixes it),
    /// otherwise the pooled Σ numerators / Σ denominators.
    public static func defaultTarget(numerators: [Double], denominators: [Double], dataType: FunnelDataType) -> Double {
        dataType.isStandardisedRatio ? 1 : numerators.reduce(0, +) / denominators.reduce(0, +)
    }

    /// The target on the transformed scale (FunnelPlotR `target_transformed`).
    @inlinable
    public static func transformedTarget(_ target: Double, dataType: FunnelDataType) -> Double {
        switch dataType {
        case .proportion: return asin(target.squareRoot())
        case .ratioLog, .ratioOfCounts: return log(target)
        case .ratioSquareRoot: return target.squareRoot()
        }
    }

    /// A unit's transformed value Y and its standard error s (FunnelPlotR `transformed_zscore`;
    /// see ``FunnelDataType`` for the formulas).
    @inlinable
    public static func transformed(numerator o: Double, denominator d: Double,
                                   dataType: FunnelDataType) -> (y: Double, s: Double) {
        switch dataType {
        case .proportion:
            return (asin((o / d).squareRoot()), 1 / (2 * d.squareRoot()))
        case .ratioLog:
            return (log(o / d), 1 / d.squareRoot())
        case .ratioSquareRoot:
            return ((o / d).squareRoot(), 1 / (2 * d.squareRoot()))
        case .ratioOfCounts:
            let a = o + 0.5, b = d + 0.5
            return (log(a / b), (o / (a * a) + d / (b * b)).squareRoot())
        }
    }

    /// A unit's unadjusted z-score, `(Y − target_transformed) / s` (FunnelPlotR `Uzscore`).
    @inlinable
    public static func zScore(numerator o: Double, denominator d: Double, transformedTarget t: Double,
                              dataType: FunnelDataType) -> Double {
        let (y, s) = transformed(numerator: o, denominator: d, dataType: dataType)
        return (y - t) / s
    }

    /// The standard error FunnelPlotR's `calculate_limits` uses at denominator n: 1/√n for
    /// the log (SHMI) ratio and 1/(2√n) for the others (FunnelPlotR uses 1/(2√n) for ratios of
    /// counts too, although their z-scores use the delta-method error).
    @inlinable
    public static func limitStandardError(denominator n: Double, dataType: FunnelDataType) -> Double {
        dataType == .ratioLog ? 1 / n.squareRoot() : 1 / (2 * n.squareRoot())
    }

    /// The funnel limits at denominator n, times `multiplier`.
    ///
    /// With `adjustment` nil (or not adjusted, or method ``OverdispersionMethod/none``), the
    /// unadjusted limits of FunnelPlotR's `calculate_limits(draw_adjusted = FALSE)`:
    /// - standardised ratios: exact Poisson, `target × qchisq(1 − q, 2n, lower.tail = FALSE)/2/n`
    ///   for the lower limits and `target × qchisq(q, 2(n + 1))/2/n` for the upper (q = 0.975,
    ///   0.999);
    /// - proportions: `sin²(asin √target ∓ z s)`, truncated to [0, multiplier];
    /// - ratios of counts: `exp(log target ∓ z s)`.
    ///
    /// Adjusted, the spread z·s on the transformed scale becomes z·√(s² + τ²) (additive,
    /// FunnelPlotR's `draw_adjusted = TRUE`) or z·√φ·s (multiplicative, Spiegelhalter 2005
    /// section 3.2), back-transformed as
    /// - log ratios (SHMI): `target × exp(∓ spread)` (FunnelPlotR: `exp(∓ z √(1/n + τ²))`);
    /// - square-root ratios (CQC): `target × (1 ∓ spread)`, which FunnelPlotR leaves on the
    ///   square-root scale without squaring, and so does this function;
    /// - proportions and ratios of counts as above.
    ///
    /// Proportion limits where the arcsine angle leaves [0, π/2] are set to 0 (lower) or the
    /// multiplier (upper), the pointwise form of FunnelPlotR's rule that sets non-monotone
    /// limits at small denominators to those values.
    public static func limits(denominator n: Double, target: Double, dataType: FunnelDataType,
                              adjustment: OverdispersionSummary? = nil, multiplier: Double = 1,
                              quantiles: LimitQuantiles = .funnelPlotR) -> FunnelLimits {
        let method: OverdispersionMethod = (adjustment?.adjusted ?? false) ? adjustment!.method : .none
        let s = limitStandardError(denominator: n, dataType: dataType)
        let spread: Double
        switch method {
        case .none: spread = s
        case .additive: spread = (s * s + adjustment!.tau2).squareRoot()
        case .multiplicative: spread = adjustment!.phi.squareRoot() * s
        }
        if method == .none && dataType.isStandardisedRatio {
            let l95 = Distribution.chiSquareQuantile(0.975, df: 2 * n, lower: false) / 2 / n
            let u95 = Distribution.chiSquareQuantile(0.025, df: 2 * (n + 1), lower: false) / 2 / n
            let l998 = Distribution.chiSquareQuantile(0.999, df: 2 * n, lower: false) / 2 / n
            let u998 = Distribution.chiSquareQuantile(0.001, df: 2 * (n + 1), lower: false) / 2 / n
            return FunnelLimits(lower95: l95, upper95: u95, lower998: l998, upper998: u998)
                .scaled(by: multiplier * target)
        }
        return FunnelLimits(
            lower95: side(-quantiles.z95 * spread, target: target, dataType: dataType, upper: false),
            upper95: side(quantiles.z95 * spread, target: target, dataType: dataType, upper: true),
            lower998: side(-quantiles.z998 * spread, target: target, dataType: dataType, upper: false),
            upper998: side(quantiles.z998 * spread, target: target, dataType: dataType, upper: true))
            .scaled(by: multiplier)
    }

    /// One back-transformed limit `target ⊕ offset` on the transformed scale (natural scale,
    /// before the multiplier).
    @inlinable
    static func side(_ offset: Double, target: Double, dataType: FunnelDataType, upper: Bool) -> Double {
        switch dataType {
        case .ratioLog, .ratioOfCounts:
            return exp(log(target) + offset)
        case .ratioSquareRoot:
            return target * (1 + offset)
        case .proportion:
            let angle = asin(target.squareRoot()) + offset
            if upper {
                if angle >= Double.pi / 2 { return 1 }
                let v = sin(angle)
                return min(1, v * v)
            } else {
                if angle <= 0 { return 0 }
                let v = sin(angle)
                return max(0, v * v)
            }
        }
    }

    /// The overdispersion summary for a set of units: z-scores against `target`, trimmed by
    /// `trim`, φ and τ² from ``Overdispersion/estimate(zScores:standardErrors:trim:)``, and
    /// `adjusted` true only when `method` is not ``OverdispersionMethod/none`` and φ > 1
    /// (FunnelPlotR falls back to unadjusted limits when φ ≤ 1).
    public static func overdispersion(numerators: [Double], denominators: [Double], dataType: FunnelDataType,
                                      target: Double? = nil, method: OverdispersionMethod = .additive,
                                      trim: TrimMethod = .default) throws(StatsError) -> OverdispersionSummary {
        try validate(numerators, denominators, dataType: dataType)
        let t = target ?? defaultTarget(numerators: numerators, denominators: denominators, dataType: dataType)
        let tt = transformedTarget(t, dataType: dataType)
        var z = [Double](repeating: 0, count: numerators.count)
        var s = [Double](repeating: 0, count: numerators.count)
        for i in numerators.indices {
            let (y, se) = transformed(numerator: numerators[i], denominator: denominators[i], dataType: dataType)
            z[i] = (y - tt) / se
            s[i] = se
        }
        let (n, phi, tau2) = Overdispersion.estimate(zScores: z, standardErrors: s, trim: trim)
        return OverdispersionSummary(target: t, n: n, phi: phi, tau2: tau2,
                                     adjusted: method != .none && phi > 1, method: method)
    }

    /// Checks inputs as the reference packages refuse them: parallel, non-empty, no missing
    /// values, numerators ≥ 0, denominators > 0, and a proportion's numerator ≤ denominator.
    static func validate(_ numerators: [Double], _ denominators: [Double], dataType: FunnelDataType) throws(StatsError) {
        guard numerators.count == denominators.count else { throw .mismatchedLengths }
        guard !numerators.isEmpty else { throw .empty }
        for i in numerators.indices {
            let o = numerators[i], d = denominators[i]
            if o.isNaN { throw .missingValue("numerator") }
            if d.isNaN { throw .missingValue("denominator") }
            if o < 0 { throw .negativeNumerator }
            if d <= 0 { throw .nonPositiveDenominator }
            if dataType == .proportion && o > d { throw .numeratorExceedsDenominator }
        }
    }

    /// z-scores against the overdispersion-adjusted limits, as the flags use them: each unit's
    /// value placed on the scale of ``side(_:target:dataType:upper:)`` (arcsine square root for a
    /// proportion, log for the log ratios, value/target − 1 for FunnelPlotR's square-root
    /// ratio limits) and divided by the adjusted spread at its denominator, √(s² + τ²) or √φ·s.
    /// So |z| exceeds a limit's quantile exactly when the unit lies outside that limit. When
    /// `summary` was not adjusted the unadjusted z-scores are returned unchanged.
    public static func adjustedZ(_ z: [Double], numerators: [Double], denominators: [Double], dataType: FunnelDataType,
                                 summary: OverdispersionSummary) -> [Double] {
        guard summary.adjusted, summary.method != .none else { return z }
        let t = summary.target
        return z.indices.map { i in
            let n = denominators[i], v = numerators[i] / n
            let s = limitStandardError(denominator: n, dataType: dataType)
            let spread = summary.method == .additive ? (s * s + summary.tau2).squareRoot() : summary.phi.squareRoot() * s
            let offset: Double
            switch dataType {
            case .proportion: offset = asin(min(1, max(0, v)).squareRoot()) - asin(t.squareRoot())
            case .ratioLog, .ratioOfCounts: offset = log(v) - log(t)
            case .ratioSquareRoot: offset = v / t - 1
            }
            return offset / spread
        }
    }
}
