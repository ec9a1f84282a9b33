import Benchmark
import Foundation
import RxBatch
import RxData
import RxSynth

// Batch runs:
//   Batch.rollingIcbMaps60   60 ICB variation maps: 5 years of rolling 12-month windows (the
//                            windows ending in each month of 2020–2024) × ics_high_dose × ICB,
//                            every job run (--force), from the store (issue target: under 30 s)
// The store is RXATLAS_BENCH_BATCH_STORE when set (it must hold 2019-02…2024-12), else 300
// synthetic practices × 71 months (2019-02…2024-12) ingested into a scratch store.

final class BatchStore: @unchecked Sendable {
    let storePath: String
    let scratch: String
    nonisolated(unsafe) static var cached: BatchStore?

    static func shared() throws -> BatchStore {
        if let cached { return cached }
        let scratch = NSTemporaryDirectory() + "rxatlas-batch-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let path: String
        if let given = ProcessInfo.processInfo.environment["RXATLAS_BENCH_BATCH_STORE"] {
            path = given
        } else {
            let months = 71
            let dataset = try SyntheticDataset(SynthConfiguration(practices: 300, months: months, seed: 7,
                                                                  start: YearMonth(year: 2019, month: 2)!, presentationsPerPractice: 600))
            let synth = scratch + "/synth"
            _ = try dataset.write(to: synth)
            path = scratch + "/store"
            _ = try StoreIngest(options: IngestOptions(
                files: (0..<months).map { synth + "/" + dataset.epdFileName($0) },
                listSizes: (0..<months).map { synth + "/" + dataset.listSizeFileName($0) },
                orgMapping: synth + "/" + dataset.orgsFileName, softwareVersion: "benchmark")).run(store: path)
        }
        let s = BatchStore(storePath: path, scratch: scratch)
        cached = s
        return s
    }

    private init(storePath: String, scratch: String) {
        self.storePath = storePath
        self.scratch = scratch
    }

    func config() throws -> BatchConfig {
        try BatchConfig.parse("""
            output = "\(scratch)/out"
            max_parallel = 2
            [stores]
            s = "\(storePath)"
            [[analysis]]
            name = "icb-maps"
            kind = "charts"
            store = "s"
            measures = ["ics_high_dose"]
            levels = ["icb"]
            period = { from = "2019-02", to = "2024-12", window = 12 }
            """, file: "benchmark.toml", baseDirectory: scratch)
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(60),
        maxIterations: 5
    )
    Benchmark.teardown = {
        if let s = BatchStore.cached { try? FileManager.default.removeItem(atPath: s.scratch) }
    }

    Benchmark("Batch.rollingIcbMaps60") { benchmark in
        let s = try BatchStore.shared()
        let config = try s.config()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let m = try BatchRunner(config: config, configPath: "benchmark.toml", softwareVersion: "benchmark", force: true).run()
            precondition(m.jobs.count == 60 && m.failedJobs.isEmpty, "expected 60 successful jobs")
            blackHole(m)
        }
    }
}
