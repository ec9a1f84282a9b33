import RxData

/// Every measure's numerator and denominator per practice × month, zero-filled, with the facts
/// the inclusion rules need; ``values(measure:level:)`` applies the rules and rolls up.
///
/// Matrices are practice-major: the entry of practice `p` and month `t` is at
/// `p * months.count + t`.
public struct PracticeMeasureTotals: Sendable {
    /// The measures, in the order given to the kernel.
    public let measures: [MeasureDefinition]
    /// The period's prescribers, months, list sizes and organisations.
    public let panel: PracticePanel
    /// The inclusion and roll-up rules.
    public let options: MeasureKernelOptions
    /// Per measure: the numerator per practice × month (0 where the practice did not prescribe).
    public let numerators: [SideTotals]
    /// Per measure: the denominator per practice × month (a list-size side is patients / 1,000,
    /// 0 without a list).
    public let denominators: [SideTotals]

    /// Creates totals from their parts (the kernel does this; see the property docs).
    public init(measures: [MeasureDefinition], panel: PracticePanel, options: MeasureKernelOptions,
                numerators: [SideTotals], denominators: [SideTotals]) {
        self.measures = measures
        self.panel = panel
        self.options = options
        self.numerators = numerators
        self.denominators = denominators
    }

    /// The months computed, ascending.
    public var months: [YearMonth] { panel.months }
    /// Every prescriber in the organisation directory or in any computed month, in code order.
    public var practiceCodes: [String] { panel.codes }
    /// The organisation directory read from the store.
    public var orgs: OrgDirectory { panel.orgs }
    /// Where each month's list sizes come from: own extract, carried, or missing.
    public var listSizeSources: [ListSizeTimeline.Source] { panel.listSizeSources }

    /// The index of a measure by id.
    public func measureIndex(_ id: String) -> Int? { measures.firstIndex { $0.id == id } }

    /// One measure at one level.
    ///
    /// - Practice level: every prescriber is a row (zero-filled). A practice-month has a value
    ///   only when it is a standard GP practice (one rule for the
    ///   whole period, ``PracticePanel``), when (for a per-1,000 measure) its
    ///   list is at least ``MeasureKernelOptions/minimumListSize`` (for OpenPrescribing's
    ///   definitions ``MeasureKernelOptions/minimumListSizeForOpenPrescribing``, 0 unless
    ///   asked), and when its denominator is
    ///   positive and at least ``MeasureDefinition/minimumDenominator``.
    /// - Above: the units are the ancestor codes (``RxData/PracticeRecord/parents``) of the
    ///   prescribers in the directory; each unit's numerator and denominator are the sums over
    ///   its ``MeasureKernelOptions/rollUpPopulation`` that month (never a mean of ratios); the
    ///   value rules are the list minimum (on the summed list) and the denominator rules.
    ///   Prescribers without an ancestor code at the level are left out of it. Sums are exact
    ///   (fixed-point integers) and become doubles only at the end.
    /// - Value: numerator / denominator, × 100 for a percentage measure.
    public func values(measure m: Int, level: OrgLevel) -> MeasureValues {
        let def = measures[m]
        let T = months.count
        let perThousand = def.numerator.quantity == .listSize || def.denominator.quantity == .listSize
        let scale = def.isPercentage ? 100.0 : 1.0
        let numSide = numerators[m], denSide = denominators[m]
        let minimumList = def.profile == .openPrescribing ? options.minimumListSizeForOpenPrescribing : options.minimumListSize

        func rule(_ n: Double, _ d: Double, list: Int64, ranked: Bool) -> (Double, ValueStatus) {
            if !ranked { return (.nan, .notRanked) }
            if perThousand && list < minimumList { return (.nan, .smallList) }
            if !(d > 0) { return (.nan, .noDenominator) }
            if d < def.minimumDenominator { return (.nan, .suppressed) }
            return (n / d * scale, .defined)
        }

        if level == .practice {
            let num = numSide.values(), den = denSide.values()
            var value = [Double](repeating: .nan, count: num.count)
            var status = [ValueStatus](repeating: .notRanked, count: num.count)
            let standard = panel.isStandard, lists = panel.listSizes
            for i in 0..<num.count {
                (value[i], status[i]) = rule(num[i], den[i], list: lists[i], ranked: standard[i / T])
            }
            return MeasureValues(measureID: def.id, level: level, orgCodes: panel.codes, orgNames: panel.names,
                                 months: months, numerator: num, denominator: den, value: value, status: status)
        }

        // The panel's one roll-up, over the roll-up population.
        let everyone = options.rollUpPopulation == .allPrescribers
        let population = everyone ? nil : panel.isStandard
        let sumNum = numSide.unitSums(panel, width: T, level: level, including: population)
        let unitDen = denSide.unitSums(panel, width: T, level: level, including: population).sums
        let sumList = panel.rollUp(panel.listSizes.map { max($0, 0) }, width: T, to: level, including: population).sums
        let layer = sumNum.units
        let U = layer.count
        let unitNum = sumNum.sums
        var value = [Double](repeating: .nan, count: U * T)
        var status = [ValueStatus](repeating: .noDenominator, count: U * T)
        for i in 0..<(U * T) {
            (value[i], status[i]) = rule(unitNum[i], unitDen[i], list: sumList[i], ranked: true)
        }
        return MeasureValues(measureID: def.id, level: level, orgCodes: layer.codes, orgNames: layer.names, months: months,
                             numerator: unitNum, denominator: unitDen, value: value, status: status)
    }

    /// Every measure at each of `levels`, measure-major (every level of the first measure, then
    /// of the next), a table per nation (``byNation(_:)``).
    public func values(levels: [OrgLevel]) -> [MeasureValues] {
        measures.indices.flatMap { m in levels.flatMap { byNation(values(measure: m, level: $0)) } }
    }

    /// Every measure at one level, in measure order, a table per nation (``byNation(_:)``).
    public func values(level: OrgLevel) -> [MeasureValues] {
        measures.indices.flatMap { byNation(values(measure: $0, level: level)) }
    }

    /// A table of ``values(measure:level:)`` cut into one per nation of the panel
    /// (``PracticePanel/nationGroups(_:)``), so that every ranking, decile, funnel and national
    /// rate drawn from it compares a unit with its own nation's units only. With one nation the
    /// table is returned whole, named by it.
    public func byNation(_ table: MeasureValues) -> [MeasureValues] {
        let groups = panel.nationGroups(table.level)
        if groups.count == 1 {
            var whole = table
            whole.nation = groups[0].nation
            return [whole]
        }
        return groups.map { table.subset(units: $0.units, nation: $0.nation) }
    }
}

/// One side (numerator or denominator) of a measure per practice × month, exact: stored
/// integers and the divisor that turns them into the side's value (a store column's fixed-point
/// scale, or 1,000 for registered patients per 1,000).
public struct SideTotals: Sendable {
    /// Stored integers per practice × month, practice-major.
    public let stored: [Int64]
    /// What a stored integer is divided by to give the side's value.
    public let divisor: Double

    /// A weighted side's values (Σ weight × term), when the side is weighted; then ``stored``
    /// is empty. Weighted sides are sums of doubles, not exact integers.
    public let weighted: [Double]?

    /// Creates a side from stored integers and their divisor.
    public init(stored: [Int64], divisor: Double) {
        self.stored = stored
        self.divisor = divisor
        weighted = nil
    }

    /// A weighted side: Σ weight × term per practice-month, over `count` practice-months.
    public init(weighted terms: [(SideTotals, Double)], count: Int) {
        var out = [Double](repeating: 0, count: count)
        for (side, weight) in terms {
            for i in 0..<count {
                let v = side.value(i)
                if v != 0 { out[i] += weight * v }
            }
        }
        stored = []
        divisor = 1
        weighted = out
    }

    /// Practice-month `i`'s value.
    @inline(__always)
    public func value(_ i: Int) -> Double { weighted?[i] ?? Double(stored[i]) / divisor }

    /// Every practice-month's value.
    public func values() -> [Double] { weighted ?? stored.map { Double($0) / divisor } }

    /// The sums over each unit of `level` (`width` months per prescriber), as values: exact
    /// integer sums divided at the end for a plain side, sums of doubles for a weighted one.
    func unitSums(_ panel: PracticePanel, width: Int, level: OrgLevel, including: [Bool]?) -> (units: PanelLevel, sums: [Double]) {
        if let weighted {
            let r = panel.rollUp(weighted, width: width, to: level, including: including)
            return (r.units, r.sums)
        }
        let r = panel.rollUp(stored, width: width, to: level, including: including)
        return (r.units, r.sums.map { Double($0) / divisor })
    }
}
