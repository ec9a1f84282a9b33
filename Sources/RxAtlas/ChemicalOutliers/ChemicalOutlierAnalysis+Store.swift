import RxData

extension ChemicalOutlierAnalysis {
    /// Every organisation's chemical-share outlier rows at each of `levels` over `months` of a
    /// store: ``ChemicalItemsKernel/sum(store:months:)``, then ``level(_:level:options:)``
    /// and ``rows(_:chemicalNames:options:)`` per level, with the store's chemical names. Shared
    /// by `rxatlas outliers` and batch runs; `progress` is told as each month is opened.
    public static func run(store: Store, months: ClosedRange<YearMonth>, levels: [OrgLevel], options: ChemicalOutlierOptions,
                           progress: ProgressReporter = .silent) throws -> (items: ChemicalItems, rows: [ChemicalOutlierRow]) {
        let items = try ChemicalItemsKernel.sum(store: store, months: months, progress: progress)
        let names = chemicalNames(try store.readPresentationNames())
        let rows = levels.flatMap { l in
            ChemicalOutlierAnalysis.rows(level(items, level: l, options: options), chemicalNames: names, options: options)
        }
        return (items, rows)
    }
}
