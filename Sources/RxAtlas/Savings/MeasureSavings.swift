import RxData
import RxStats

/// What each organisation would save on a cost-based measure if its cost per denominator unit
/// were that of the organisation at a given decile, by OpenPrescribing's method: for each level
/// and month, the deciles (PERCENTILE_CONT) of `numerator cost / denominator` over the units with
/// a value, and for each unit `saving_k = (its cost per unit − decile_k) × its denominator`.
/// A negative saving means the unit already spends less than the decile. Totals add positive
/// savings only, as OpenPrescribing's national figures do.
public struct MeasureSavings: Sendable {
    /// The measure.
    public var measureID: String
    /// The level.
    public var level: OrgLevel
    /// Organisation codes (all units of the measure values).
    public var orgCodes: [String]
    /// Organisation names.
    public var orgNames: [String?]
    /// The months.
    public var months: [YearMonth]
    /// Per unit × month (unit-major) × decile (10…90), flat: the saving in pounds of unit-month
    /// `i` at decile `k` (0 for p10 … 8 for p90) is at `i * 9 + k` (``saving(_:decile:)``); NaN
    /// where the unit has no value that month.
    public var savings: [Double]
    /// Per month × decile: the sum of positive savings over units.
    public var totals: [[Double]]

    /// The saving of unit-month `i` (``MeasureValues/index(unit:month:)``) at decile index `k`
    /// (0 for p10 … 8 for p90).
    @inline(__always)
    public func saving(_ i: Int, decile k: Int) -> Double { savings[i * 9 + k] }

    /// Whether a measure gets savings: cost-based, with a cost numerator, or a cost-based
    /// percentage with its cost and quantity sides (``MeasureDefinition/percentageCosts``).
    public static func applies(to def: MeasureDefinition) -> Bool {
        def.isCostBased && (def.numerator.quantity == .actualCost || def.numerator.quantity == .nic || def.percentageCosts != nil)
    }

    /// Whose savings are computed.
    public enum Population: Sendable, Equatable {
        /// The units with a value that month (RxAtlas's rule).
        case unitsWithValue
        /// Every ranked unit (at practice level every standard GP practice), value or not:
        /// `numerator − decile × denominator`, so a practice with cost and no denominator saves
        /// all its cost (OpenPrescribing's rule).
        case everyRankedUnit
    }

    /// The population OpenPrescribing's definitions use (``MeasureProfile``).
    public static func population(for def: MeasureDefinition) -> Population {
        def.profile == .openPrescribing ? .everyRankedUnit : .unitsWithValue
    }

    /// OpenPrescribing's saving for a cost-based percentage measure at decile ratio `p`
    /// (`practice_percentage_measure_cost_savings.sql`): the unit's denominator cost less what it
    /// would cost with `p` of its denominator quantity at its numerator's unit cost and the rest at
    /// the unit cost of the rest of its denominator,
    /// `denom_cost − (p × denom_qty × num_unit + (denom_qty − p × denom_qty) × rest_unit)`, where
    /// `num_unit` is its numerator cost ÷ quantity (the national `cost_per_num` when it prescribes
    /// no numerator quantity) and `rest_unit` its (denominator − numerator) cost ÷ quantity (the
    /// national `cost_per_denom` when that quantity is 0).
    static func percentageSaving(decile p: Double, costs c: PercentageCostSums, _ i: Int, month t: Int) -> Double {
        let nc = c.numeratorCost[i], nq = c.numeratorQuantity[i], dc = c.denominatorCost[i], dq = c.denominatorQuantity[i]
        let numeratorUnit = nq > 0 ? nc / nq : c.costPerNumerator[t]
        let restUnit = dq - nq == 0 ? c.costPerDenominator[t] : (dc - nc) / (dq - nq)
        return dc - (p * dq * numeratorUnit + (dq - dq * p) * restUnit)
    }

    /// Computes the savings for one measure × level, over `population`; the deciles are always
    /// over the units with a value. A cost-based percentage measure's table with its cost sums
    /// (``MeasureValues/percentageCosts``) gets OpenPrescribing's formula for such measures
    /// (``percentageSaving(decile:costs:_:month:)``), for every unit counted.
    public init(_ values: MeasureValues, population: Population = .unitsWithValue) {
        measureID = values.measureID
        level = values.level
        orgCodes = values.orgCodes
        orgNames = values.orgNames
        months = values.months
        let units = values.orgCodes.count, monthCount = values.months.count
        savings = [Double](repeating: .nan, count: units * monthCount * 9)
        totals = [[Double]](repeating: [Double](repeating: 0, count: 9), count: monthCount)
        for t in 0..<monthCount {
            var ratios: [Double] = []
            ratios.reserveCapacity(units)
            for u in 0..<units {
                let i = values.index(unit: u, month: t)
                ratios.append(values.status[i] == .defined ? values.numerator[i] / values.denominator[i] : .nan)
            }
            let deciles = PercentileCont.deciles(ratios)
            for u in 0..<units {
                let i = values.index(unit: u, month: t)
                let counted = population == .unitsWithValue ? !ratios[u].isNaN : values.status[i] != .notRanked
                guard counted else { continue }
                for k in 0..<9 where !deciles[k].isNaN {
                    let s: Double
                    if let c = values.percentageCosts {
                        s = Self.percentageSaving(decile: deciles[k], costs: c, i, month: t)
                    } else {
                        s = ratios[u].isNaN ? values.numerator[i] - deciles[k] * values.denominator[i]
                                            : (ratios[u] - deciles[k]) * values.denominator[i]
                    }
                    savings[i * 9 + k] = s
                    if s > 0 { totals[t][k] += s }
                }
            }
        }
    }
}
