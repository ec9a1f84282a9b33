import RxData

/// Every measure's numerator and denominator per practice × month, zero-filled, with the facts
/// the inclusion rules need; ``values(measure:level:)`` applies the rules and rolls up.
///
/// Matrices are practice-major: the entry of practice `p` and month `t` is at
/// `p * months.count + t`.
public struct PracticeMeasureTotals: Sendable {
    /// The measures, in the order given to the kernel.
    public let measures: [MeasureDefinition]
    /// The months computed, ascending.
    public let months: [YearMonth]
    /// Every prescriber in the organisation directory or in any computed month, in code order.
    public let practiceCodes: [String]
    /// The organisation directory read from the store.
    public let orgs: OrgDirectory
    /// The inclusion and roll-up rules.
    public let options: MeasureKernelOptions
    /// Registered patients per practice × month; -1 where the store has no list size.
    public let listSizes: [Int64]
    /// Whether the practice is a standard GP practice (the ranking population): one rule for
    /// every month, ``RxData/ListSizeTimeline``.
    public let isStandard: [Bool]
    /// Where each month's list sizes come from: own extract, carried, or missing.
    public let listSizeSources: [ListSizeTimeline.Source]
    /// Per measure: the numerator per practice × month (0 where the practice did not prescribe).
    public let numerators: [SideTotals]
    /// Per measure: the denominator per practice × month (a list-size side is patients / 1,000,
    /// 0 without a list).
    public let denominators: [SideTotals]
    /// Per level above practice: its units and each prescriber's unit, worked out once.
    private let units: [OrgLevel: LevelUnits]
    /// Practice names from the directory, in ``practiceCodes`` order.
    private let practiceNames: [String?]

    /// Creates totals from their parts (the kernel does this; see the property docs).
    public init(measures: [MeasureDefinition], months: [YearMonth], practiceCodes: [String], orgs: OrgDirectory,
                options: MeasureKernelOptions, listSizes: [Int64], isStandard: [Bool],
                listSizeSources: [ListSizeTimeline.Source]? = nil,
                numerators: [SideTotals], denominators: [SideTotals]) {
        self.listSizeSources = listSizeSources ?? Array(repeating: .own, count: months.count)
        self.measures = measures
        self.months = months
        self.practiceCodes = practiceCodes
        self.orgs = orgs
        self.options = options
        self.listSizes = listSizes
        self.isStandard = isStandard
        self.numerators = numerators
        self.denominators = denominators
        let records = practiceCodes.map { orgs.practices[$0] }
        practiceNames = records.map { $0?.name }
        var units: [OrgLevel: LevelUnits] = [:]
        for level in OrgLevel.allCases where level != .practice {
            units[level] = LevelUnits(level: level, records: records, orgs: orgs)
        }
        self.units = units
    }

    /// The index of a measure by id.
    public func measureIndex(_ id: String) -> Int? { measures.firstIndex { $0.id == id } }

    /// One measure at one level.
    ///
    /// - Practice level: every prescriber is a row (zero-filled). A practice-month has a value
    ///   only when it is a standard GP practice that month, when (for a per-1,000 measure) its
    ///   list is at least ``MeasureKernelOptions/minimumListSize``, and when its denominator is
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

        func rule(_ n: Double, _ d: Double, list: Int64, ranked: Bool) -> (Double, ValueStatus) {
            if !ranked { return (.nan, .notRanked) }
            if perThousand && list < options.minimumListSize { return (.nan, .smallList) }
            if !(d > 0) { return (.nan, .noDenominator) }
            if d < def.minimumDenominator { return (.nan, .suppressed) }
            return (n / d * scale, .defined)
        }

        if level == .practice {
            let num = numSide.values(), den = denSide.values()
            var value = [Double](repeating: .nan, count: num.count)
            var status = [ValueStatus](repeating: .notRanked, count: num.count)
            for i in 0..<num.count {
                (value[i], status[i]) = rule(num[i], den[i], list: listSizes[i], ranked: isStandard[i])
            }
            return MeasureValues(measureID: def.id, level: level, orgCodes: practiceCodes, orgNames: practiceNames,
                                 months: months, numerator: num, denominator: den, value: value, status: status)
        }

        let layer = units[level]!
        let unitOf = layer.unitOf
        let U = layer.codes.count
        let num = numSide.stored, den = denSide.stored
        var sumNum = [Int64](repeating: 0, count: U * T)
        var sumDen = [Int64](repeating: 0, count: U * T)
        var sumList = [Int64](repeating: 0, count: U * T)
        let everyone = options.rollUpPopulation == .allPrescribers
        for p in 0..<practiceCodes.count where unitOf[p] >= 0 {
            let u = unitOf[p]
            for t in 0..<T {
                let i = p * T + t
                guard everyone || isStandard[i] else { continue }
                sumNum[u * T + t] += num[i]
                sumDen[u * T + t] += den[i]
                if listSizes[i] > 0 { sumList[u * T + t] += listSizes[i] }
            }
        }
        let unitNum = sumNum.map { Double($0) / numSide.divisor }
        let unitDen = sumDen.map { Double($0) / denSide.divisor }
        var value = [Double](repeating: .nan, count: U * T)
        var status = [ValueStatus](repeating: .noDenominator, count: U * T)
        for i in 0..<(U * T) {
            (value[i], status[i]) = rule(unitNum[i], unitDen[i], list: sumList[i], ranked: true)
        }
        return MeasureValues(measureID: def.id, level: level, orgCodes: layer.codes, orgNames: layer.names, months: months,
                             numerator: unitNum, denominator: unitDen, value: value, status: status)
    }

    /// Every measure at one level, in measure order.
    public func values(level: OrgLevel) -> [MeasureValues] {
        measures.indices.map { values(measure: $0, level: level) }
    }
}

/// The units of one level above practice: every ancestor code at the level named in the
/// directory, in code order, and each prescriber's unit (-1 when it has none at the level).
struct LevelUnits: Sendable {
    let level: OrgLevel
    let codes: [String]
    let names: [String?]
    let unitOf: [Int]

    init(level: OrgLevel, records: [PracticeRecord?], orgs: OrgDirectory) {
        self.level = level
        codes = Array(Set(records.compactMap { $0?.parents[level] })).sorted()
        var index: [String: Int] = [:]
        for (i, u) in codes.enumerated() { index[u] = i }
        unitOf = records.map { r in r?.parents[level].flatMap { index[$0] } ?? -1 }
        names = codes.map { orgs.names[level]?[$0] }
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

    /// Creates a side from stored integers and their divisor.
    public init(stored: [Int64], divisor: Double) {
        self.stored = stored
        self.divisor = divisor
    }

    /// Practice-month `i`'s value.
    @inline(__always)
    public func value(_ i: Int) -> Double { Double(stored[i]) / divisor }

    /// Every practice-month's value.
    public func values() -> [Double] { stored.map { Double($0) / divisor } }
}
