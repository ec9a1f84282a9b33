import Foundation
import RxAtlas
import RxData

/// Everything the HTML report shows, computed from a store with the same library calls the
/// `atlas`, `biosimilars`, `steroids` and `outliers` commands make, over one period.
public struct ReportData: Sendable {
    /// The store's directory.
    public var storePath: String
    /// The store's manifest: months, ingests, input files and their checksums.
    public var manifest: StoreManifest
    /// The organisation directory (practices, their parents and names per level).
    public var orgs: OrgDirectory
    /// The months reported.
    public var period: ClosedRange<YearMonth>
    /// The measure definitions of the Atlas section (the library's and the steroid measures).
    public var definitions: [MeasureDefinition]
    /// The Atlas results and trends of every measure × level.
    public var atlas: AtlasRun
    /// The monthly ICB values of the key measures (``ReportOptions/keyMeasures``, in that order), for the time
    /// series in each ICB's entry.
    public var icbMonthly: [MeasureValues] = []
    /// Biosimilar uptake and switch savings, or nil when no catalogued medicine was prescribed.
    public var biosimilars: BiosimilarResult?
    /// ICS classification and steroid outliers.
    public var steroids: SteroidReport
    /// Chemical-share outliers at every level in ``ReportOptions/chemicalLevels``.
    public var chemicalOutliers: [ChemicalOutlierRow]
    /// Seconds each analysis took, by name, in the order run.
    public var timings: [(name: String, seconds: Double)]
    /// What the analyses could and could not see over the period (nil when not computed).
    public var coverage: Coverage?

    /// Creates report data from results computed elsewhere.
    public init(storePath: String, manifest: StoreManifest, orgs: OrgDirectory, period: ClosedRange<YearMonth>,
                definitions: [MeasureDefinition], atlas: AtlasRun, biosimilars: BiosimilarResult?, steroids: SteroidReport,
                chemicalOutliers: [ChemicalOutlierRow], timings: [(name: String, seconds: Double)] = []) {
        self.storePath = storePath
        self.manifest = manifest
        self.orgs = orgs
        self.period = period
        self.definitions = definitions
        self.atlas = atlas
        self.biosimilars = biosimilars
        self.steroids = steroids
        self.chemicalOutliers = chemicalOutliers
        self.timings = timings
    }

    /// Runs every analysis over `store` for `period`: the steroid analysis and then the measures
    /// and Atlas (which take the steroid measures) alongside the biosimilar and chemical-outlier
    /// analyses, the two chains at once (each analysis is parallel inside as well).
    /// - Parameters:
    ///   - definitions: the measure library (default: the built-in one); the steroid measures
    ///     built from the period's ICS classification are added to it.
    public static func compute(store: Store, period: ClosedRange<YearMonth>, options: ReportOptions = ReportOptions(),
                               definitions: [MeasureDefinition]? = nil) throws -> ReportData {
        let library = try definitions ?? MeasureLibrary.builtIn()
        let orgs = try store.readOrgs()
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 2) { chain in
            do {
                if chain == 0 {
                    let steroids = try results.timed("steroid outliers") {
                        try SteroidAnalysis.run(store: store, period: period, levels: options.levels, options: options.steroidOptions,
                                                kernelOptions: options.kernelOptions, library: library)
                    }
                    // The library's measures plus the steroid measures the library does not hold.
                    let known = Set(library.map(\.id))
                    let defs = library + steroids.definitions.filter { !known.contains($0.id) }
                    let (atlas, monthly) = try results.timed("measures and atlas") {
                        let values = try MeasureRun.run(store: store, period: period, definitions: defs, levels: options.levels,
                                                        options: options.kernelOptions).values
                        return (try AtlasRun(values, definitions: defs, period: period),
                                options.keyMeasures.compactMap { id in values.first { $0.level == .icb && $0.measureID == id } })
                    }
                    results.set { $0.steroids = steroids; $0.definitions = defs; $0.atlas = atlas; $0.icbMonthly = monthly }
                } else {
                    let biosimilars: BiosimilarResult? = try results.timed("biosimilars") {
                        let catalogue = try BiosimilarCatalogue.builtIn(path: nil)
                        return try BiosimilarAnalysis.run(store: store, period: period, catalogue: catalogue, options: options.biosimilarOptions)
                    }
                    let chemical = try results.timed("chemical outliers") {
                        try ChemicalOutlierAnalysis.run(store: store, months: period, levels: options.chemicalLevels,
                                                        options: options.chemicalOptions).rows
                    }
                    results.set { $0.biosimilars = biosimilars; $0.chemical = chemical }
                }
            } catch {
                results.set { $0.error = $0.error ?? error }
            }
        }
        let r = results.value
        if let error = r.error { throw error }
        guard let atlas = r.atlas, let steroids = r.steroids else { throw CancellationError() }
        var data = ReportData(storePath: store.path, manifest: try store.manifest(), orgs: orgs, period: period,
                              definitions: r.definitions, atlas: atlas, biosimilars: r.biosimilars, steroids: steroids,
                              chemicalOutliers: r.chemical, timings: r.timings)
        data.icbMonthly = r.icbMonthly
        // The steroid run's coverage (its months, panel and ICS classification), with the
        // biosimilar catalogue's unclassified presentations.
        var coverage = try steroids.coverage ?? Coverage.compute(store: store, period: period,
                                                                 listSizeCarry: options.kernelOptions.listSizeCarry)
        coverage.unclassified["ICS"] = steroids.unclassified.count
        coverage.unclassified["biosimilars"] = r.biosimilars?.unclassified.count ?? 0
        data.coverage = coverage
        return data
    }

    /// The analyses' results as the two chains finish, behind a lock.
    private final class Results: @unchecked Sendable {
        struct Value {
            var steroids: SteroidReport?
            var definitions: [MeasureDefinition] = []
            var atlas: AtlasRun?
            var icbMonthly: [MeasureValues] = []
            var biosimilars: BiosimilarResult?
            var chemical: [ChemicalOutlierRow] = []
            var timings: [(name: String, seconds: Double)] = []
            var error: Error?
        }
        private let lock = NSLock()
        private var stored = Value()

        var value: Value { lock.withLock { stored } }

        func set(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }

        /// Runs `body`, recording how long it took under `name`.
        func timed<T>(_ name: String, _ body: () throws -> T) throws -> T {
            let start = Date()
            defer { let seconds = Date().timeIntervalSince(start); set { $0.timings.append((name, seconds)) } }
            return try body()
        }
    }
}
