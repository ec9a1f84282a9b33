import Foundation
import RxAtlas
import RxData
import RxReport

/// Runs one job into a directory, through the same library calls as the `rxatlas` command of
/// the analysis' kind. Every job but a report (whose page has it) also writes `coverage.csv`,
/// what the job could and could not see, and returns its warnings for the manifest.
struct BatchJobExecutor: Sendable {
    let softwareVersion: String
    let kernels: BatchKernelCache

    /// Runs `job`; returns the warnings its coverage owes the user.
    func run(_ job: BatchJob, store: Store, into dir: String) throws -> [String] {
        let a = job.analysis
        let perThousand = a.definitions.contains(where: \.usesListSize)
        func covered(_ coverage: Coverage, perThousand: Bool) throws -> [String] {
            try CSVWriter.write(coverage.table(), to: dir + "/coverage.csv")
            return coverage.warnings(perThousand: perThousand)
        }
        switch a.kind {
        case .measures, .atlas:
            let run = try MeasureRun.run(store: store, period: job.period, definitions: a.definitions, levels: a.levels,
                                         options: MeasureKernelOptions(minimumListSize: a.minListSize))
            try write(job, values: run.values, into: dir)
            return try covered(run.coverage, perThousand: perThousand)
        case .charts:
            try write(job, values: [], store: store, into: dir)
            return try covered(try Coverage.compute(store: store, period: job.period), perThousand: perThousand)
        case .biosimilars:
            let result = try biosimilars(job, store: store, into: dir)
            return try covered(try result.coverage ?? Coverage.compute(store: store, period: job.period), perThousand: false)
        case .steroids:
            let report = try steroids(job, store: store, into: dir)
            return try covered(try report.coverage ?? Coverage.compute(store: store, period: job.period), perThousand: true)
        case .outliers:
            let (_, rows, coverage) = try ChemicalOutlierAnalysis.run(store: store, months: job.period, levels: a.levels,
                                                                      options: ChemicalOutlierOptions(top: a.top))
            try ChemicalOutlierOutput.write(rows, to: dir)
            return try covered(coverage, perThousand: false)
        case .report:
            let data = try report(job, store: store, into: dir)
            return data.coverage?.warnings(perThousand: true) ?? []
        }
    }

    /// Writes the tables of a measures or atlas job, or a charts job's SVG files.
    private func write(_ job: BatchJob, values: [MeasureValues], store: Store? = nil, into dir: String) throws {
        let a = job.analysis
        let period = job.period
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        switch a.kind {
        case .measures:
            try MeasureOutput.write(values, definitions: a.definitions, to: dir)
            try writeTables(MeasureOutput.tables(values, definitions: a.definitions), job: job, into: dir)
        case .atlas:
            let run = try AtlasRun(values, definitions: a.definitions, period: period)
            try AtlasOutput.write(run, to: dir)
            try writeTables(AtlasOutput.tables(run), job: job, into: dir)
        default:
            guard let store else { return }
            let orgs = try store.readOrgs()
            let values = try kernels.values(for: a, store: store)
            let geo = try a.boundaries.map { (try GeoFeatureCollection.read(path: $0), a.boundaryKey!, a.boundaryName) }
            let files = try AtlasCharts.render(values, definitions: a.definitions, period: period,
                                               hexLayout: try HexLayout.builtIn(for: orgs), boundaries: geo, orgs: orgs)
            for (name, svg) in files { try AtomicFile.write(svg, to: dir + "/" + name) }
        }
    }

    private func biosimilars(_ job: BatchJob, store: Store, into dir: String) throws -> BiosimilarResult {
        let a = job.analysis
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cat = try BiosimilarCatalogue.builtIn(path: a.catalogue)
        guard let result = try BiosimilarAnalysis.run(store: store, period: job.period, catalogue: cat, costBasis: a.costBasis,
                                                      options: BiosimilarOptions(targetUptake: a.targetUptake), molecules: a.molecules) else {
            throw StoreError(path: store.path, reason: "holds no month in \(job.period.lowerBound)…\(job.period.upperBound)")
        }
        try BiosimilarOutput.write(result, levels: a.levels, names: try store.readPresentationNames(), to: dir)
        return result
    }

    private func steroids(_ job: BatchJob, store: Store, into dir: String) throws -> SteroidReport {
        let a = job.analysis
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let options = SteroidOutlierOptions(overdispersion: a.overdispersion, minimumItems: a.minItems,
                                            minimumPatients: Double(a.minListSize),
                                            persistenceCount: a.persistence.count, persistenceMonths: a.persistence.months)
        let report = try SteroidAnalysis.run(store: store, period: job.period, levels: a.levels, options: options,
                                             kernelOptions: MeasureKernelOptions(minimumListSize: a.minListSize))
        try SteroidOutput.write(report, to: dir)
        return report
    }

    private func report(_ job: BatchJob, store: Store, into dir: String) throws -> ReportData {
        let a = job.analysis
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var options = ReportOptions()
        options.levels = a.levels
        options.kernelOptions = MeasureKernelOptions(minimumListSize: a.minListSize)
        options.steroidOptions.minimumPatients = Double(a.minListSize)
        options.softwareVersion = softwareVersion
        if let b = a.boundaries, let key = a.boundaryKey {
            options.boundaries = (try GeoFeatureCollection.read(path: b), key, a.boundaryName)
        }
        let data = try ReportData.compute(store: store, period: job.period, options: options)
        try HTMLReport(data, options: options).write(to: dir + "/report.html")
        return data
    }

    private func writeTables(_ tables: @autoclosure () -> [ResultTable], job: BatchJob, into dir: String) throws {
        let a = job.analysis
        guard a.outputs.contains(.sqlite) || a.outputs.contains(.json) else { return }
        let t = tables()
        let meta: [(key: String, value: String)] = [("software", "rxatlas \(softwareVersion)"), ("command", "batch " + a.kind.rawValue),
                                                    ("job", job.id), ("store", a.storePath),
                                                    ("from", job.period.lowerBound.description), ("to", job.period.upperBound.description)]
        if a.outputs.contains(.sqlite) {
            try SQLiteWriter.write(t, to: dir + "/results.sqlite", source: a.kind.rawValue, metadata: meta, mode: .replaceTables)
        }
        if a.outputs.contains(.json) { try JSONTableWriter.write(t, to: dir + "/results.json", metadata: meta) }
    }
}

/// The measure kernel's values for a charts analysis, computed once over the union of its jobs'
/// periods and shared by every window: a chart reads only the months of its own period
/// (``AtlasAnalysis/periodTotals(_:period:)``), so the result equals a kernel run per window.
final class BatchKernelCache: @unchecked Sendable {
    private let lock = NSLock()
    private var locks: [String: NSLock] = [:]
    private var values: [String: [MeasureValues]] = [:]
    private let spans: [String: ClosedRange<YearMonth>]

    /// `spans`: the months each analysis' pending jobs cover, by analysis name.
    init(spans: [String: ClosedRange<YearMonth>]) { self.spans = spans }

    func values(for a: BatchAnalysis, store: Store) throws -> [MeasureValues] {
        lock.lock()
        let l = locks[a.name] ?? NSLock()
        locks[a.name] = l
        lock.unlock()
        l.lock()
        defer { l.unlock() }
        lock.lock()
        let cached = values[a.name]
        lock.unlock()
        if let cached { return cached }
        let v = try MeasureKernel(options: MeasureKernelOptions(minimumListSize: a.minListSize))
            .compute(store: store, measures: a.definitions, months: spans[a.name], levels: a.levels)
        lock.lock()
        values[a.name] = v
        lock.unlock()
        return v
    }
}
