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
    /// Whether the practice is a standard GP practice that month (the ranking population).
    public let isStandard: [Bool]
    /// Per measure: the numerator per practice × month (0 where the practice did not prescribe).
    public let numerators: [[Double]]
    /// Per measure: the denominator per practice × month (a list-size side is patients / 1,000,
    /// 0 without a list).
    public let denominators: [[Double]]

    /// Creates totals from their parts (the kernel does this; see the property docs).
    public init(measures: [MeasureDefinition], months: [YearMonth], practiceCodes: [String], orgs: OrgDirectory,
                options: MeasureKernelOptions, listSizes: [Int64], isStandard: [Bool],
                numerators: [[Double]], denominators: [[Double]]) {
        self.measures = measures
        self.months = months
        self.practiceCodes = practiceCodes
        self.orgs = orgs
        self.options = options
        self.listSizes = listSizes
        self.isStandard = isStandard
        self.numerators = numerators
        self.denominators = denominators
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
    ///   Prescribers without an ancestor code at the level are left out of it.
    /// - Value: numerator / denominator, × 100 for a percentage measure.
    public func values(measure m: Int, level: OrgLevel) -> MeasureValues {
        let def = measures[m]
        let T = months.count
        let perThousand = def.numerator.quantity == .listSize || def.denominator.quantity == .listSize
        let scale = def.isPercentage ? 100.0 : 1.0
        let num = numerators[m], den = denominators[m]

        func rule(_ n: Double, _ d: Double, list: Int64, ranked: Bool) -> (Double, ValueStatus) {
            if !ranked { return (.nan, .notRanked) }
            if perThousand && list < options.minimumListSize { return (.nan, .smallList) }
            if !(d > 0) { return (.nan, .noDenominator) }
            if d < def.minimumDenominator { return (.nan, .suppressed) }
            return (n / d * scale, .defined)
        }

        if level == .practice {
            var value = [Double](repeating: .nan, count: num.count)
            var status = [ValueStatus](repeating: .notRanked, count: num.count)
            for i in 0..<num.count {
                (value[i], status[i]) = rule(num[i], den[i], list: listSizes[i], ranked: isStandard[i])
            }
            let names = practiceCodes.map { orgs.practices[$0]?.name }
            return MeasureValues(measureID: def.id, level: level, orgCodes: practiceCodes, orgNames: names,
                                 months: months, numerator: num, denominator: den, value: value, status: status)
        }

        // Units: every ancestor code at the level named in the directory, in code order.
        var unitOf = [Int](repeating: -1, count: practiceCodes.count)
        let units = Array(Set(practiceCodes.compactMap { orgs.practices[$0]?.parents[level] })).sorted()
        var unitIndex: [String: Int] = [:]
        for (i, u) in units.enumerated() { unitIndex[u] = i }
        for (p, code) in practiceCodes.enumerated() {
            if let u = orgs.practices[code]?.parents[level] { unitOf[p] = unitIndex[u]! }
        }
        let U = units.count
        var sumNum = [Double](repeating: 0, count: U * T)
        var sumDen = [Double](repeating: 0, count: U * T)
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
        var value = [Double](repeating: .nan, count: U * T)
        var status = [ValueStatus](repeating: .noDenominator, count: U * T)
        for i in 0..<(U * T) {
            (value[i], status[i]) = rule(sumNum[i], sumDen[i], list: sumList[i], ranked: true)
        }
        let names = units.map { orgs.names[level]?[$0] }
        return MeasureValues(measureID: def.id, level: level, orgCodes: units, orgNames: names, months: months,
                             numerator: sumNum, denominator: sumDen, value: value, status: status)
    }

    /// Every measure at one level, in measure order.
    public func values(level: OrgLevel) -> [MeasureValues] {
        measures.indices.map { values(measure: $0, level: level) }
    }
}
