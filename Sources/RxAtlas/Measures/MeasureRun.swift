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
    /// When OpenPrescribing's definitions run: the months ingested without a code-change table
    /// (`ingest --code-mapping`), whose former BNF codes are not mapped to current ones as
    /// OpenPrescribing maps them.
    public var monthsWithoutCodeMapping: [YearMonth] = []

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
        // A cost-based percentage measure's cost and quantity sides are computed beside it, as
        // four more sums, for its savings (``PercentageCostSums``).
        let main = definitions.count
        var costed: [(measure: Int, first: Int)] = []
        for (m, def) in computed.prefix(main).enumerated() {
            guard let costs = def.percentageCosts else { continue }
            costed.append((m, computed.count))
            for side in costs.all {
                computed.append(MeasureDefinition(id: def.id + "\u{1}cost", name: def.name, isPercentage: false, lowIsGood: true,
                                                  isCostBased: false, numerator: side, denominator: .init(quantity: .listSize, filter: nil)))
            }
        }
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
                // A cost side of a percentage measure is said on its measure.
                let owner = i < main ? i : costed.last { $0.first <= i }!.measure
                if !substituted.contains(computed[owner].id) { substituted.append(computed[owner].id) }
            }
        }
        let totals = try kernel.practiceTotals(scan: scan, panel: panel, measures: computed, store: store)
        var values = (0..<main).flatMap { m in levels.flatMap { totals.byNation(totals.values(measure: m, level: $0)) } }
        for (m, first) in costed {
            // Per level and nation, the four sums; the unit costs from the nation's ranked practices.
            var byLevel: [OrgLevel: [[MeasureValues]]] = [:]
            func sides(_ level: OrgLevel) -> [[MeasureValues]] {
                if let hit = byLevel[level] { return hit }
                let tables = (0..<4).map { totals.byNation(totals.values(measure: first + $0, level: level)) }
                byLevel[level] = tables
                return tables
            }
            for i in values.indices where values[i].measureID == computed[m].id {
                let t = values[i]
                let at = sides(t.level).map { tables in tables.first { $0.nation == t.nation }! }
                let national = sides(.practice).map { tables in tables.first { $0.nation == t.nation }! }
                var perNumerator: [Double] = [], perDenominator: [Double] = []
                for month in t.months.indices {
                    var sums = [0.0, 0.0, 0.0, 0.0]
                    for u in national[0].orgCodes.indices {
                        let j = national[0].index(unit: u, month: month)
                        guard national[0].status[j] != .notRanked else { continue }
                        for k in 0..<4 { sums[k] += national[k].numerator[j] }
                    }
                    perNumerator.append(sums[0] / sums[1])
                    perDenominator.append((sums[2] - sums[0]) / (sums[3] - sums[1]))
                }
                values[i].percentageCosts = PercentageCostSums(numeratorCost: at[0].numerator, numeratorQuantity: at[1].numerator,
                                                               denominatorCost: at[2].numerator, denominatorQuantity: at[3].numerator,
                                                               costPerNumerator: perNumerator, costPerDenominator: perDenominator)
            }
        }
        var run = MeasureRun(definitions: definitions, period: period, values: values, coverage: coverage)
        run.onNetIngredientCost = substituted
        if definitions.contains(where: { $0.profile == .openPrescribing }) {
            run.monthsWithoutCodeMapping = scan.snapshots.filter { $0.notes["code_mapping"] == nil }.map(\.month)
        }
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
        if !monthsWithoutCodeMapping.isEmpty {
            out.append("OpenPrescribing maps former BNF codes to current ones; " + Coverage.list(monthsWithoutCodeMapping)
                       + " were ingested without a code-change table (ingest --code-mapping), so a presentation whose code changed counts under each code it had")
        }
        return out
    }
}
