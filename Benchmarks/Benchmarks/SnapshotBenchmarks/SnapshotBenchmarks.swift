import Benchmark
import BenchmarkData
import Foundation
import RxData

// The snapshot store, on a national-scale month: the generated month (BenchmarkData) read once
// and its practices repeated to about 6,500 (RXATLAS_BENCH_NATIONAL_PRACTICES) — ~17M rows.
//   Snapshot.write    SnapshotWriter.write (encode, checksum, write, fsync, rename)
//   Snapshot.open     Snapshot.open: mmap + header + verify every checksum and section (the load)
//   Snapshot.decode   Snapshot.decode(): the whole MonthTable from an open snapshot
//   Snapshot.open.file  Snapshot.open of an existing snapshot named by RXATLAS_BENCH_SNAPSHOT
//                       (e.g. a store's months/2025-01.rxsnap after `rxatlas ingest`); only when set
// "bytes/row" is the snapshot file size per row (smaller is better).

let bytesPerRow100 = BenchmarkMetric.custom("bytes/row x100", polarity: .prefersSmaller, useScalingFactor: false)

final class NationalMonth: @unchecked Sendable {
    let table: MonthTable
    let path: String
    let fileBytes: Int
    nonisolated(unsafe) static var cached: NationalMonth?

    static func shared() throws -> NationalMonth {
        if let cached { return cached }
        let data = try BenchmarkData.shared()
        let small = try data.monthTable()
        let target = Int(ProcessInfo.processInfo.environment["RXATLAS_BENCH_NATIONAL_PRACTICES"] ?? "") ?? 6_500
        let copies = max(1, (target + small.practiceCodes.count - 1) / small.practiceCodes.count)
        let table = BenchmarkData.scaled(small, copies: copies)
        let path = data.scratchPath("\(table.month).rxsnap")
        let header = try SnapshotWriter.write(table, to: path)
        let month = NationalMonth(table: table, path: path, fileBytes: Int(header.fileLength))
        cached = month
        return month
    }

    private init(table: MonthTable, path: String, fileBytes: Int) {
        self.table = table
        self.path = path
        self.fileBytes = fileBytes
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(20),
        maxIterations: 9
    )
    Benchmark.teardown = { BenchmarkData.cleanup() }

    Benchmark("Snapshot.write",
              configuration: .init(metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal, bytesPerRow100],
                                   maxIterations: 5)) { benchmark in
        let month = try NationalMonth.shared()
        let path = month.path + ".bench"
        for _ in benchmark.scaledIterations {
            let header = try SnapshotWriter.write(month.table, to: path)
            benchmark.measurement(bytesPerRow100, Int(header.fileLength) * 100 / max(1, month.table.rowCount))
        }
        benchmark.stopMeasurement()
        try? FileManager.default.removeItem(atPath: path)
    }

    Benchmark("Snapshot.open") { benchmark in
        let month = try NationalMonth.shared()
        for _ in benchmark.scaledIterations {
            blackHole(try Snapshot.open(month.path))
        }
    }

    if let path = ProcessInfo.processInfo.environment["RXATLAS_BENCH_SNAPSHOT"], !path.isEmpty {
        Benchmark("Snapshot.open.file") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try Snapshot.open(path))
            }
        }
    }

    Benchmark("Snapshot.decode", configuration: .init(maxIterations: 5)) { benchmark in
        let month = try NationalMonth.shared()
        let snapshot = try Snapshot.open(month.path)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(snapshot.decode())
        }
    }
}
