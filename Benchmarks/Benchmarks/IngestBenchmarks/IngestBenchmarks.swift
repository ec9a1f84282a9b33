import Benchmark
import BenchmarkData
import Foundation
import RxData

// Ingest of one generated EPD month (2025+ layout, 27 columns; see BenchmarkData for its size).
//   Ingest.read       CSV → MonthTable with PrescribingReader (parse, dictionary-encode, sum)
//   Ingest.store      full StoreIngest into a fresh temporary store (read + snapshot + dictionaries)
// Besides wall clock and malloc metrics, each iteration reports "CSV MB/s" (input bytes per
// second of wall clock; larger is better).

let csvMBps = BenchmarkMetric.custom("CSV MB/s", polarity: .prefersLarger, useScalingFactor: false)

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .throughput, .peakMemoryResident, .mallocCountTotal, csvMBps],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 7
    )
    Benchmark.teardown = { BenchmarkData.cleanup() }

    Benchmark("Ingest.read") { benchmark in
        let data = try BenchmarkData.shared()
        let reader = PrescribingReader(threads: BenchmarkData.threads)
        for _ in benchmark.scaledIterations {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let file = try reader.read(path: data.csvPath)
            let ns = DispatchTime.now().uptimeNanoseconds - t0
            blackHole(file.months.first?.rowCount)
            benchmark.measurement(csvMBps, Int(Double(data.csvBytes) / Double(max(ns, 1)) * 1e3))
        }
    }

    Benchmark("Ingest.store") { benchmark in
        let data = try BenchmarkData.shared()
        var run = 0
        for _ in benchmark.scaledIterations {
            run += 1
            let store = data.scratchPath("store-\(run)")
            let options = IngestOptions(files: [data.csvPath], threads: BenchmarkData.threads, softwareVersion: "benchmark")
            let t0 = DispatchTime.now().uptimeNanoseconds
            let report = try StoreIngest(options: options).run(store: store)
            let ns = DispatchTime.now().uptimeNanoseconds - t0
            blackHole(report)
            benchmark.measurement(csvMBps, Int(Double(data.csvBytes) / Double(max(ns, 1)) * 1e3))
            benchmark.stopMeasurement()
            try? FileManager.default.removeItem(atPath: store)
        }
    }
}
