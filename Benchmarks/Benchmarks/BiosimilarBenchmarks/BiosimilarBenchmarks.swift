import Benchmark
import BenchmarkData
import Foundation
import RxAtlas
import RxData

// Biosimilar switch opportunities, all molecules and all levels, 12 months at national scale,
// from the store: the generated month (BenchmarkData) with its practices repeated to about 6,500
// (RXATLAS_BENCH_NATIONAL_PRACTICES, ~17M rows a month), written as 12 monthly snapshots with an
// organisation directory copied from the generator's mapping. RXATLAS_BENCH_STORE names an
// existing store to use instead (e.g. one ingested from `rxatlas synth --practices 6500`).
//   Biosimilars.kernel     BiosimilarKernel.totals: the catalogued rows of every month
//   Biosimilars.analysis   the kernel, then BiosimilarAnalysis.run (prices, savings, sensitivity,
//                          time course, roll-ups to every level)

final class NationalStore: @unchecked Sendable {
    let store: Store
    nonisolated(unsafe) static var cached: NationalStore?

    static func shared() throws -> NationalStore {
        if let cached { return cached }
        if let path = ProcessInfo.processInfo.environment["RXATLAS_BENCH_STORE"], !path.isEmpty {
            cached = NationalStore(store: try Store.open(at: path))
            return cached!
        }
        let data = try BenchmarkData.shared()
        let small = try data.monthTable()
        let target = Int(ProcessInfo.processInfo.environment["RXATLAS_BENCH_NATIONAL_PRACTICES"] ?? "") ?? 6_500
        let copies = max(1, (target + small.practiceCodes.count - 1) / small.practiceCodes.count)
        let national = BenchmarkData.scaled(small, copies: copies)
        let store = try Store.create(at: data.scratchPath("biosimilar-store"), softwareVersion: "bench")
        for k in 0..<12 {
            let month = small.month.advanced(by: k)
            _ = try store.writeMonth(MonthTable(month: month, practiceCodes: national.practiceCodes,
                                                presentationCodes: national.presentationCodes,
                                                practiceStart: national.practiceStart, presentation: national.presentation,
                                                columns: national.columns, measures: national.measures))
        }
        // Each copy keeps its original practice's PCN, sub-ICB, ICB, region and nation.
        let mapping = try OrgMappingReader.read(path: data.directory + "/orgs.csv")
        var orgs = mapping
        for k in 0..<copies {
            let prefix = String(format: "%02d", k)
            for record in mapping.practices.values {
                var copy = record
                copy.code = prefix + record.code
                orgs.upsert(copy)
            }
        }
        try store.writeOrgs(orgs)
        cached = NationalStore(store: store)
        return cached!
    }

    private init(store: Store) { self.store = store }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .peakMemoryResident, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        maxDuration: .seconds(30),
        maxIterations: 7
    )
    Benchmark.teardown = { BenchmarkData.cleanup() }

    Benchmark("Biosimilars.kernel") { benchmark in
        let national = try NationalStore.shared()
        let catalogue = try BiosimilarCatalogue.builtIn()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try BiosimilarKernel.totals(store: national.store, catalogue: catalogue))
        }
    }

    Benchmark("Biosimilars.analysis") { benchmark in
        let national = try NationalStore.shared()
        let catalogue = try BiosimilarCatalogue.builtIn()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let totals = try BiosimilarKernel.totals(store: national.store, catalogue: catalogue)
            blackHole(try BiosimilarAnalysis.run(totals, catalogue: catalogue))
        }
    }
}
