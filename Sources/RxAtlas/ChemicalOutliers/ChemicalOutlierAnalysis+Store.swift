import RxData

extension ChemicalOutlierAnalysis {
    /// Every organisation's chemical-share outlier rows at each of `levels` over `months` of a
    /// store: ``ChemicalItemsKernel/sum(scan:panel:)``, then ``levels(_:level:options:)`` (per nation)
    /// and ``rows(_:chemicalNames:options:)`` per level, with the store's chemical names. Shared
    /// by `rxatlas outliers`, batch runs and the report, with the run's ``Coverage``; `progress` is
    /// told as each month is scanned.
    public static func run(store: Store, months: ClosedRange<YearMonth>, levels: [OrgLevel], options: ChemicalOutlierOptions,
                           progress: ProgressReporter = .silent)
        throws -> (items: ChemicalItems, rows: [ChemicalOutlierRow], coverage: Coverage) {
        let scan = try StoreScan(store: store, period: months, progress: progress)
        let panel = try PracticePanel(store: store, scan: scan)
        let items = try ChemicalItemsKernel.sum(scan: scan, panel: panel)
        let names = chemicalNames(try store.readPresentationNames())
        let rows = levels.flatMap { l in
            ChemicalOutlierAnalysis.levels(items, level: l, options: options).flatMap { ChemicalOutlierAnalysis.rows($0, chemicalNames: names, options: options) }
        }
        return (items, rows, try Coverage(scan: scan, panel: panel))
    }
}
