import RxData

/// Computes measure numerators and denominators for every practice × month from the store, all
/// measures in one pass over each month's rows.
///
/// Every distinct (store column, BNF filter) sum the measures need is found once
/// (``MeasureSidePlan``); per month each filter is matched once against the month's presentation
/// table, giving "presentation → sums it feeds" (``ScanKeys``), and ``StoreScan`` adds each
/// selected row's exact fixed-point value into its practice × month sums (`Int64`, so totals are
/// exact). Measures select a few percent of rows; the scan decodes only those.
///
/// A dense presentations × measures 0/1 matrix and a BLAS product were considered: the rows are
/// a sparse practice × presentation matrix (a few percent of the dense cells), so densifying it
/// would cost more than the product; the presentation → sums lists are that sparse product done
/// directly.
///
/// The result, ``PracticeMeasureTotals``, applies the inclusion rules and rolls up to every
/// organisation level on the ``PracticePanel``.
public struct MeasureKernel: Sendable {
    /// The inclusion and roll-up rules.
    public var options: MeasureKernelOptions
    /// Told as each month is summed (`"months"`, done of total).
    public var progress: ProgressReporter

    /// Creates a kernel.
    public init(options: MeasureKernelOptions = MeasureKernelOptions(), progress: ProgressReporter = .silent) {
        self.options = options
        self.progress = progress
    }

    /// Sums every measure's numerator and denominator per practice × month.
    ///
    /// - Parameters:
    ///   - store: the store to read.
    ///   - measures: the definitions.
    ///   - months: the months to compute, or nil for all; only months with a snapshot are
    ///     computed (a missing month is not taken as zero prescribing).
    ///   - snapshots: months the caller has already opened (they are used instead of opening
    ///     the month again).
    /// - Returns: totals for every prescriber in the organisation directory or in any computed
    ///   month, for every computed month (zero where it did not prescribe).
    public func practiceTotals(store: Store, measures: [MeasureDefinition], months: ClosedRange<YearMonth>? = nil,
                               snapshots: [YearMonth: Snapshot] = [:]) throws -> PracticeMeasureTotals {
        let scan = try StoreScan(store: store, period: months, snapshots: snapshots, progress: progress)
        return try practiceTotals(scan: scan, panel: try PracticePanel(store: store, scan: scan, listSizeCarry: options.listSizeCarry),
                                  measures: measures, store: store)
    }

    /// Sums every measure's numerator and denominator per prescriber of `panel` × month of `scan`.
    /// - Parameter store: the store, read for the list sizes' age–sex bands when a measure's
    ///   side counts bands (``MeasureDefinition/ListBands``).
    public func practiceTotals(scan: StoreScan, panel: PracticePanel, measures: [MeasureDefinition], store: Store? = nil) throws -> PracticeMeasureTotals {
        let plan = MeasureSidePlan(measures)
        let request = ScanRequest(columns: plan.columns, keyColumn: plan.sumColumn) { month, codes in plan.keys(over: codes, month: month) }
        var sums = try scan.sumsByPracticeMonth(request, panel: panel)
        // Sums at some quantities per item come from the months' quantity-per-item entries.
        let byQuantityPerItem = plan.quantityPerItemSums
        if !byQuantityPerItem.isEmpty {
            let found = try scan.sumsByQuantityPerItem(byQuantityPerItem.map(\.request), panel: panel)
            for (k, s) in byQuantityPerItem.enumerated() { sums[s.sum] = found[k] }
        }
        let sides = sums.indices.map { s in SideTotals(stored: sums[s], divisor: Double(plan.sums[s].column.scale)) }
        let lists = SideTotals(stored: panel.listSizes.map { max($0, 0) }, divisor: 1000)
        func side(_ slot: [(sum: Int, weight: Double)]?) -> SideTotals {
            guard let slot else { return lists }
            if slot.count == 1 && slot[0].weight == 1 { return sides[slot[0].sum] }
            return SideTotals(weighted: slot.map { (sides[$0.sum], $0.weight) }, count: panel.count * panel.months.count)
        }
        var numerators = plan.numeratorSum.map(side), denominators = plan.denominatorSum.map(side)
        var extracts: [ListSizeMonth?]?
        // OpenPrescribing's list size is its male and female patients added, where RxAtlas takes
        // the extract's total (which also counts patients of neither): read from the extracts'
        // age–sex bands, the total where an extract has none.
        if let store, measures.contains(where: { $0.profile == .openPrescribing && $0.usesListSize }) {
            extracts = try panel.months.indices.map { try panel.listSizeExtract(month: $0, store: store) }
            let maleAndFemale = Self.maleAndFemaleTotals(panel: panel, extracts: extracts!)
            for (m, def) in measures.enumerated() where def.profile == .openPrescribing {
                if plan.numeratorSum[m] == nil && def.numerator.bands == nil { numerators[m] = maleAndFemale }
                if plan.denominatorSum[m] == nil && def.denominator.bands == nil { denominators[m] = maleAndFemale }
            }
        }
        for (m, def) in measures.enumerated() {
            for (isNumerator, s) in [(true, def.numerator), (false, def.denominator)] {
                guard let bands = s.bands else { continue }
                guard let store else {
                    throw StoreError(path: "", reason: "measure \(def.id) counts list-size bands, which needs the store's list sizes")
                }
                if extracts == nil { extracts = try panel.months.indices.map { try panel.listSizeExtract(month: $0, store: store) } }
                let totals = Self.bandTotals(bands, panel: panel, extracts: extracts!)
                if isNumerator { numerators[m] = totals } else { denominators[m] = totals }
            }
        }
        return PracticeMeasureTotals(measures: measures, panel: panel, options: options, numerators: numerators, denominators: denominators)
    }

    /// Registered patients per prescriber × month as OpenPrescribing counts them, male plus
    /// female (its `practice_statistics.total_list_size`), in thousands: the sum of the
    /// extract's age–sex bands, or its total where it has none.
    static func maleAndFemaleTotals(panel: PracticePanel, extracts: [ListSizeMonth?]) -> SideTotals {
        listTotals(panel: panel, extracts: extracts, divisor: 1000) { list in
            list.male.isEmpty && list.female.isEmpty ? list.total : list.male.values.reduce(0, +) + list.female.values.reduce(0, +)
        }
    }

    /// A band side per prescriber × month, from each month's list-size extract (own or carried).
    static func bandTotals(_ bands: MeasureDefinition.ListBands, panel: PracticePanel, extracts: [ListSizeMonth?]) -> SideTotals {
        listTotals(panel: panel, extracts: extracts, divisor: bands.divisor, bands.patients)
    }

    /// A side per prescriber × month counted from each month's list (`patients`), zero where the
    /// month has no extract or the extract no list for the prescriber.
    static func listTotals(panel: PracticePanel, extracts: [ListSizeMonth?], divisor: Double,
                           _ patients: (PracticeList) -> Int64) -> SideTotals {
        let T = panel.months.count
        var stored = [Int64](repeating: 0, count: panel.count * T)
        for (t, extract) in extracts.enumerated() {
            guard let extract else { continue }
            for p in 0..<panel.count {
                if let list = extract.practices[panel.codes[p]] { stored[p * T + t] = patients(list) }
            }
        }
        return SideTotals(stored: stored, divisor: divisor)
    }

    /// Computes every measure at every requested level: practice totals, inclusion rules and
    /// Σnumerator/Σdenominator roll-ups.
    public func compute(store: Store, measures: [MeasureDefinition], months: ClosedRange<YearMonth>? = nil,
                        levels: [OrgLevel] = OrgLevel.allCases) throws -> [MeasureValues] {
        try practiceTotals(store: store, measures: measures, months: months).values(levels: levels)
    }

    /// ``compute(store:measures:months:levels:)``, with where each month's list sizes came from
    /// (own extract, carried, or missing), for the warnings a per-1,000 measure needs, and the
    /// run's ``Coverage`` (from the same months and panel).
    public func computeWithCoverage(store: Store, measures: [MeasureDefinition], months: ClosedRange<YearMonth>? = nil,
                                    levels: [OrgLevel] = OrgLevel.allCases)
        throws -> (values: [MeasureValues], months: [YearMonth], listSizes: [ListSizeTimeline.Source], coverage: Coverage) {
        let scan = try StoreScan(store: store, period: months, progress: progress)
        let panel = try PracticePanel(store: store, scan: scan, listSizeCarry: options.listSizeCarry)
        let totals = try practiceTotals(scan: scan, panel: panel, measures: measures, store: store)
        return (totals.values(levels: levels), totals.months, totals.listSizeSources, try Coverage(scan: scan, panel: panel))
    }

    /// The warnings a run owes its user about list sizes: months with none within the carry
    /// window (per-1,000 values are absent there) and months whose sizes were carried forward.
    /// Empty when no measure divides by a list size.
    public static func listSizeWarnings(_ measures: [MeasureDefinition], months: [YearMonth],
                                        sources: [ListSizeTimeline.Source], carry: Int) -> [String] {
        guard measures.contains(where: \.usesListSize) else { return [] }
        var out: [String] = []
        let missing = zip(months, sources).filter { $0.1 == .missing }.map(\.0)
        if !missing.isEmpty { out.append(ListSizeTimeline.missingWarning(missing, carry: carry)) }
        let carried = zip(months, sources).compactMap { m, s -> String? in
            if case .carried(let from) = s { return "\(m) from \(from)" } else { return nil }
        }
        if !carried.isEmpty { out.append("list sizes carried forward: " + carried.joined(separator: ", ")) }
        return out
    }
}
