import Dispatch

/// The statistics of `rxatlas indicator` for any table of units: each unit's value with its own
/// 95% and 99.8% intervals, funnel limits at its denominator, its z-score, an outlier flag, and
/// the overdispersion summary.
///
/// - Intervals: Wilson for proportions, exact Poisson below 10 events and Byar's from 10 for
///   rates and ratios (PHEindicatormethods `phe_proportion`, `phe_rate`, `calculate_ISRatio`).
/// - Spiegelhalter limits (FunnelPlotR): proportions on the arcsine scale, ratios on the log
///   scale (SHMI), and rates as ratios of observed to expected = population × target, so a rate
///   funnel is the SHMI funnel scaled by the target.
/// - PHE limits: `calculate_funnel_limits` (Wilson inversion around the target for
///   proportions; exact Poisson for rates and ratios), with flags by inclusive bounds. The
///   z-score column still gives the Spiegelhalter z, and φ and τ² are reported unadjusted.
public enum IndicatorAnalysis {
    /// The comparator on the natural scale: the option's, else Σ num / Σ den (1 for a ratio).
    public static func target(numerators: [Double], denominators: [Double], options: IndicatorOptions) -> Double {
        if let t = options.target { return t }
        if options.type == .ratio { return 1 }
        return numerators.reduce(0, +) / denominators.reduce(0, +)
    }

    /// Runs the analysis.
    /// - Throws: ``StatsError`` for bad input (negative counts, a denominator ≤ 0, a numerator
    ///   above its denominator for a proportion, PHE ratio limits around a target other than 1).
    public static func run(numerators: [Double], denominators: [Double], options: IndicatorOptions) throws(StatsError) -> IndicatorResult {
        guard numerators.count == denominators.count else { throw .mismatchedLengths }
        guard !numerators.isEmpty else { throw .empty }
        let m = options.multiplier
        let t = target(numerators: numerators, denominators: denominators, options: options)
        let trim: TrimMethod = options.trim > 0 ? .winsorise(options.trim) : .none

        // Intervals at both levels.
        let i95: IntervalBatch, i998: IntervalBatch
        switch options.type {
        case .proportion:
            i95 = try WilsonInterval.intervals(numerators: numerators, denominators: denominators, confidence: 0.95, multiplier: m)
            i998 = try WilsonInterval.intervals(numerators: numerators, denominators: denominators, confidence: 0.998, multiplier: m)
        case .rate:
            i95 = try RateInterval.intervals(counts: numerators, denominators: denominators, confidence: 0.95, multiplier: m)
            i998 = try RateInterval.intervals(counts: numerators, denominators: denominators, confidence: 0.998, multiplier: m)
        case .ratio:
            i95 = try IndirectStandardisation.ratios(observed: numerators, expected: denominators, confidence: 0.95, refValue: m)
            i998 = try IndirectStandardisation.ratios(observed: numerators, expected: denominators, confidence: 0.998, refValue: m)
        }

        // Spiegelhalter funnel (always: it gives z and φ even under PHE limits).
        let (o, d, dataType, scale, ft) = spiegelhalterInputs(numerators: numerators, denominators: denominators, type: options.type, target: t)
        let method: OverdispersionMethod = options.limits == .phe ? .none : options.overdispersion
        var funnel = try FunnelBatch.spiegelhalter(numerators: o, denominators: d, dataType: dataType,
                                                   target: ft, method: method, trim: trim, multiplier: m * scale)
        var summary = funnel.overdispersion!
        summary.target = t

        if options.limits == .phe {
            if options.type == .ratio && t != 1 {
                throw .unsupported("PHE ratio limits are drawn around 1; use Spiegelhalter limits for another target")
            }
            let z = (Distribution.normalQuantile(PHEFunnel.probability95), Distribution.normalQuantile(PHEFunnel.probability998))
            let count = numerators.count
            let parts = max(1, min(8, count / 16_384))
            let type = options.type
            funnel.lower95.withUnsafeMutableBufferPointer { l95 in
            funnel.upper95.withUnsafeMutableBufferPointer { u95 in
            funnel.lower998.withUnsafeMutableBufferPointer { l998 in
            funnel.upper998.withUnsafeMutableBufferPointer { u998 in
            funnel.flags.withUnsafeMutableBufferPointer { flags in
            funnel.value.withUnsafeBufferPointer { value in
            denominators.withUnsafeBufferPointer { dens in
                nonisolated(unsafe) let out = (l95, u95, l998, u998, flags)
                nonisolated(unsafe) let input = (dens, value)
                DispatchQueue.concurrentPerform(iterations: parts) { part in
                    for i in count * part / parts ..< count * (part + 1) / parts {
                        let l = pheLimits(denominator: input.0[i], target: t, type: type, multiplier: m, z: z)
                        out.0[i] = l.lower95
                        out.1[i] = l.upper95
                        out.2[i] = l.lower998
                        out.3[i] = l.upper998
                        out.4[i] = FunnelFlag.classify(input.1[i], limits: l)
                    }
                }
            }}}}}}}
            funnel.centre = t * m
        }
        return IndicatorResult(value: i95.value, lower95: i95.lower, upper95: i95.upper, lower998: i998.lower,
                               upper998: i998.upper, method: i95.methods, funnel: funnel, summary: summary)
    }

    /// Funnel limits over `points` denominators spanning `range` (log-spaced when it spans more
    /// than a factor of ten), for drawing the funnel.
    public static func curve(range: ClosedRange<Double>, points: Int, target t: Double, summary: OverdispersionSummary?,
                             options: IndicatorOptions) -> [FunnelCurvePoint] {
        let n = max(2, points)
        let lo = max(range.lowerBound, 1e-9), hi = max(range.upperBound, lo)
        let logSpaced = hi / lo > 10
        let m = options.multiplier
        return (0..<n).map { k in
            let f = Double(k) / Double(n - 1)
            let den = logSpaced ? lo * pow(hi / lo, f) : lo + (hi - lo) * f
            let limits: FunnelLimits
            switch options.limits {
            case .phe:
                limits = pheLimits(denominator: den, target: t, type: options.type, multiplier: m)
            case .spiegelhalter:
                let (_, d, dataType, scale, ft) = spiegelhalterInputs(numerators: [0], denominators: [den], type: options.type, target: t)
                var adjustment = summary
                adjustment?.target = ft
                limits = SpiegelhalterFunnel.limits(denominator: d[0], target: ft, dataType: dataType,
                                                    adjustment: adjustment, multiplier: m * scale)
            }
            return FunnelCurvePoint(denominator: den, limits: limits, target: t * m)
        }
    }

    /// Maps a unit table onto FunnelPlotR's data types: proportions as they are; ratios as
    /// observed/expected on the log scale around the target; rates as observed /
    /// (population × target) on the log scale around 1, scaled back by the target. Returns the
    /// numerators, denominators, data type, the extra scale of values and limits, and the target
    /// on the funnel's own scale.
    public static func spiegelhalterInputs(numerators: [Double], denominators: [Double], type: IndicatorType, target t: Double)
        -> ([Double], [Double], FunnelDataType, Double, Double) {
        switch type {
        case .proportion: return (numerators, denominators, .proportion, 1, t)
        case .ratio: return (numerators, denominators, .ratioLog, 1, t)
        case .rate: return (numerators, denominators.map { $0 * t }, .ratioLog, t, 1)
        }
    }

    /// PHE limits at one denominator (`z`: the 95% and 99.8% normal quantiles, computed once).
    static func pheLimits(denominator n: Double, target t: Double, type: IndicatorType, multiplier m: Double,
                          z: (Double, Double)? = nil) -> FunnelLimits {
        switch type {
        case .proportion:
            let (z95, z998) = z ?? (Distribution.normalQuantile(PHEFunnel.probability95), Distribution.normalQuantile(PHEFunnel.probability998))
            return PHEFunnel.proportionLimits(population: n, average: t, multiplier: m, z95: z95, z998: z998)
        case .rate: return PHEFunnel.rateLimits(denominator: n, average: t, multiplier: m)
        case .ratio: return PHEFunnel.ratioLimits(expected: n, ratioType: .isr).scaled(by: m / 100)
        }
    }
}

import Foundation
