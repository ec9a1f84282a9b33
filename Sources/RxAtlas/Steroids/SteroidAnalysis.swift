import RxData

/// `rxatlas steroids` as a library call: classifies the period's ICS presentations, builds the
/// steroid measures (``SteroidMeasures``), computes them with the ``MeasureKernel`` and runs
/// ``SteroidOutlierAnalysis`` for every measure × level.
public enum SteroidAnalysis {
    /// Runs the analysis over `store`.
    /// - Parameters:
    ///   - period: the months (period rows are over all of them; month rows for each).
    ///   - levels: the organisation levels.
    ///   - tables: the ICS reference tables (default: the built-in ones).
    ///   - library: the measure library prednisolone and SABA come from (default: built-in).
    ///   - progress: told as the measure kernel sums each month.
    public static func run(store: Store, period: ClosedRange<YearMonth>, levels: [OrgLevel],
                           options: SteroidOutlierOptions = SteroidOutlierOptions(),
                           kernelOptions: MeasureKernelOptions = MeasureKernelOptions(),
                           tables: ICSReferenceTables? = nil, library: [MeasureDefinition]? = nil,
                           progress: ProgressReporter = .silent) throws -> SteroidReport {
        let classifier = ICSClassifier(tables: try tables ?? ICSReferenceTables.builtIn())
        let scan = try StoreScan(store: store, period: period, progress: progress)
        let panel = try PracticePanel(store: store, scan: scan, listSizeCarry: kernelOptions.listSizeCarry)
        let classifications = classifier.classifyAll(scan.presentations(where: classifier.isICS),
                                                     names: try store.readPresentationNames())
        let defs = try SteroidMeasures.definitions(classifications: classifications, library: library ?? MeasureLibrary.builtIn())
        let totals = try MeasureKernel(options: kernelOptions, progress: progress).practiceTotals(scan: scan, panel: panel, measures: defs)
        let jobs = defs.indices.flatMap { m in levels.map { (m, $0) } }
        let rows = try KernelParallel.map(jobs.count) { j in
            let (m, level) = jobs[j]
            return try SteroidOutlierAnalysis.run(totals.values(measure: m, level: level), definition: defs[m],
                                                  period: period, options: options)
        }.flatMap { $0 }
        let ranked = SteroidOutlierAnalysis.rankedHighOutliers(rows.filter { r in defs.first { $0.id == r.measureID }.map { $0.lowIsGood && $0.hasDirection } ?? false })
        let coverage = try Coverage(scan: scan, panel: panel,
                                    unclassified: ["ICS": classifications.filter { !$0.isClassified }.count])
        return SteroidReport(period: period, classifications: classifications, definitions: defs, rows: rows, ranked: ranked,
                             coverage: coverage)
    }
}
