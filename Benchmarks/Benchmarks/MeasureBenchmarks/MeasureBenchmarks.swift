import Benchmark
import BenchmarkData
import Foundation
import RxAtlas
import RxData

// The measure engine over a store, with the built-in measure library:
//   Measures.practiceTotals  MeasureKernel.practiceTotals: every month's snapshot loaded and its
//                            rows summed into every measure's numerator and denominator
//   Measures.compute         the same plus inclusion rules and roll-ups to every level
//   Measures.write           MeasureOutput.write of the computed tables (values, deciles, savings)
//   Atlas.run                AtlasRun: Atlas summaries, funnels and trends of every table
// The store is RXATLAS_BENCH_STORE when set (e.g. Benchmarks/measures/data/store, 12 national
// months, made by Benchmarks/measures/build_data.sh), else the generated BenchmarkData month
// ingested into a scratch store.

final class MeasureStore: @unchecked Sendable {
    let store: Store
    let definitions: [MeasureDefinition]
    nonisolated(unsafe) static var cached: MeasureStore?

    static func shared() throws -> MeasureStore {
        if let cached { return cached }
        let path: String
        if let given = ProcessInfo.processInfo.environment["RXATLAS_BENCH_STORE"] {
            path = given
        } else {
            let data = try BenchmarkData.shared()
            let dir = (data.csvPath as NSString).deletingLastPathComponent
            let files = try FileManager.default.contentsOfDirectory(atPath: dir)
            let lists = files.filter { $0.hasPrefix("list_sizes_") }.map { dir + "/" + $0 }
            path = data.scratchPath("store")
            _ = try StoreIngest(options: IngestOptions(files: [data.csvPath], listSizes: lists, orgMapping: dir + "/orgs.csv", softwareVersion: "benchmark"))
                .run(store: path)
        }
        let s = MeasureStore(store: try Store.open(at: path), definitions: try MeasureLibrary.builtIn())
        cached = s
        return s
    }

    private init(store: Store, definitions: [MeasureDefinition]) {
        self.store = store
        self.definitions = definitions
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(30),
        maxIterations: 7
    )
    Benchmark.teardown = { BenchmarkData.cleanup() }

    Benchmark("Measures.practiceTotals") { benchmark in
        let m = try MeasureStore.shared()
        for _ in benchmark.scaledIterations {
            blackHole(try MeasureKernel().practiceTotals(store: m.store, measures: m.definitions))
        }
    }

    Benchmark("Measures.compute") { benchmark in
        let m = try MeasureStore.shared()
        for _ in benchmark.scaledIterations {
            blackHole(try MeasureKernel().compute(store: m.store, measures: m.definitions))
        }
    }

    Benchmark("Measures.write") { benchmark in
        let m = try MeasureStore.shared()
        let tables = try MeasureKernel().compute(store: m.store, measures: m.definitions)
        let out = NSTemporaryDirectory() + "rxatlas-bench-measures-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: out) }
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            try MeasureOutput.write(tables, definitions: m.definitions, to: out)
        }
    }

    Benchmark("Atlas.run") { benchmark in
        let m = try MeasureStore.shared()
        let tables = try MeasureKernel().compute(store: m.store, measures: m.definitions)
        let months = try m.store.months()
        let period = months[max(0, months.count - 12)]...months[months.count - 1]
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try AtlasRun(tables, definitions: m.definitions, period: period))
        }
    }
}
