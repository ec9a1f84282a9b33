import RxData

/// Every selected measure at every selected level over a period, with what the run could and
/// could not see: the one entry `rxatlas measures`, `atlas` and `charts`, `batch` and the report
/// call to compute measures from a store.
public struct MeasureRun: Sendable {
    /// The definitions, as given.
    public var definitions: [MeasureDefinition]
    /// The period asked for.
    public var period: ClosedRange<YearMonth>
    /// Per measure × level (measure-major, levels in the order given): values per unit × month.
    public var values: [MeasureValues]
    /// The run's coverage (its months, prescribers by class, list-size sources, cost columns).
    public var coverage: Coverage
    /// The measures computed on net ingredient cost in place of actual cost, which some month of
    /// the period does not publish (Scotland's data never do), by id.
    public var onNetIngredientCost: [String] = []

    /// Creates a run from its parts.
    public init(definitions: [MeasureDefinition], period: ClosedRange<YearMonth>, values: [MeasureValues], coverage: Coverage) {
        self.definitions = definitions
        self.period = period
        self.values = values
        self.coverage = coverage
    }

    /// Computes `definitions` at `levels` over the store's months in `period`, one scan per
    /// month (``MeasureKernel``) over one ``PracticePanel``.
    ///
    /// A measure that reads actual cost is computed on net ingredient cost when any month of the
    /// period does not publish actual cost (a missing column is never read as £0), for the whole
    /// period so that its months compare; ``onNetIngredientCost`` lists them and ``warnings``
    /// says so.
    public static func run(store: Store, period: ClosedRange<YearMonth>, definitions: [MeasureDefinition],
                           levels: [OrgLevel] = OrgLevel.allCases, options: MeasureKernelOptions = MeasureKernelOptions(),
                           progress: ProgressReporter = .silent) throws -> MeasureRun {
        let kernel = MeasureKernel(options: options, progress: progress)
        let scan = try StoreScan(store: store, period: period, progress: progress)
        let panel = try PracticePanel(store: store, scan: scan, listSizeCarry: options.listSizeCarry)
        let coverage = try Coverage(scan: scan, panel: panel)
        var computed = definitions, substituted: [String] = []
        if !coverage.monthsWithoutActualCost.isEmpty {
            func usesActualCost(_ side: MeasureDefinition.Side) -> Bool {
                side.quantity == .actualCost || side.terms?.contains { $0.column == .actualCost } == true
            }
            func onNIC(_ side: inout MeasureDefinition.Side) {
                if side.quantity == .actualCost { side.quantity = .nic }
                side.terms = side.terms?.map { t in var t = t; if t.column == .actualCost { t.column = .nic }; return t }
            }
            for i in computed.indices where usesActualCost(computed[i].numerator) || usesActualCost(computed[i].denominator) {
                onNIC(&computed[i].numerator)
                onNIC(&computed[i].denominator)
                substituted.append(computed[i].id)
            }
        }
        let values = try kernel.practiceTotals(scan: scan, panel: panel, measures: computed, store: store).values(levels: levels)
        var run = MeasureRun(definitions: definitions, period: period, values: values, coverage: coverage)
        run.onNetIngredientCost = substituted
        return run
    }

    /// Whether any measure divides by (or counts per) registered patients.
    public var usesListSizes: Bool { definitions.contains(where: \.usesListSize) }

    /// What the user must be told (``Coverage/warnings(perThousand:)``; list sizes only matter
    /// when a measure is per 1,000 patients).
    public var warnings: [String] {
        var out = coverage.warnings(perThousand: usesListSizes)
        if !onNetIngredientCost.isEmpty {
            out.append("\(onNetIngredientCost.count) measure(s) read actual cost, which the data lack for "
                       + Coverage.list(coverage.monthsWithoutActualCost) + ": computed on net ingredient cost instead ("
                       + onNetIngredientCost.prefix(6).joined(separator: ", ") + (onNetIngredientCost.count > 6 ? ", …" : "") + ")")
        }
        return out
    }
}
