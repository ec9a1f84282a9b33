import Benchmark
import BenchmarkData
import Foundation
import RxAtlas
import RxData
import RxStats

// The steroid and chemical-share outliers at national scale (NationalStore: ~6,500 practices,
// ~17M rows a month, 12 months). Targets from the issue: steroids under 1 s, outliers over all
// chemicals under 3 s.
//   Steroids.national.12months     SteroidAnalysis.run: classify, 6 measures through the measure
//                                  kernel, funnels for 4 levels × (period + 12 months)
//   Outliers.national.6months      ChemicalItemsKernel.sum + all chemicals × 4 levels
//                                  (ratios, trimmed mean/SD and z on BLAS, top 5 each way)
//   Outliers.kernel.national       the z-score part alone (TrimmedColumnZScores over the practice
//                                  level's organisations × chemicals matrix)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(30),
        maxIterations: 7
    )
    Benchmark.teardown = { if ProcessInfo.processInfo.environment["RXATLAS_BENCH_STORE"] == nil { BenchmarkData.cleanup() } }

    Benchmark("Steroids.national.12months") { benchmark in
        let store = try Store.open(at: try NationalStore.path(months: 12))
        let months = try store.months()
        let tables = try ICSReferenceTables.builtIn()
        let library = try MeasureLibrary.builtIn()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try SteroidAnalysis.run(store: store, period: months.first!...months.last!,
                                              levels: [.practice, .pcn, .subICB, .icb], tables: tables, library: library))
        }
    }

    Benchmark("Outliers.national.6months") { benchmark in
        let store = try Store.open(at: try NationalStore.path(months: 12))
        let months = try store.months()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let items = try ChemicalItemsKernel.sum(store: store, months: months[months.count - 6]...months.last!)
            for level in [OrgLevel.practice, .pcn, .subICB, .icb] {
                blackHole(ChemicalOutlierAnalysis.rows(ChemicalOutlierAnalysis.level(items, level: level),
                                                       chemicalNames: [:]))
            }
        }
    }

    Benchmark("Outliers.kernel.national") { benchmark in
        let store = try Store.open(at: try NationalStore.path(months: 12))
        let months = try store.months()
        let items = try ChemicalItemsKernel.sum(store: store, months: months[months.count - 6]...months.last!)
        let level = ChemicalOutlierAnalysis.level(items, level: .practice)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(TrimmedColumnZScores.compute(level.ratio, rows: level.orgCodes.count, columns: level.chemicals.count))
        }
    }
}
