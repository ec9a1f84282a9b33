import Benchmark
import Foundation
import RxStats

// The statistics core on 1,000,000 units: each unit's 95% and 99.8% intervals, funnel limits at
// its denominator, z-score, flag, and the overdispersion estimate (winsorised phi, tau2), as
// `rxatlas indicator` computes them (CSV parsing excluded). Target: under 0.5 s.
//   Indicator.proportion.spiegelhalter   Wilson intervals + FunnelPlotR additive limits
//   Indicator.proportion.phe             Wilson intervals + PHE proportion limits
//   Indicator.rate.spiegelhalter         exact/Byar's rate intervals + SHMI-style limits

/// A deterministic million-unit table: list sizes spread like practices, proportions and rates
/// with practice-level overdispersion.
struct Units {
    let numerators: [Double]
    let denominators: [Double]

    static func make(count: Int, proportion: Bool) -> Units {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        var num = [Double](repeating: 0, count: count), den = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let d = (200 + 20_000 * next() * next()).rounded()
            let p = proportion ? min(0.95, max(0.01, 0.2 * (0.6 + 0.8 * next()))) : 0.05 * (0.5 + next())
            num[i] = (d * p).rounded()
            den[i] = d
        }
        return Units(numerators: num, denominators: den)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 7
    )
    let count = Int(ProcessInfo.processInfo.environment["RXATLAS_BENCH_UNITS"] ?? "") ?? 1_000_000
    let proportions = Units.make(count: count, proportion: true)
    let rates = Units.make(count: count, proportion: false)

    for (name, units, options) in [
        ("Indicator.proportion.spiegelhalter", proportions, IndicatorOptions(type: .proportion, multiplier: 100)),
        ("Indicator.proportion.phe", proportions, IndicatorOptions(type: .proportion, multiplier: 100, limits: .phe, overdispersion: .none)),
        ("Indicator.rate.spiegelhalter", rates, IndicatorOptions(type: .rate, multiplier: 1000)),
    ] {
        Benchmark(name) { benchmark in
            for _ in benchmark.scaledIterations {
                let result = try IndicatorAnalysis.run(numerators: units.numerators, denominators: units.denominators, options: options)
                blackHole(result.funnel.flags.count)
            }
        }
    }
}
