import RxData
import RxStats

/// The Atlas of Variation for one measure at one level over a period: every unit's value summed
/// over the period (Σnumerator/Σdenominator over the months it has a value), the national value
/// (of the units' own nation) with its interval, the RightCare variation statistics, and funnel outliers unadjusted and
/// adjusted for overdispersion.
public struct AtlasResult: Sendable {
    /// The measure.
    public var measureID: String
    /// The level.
    public var level: OrgLevel
    /// The nation whose units these are (``MeasureValues/nation``); the national value and the
    /// funnels are that nation's.
    public var nation: String? = nil
    /// The period.
    public var period: ClosedRange<YearMonth>
    /// Scale of values (100 for a percentage).
    public var multiplier: Double
    /// Units with a value in the period, in the order of the measure values.
    public var units: [String]
    /// Σ numerator per unit over the period.
    public var numerators: [Double]
    /// Σ denominator per unit over the period.
    public var denominators: [Double]
    /// Variation statistics (nil with fewer than two units).
    public var summary: VariationSummary?
    /// The extremal quotient (max / min), nil when the minimum is 0.
    public var extremalQuotient: Double?
    /// Funnel analysis with unadjusted limits (nil when the measure is not a count, with < 2 units,
    /// or when no unit has an event).
    public var funnel: IndicatorResult?
    /// Funnel analysis with additive random-effects limits.
    public var funnelAdjusted: IndicatorResult?
    /// The denominators the funnels were drawn against, per unit (patients for a rate, whose
    /// ``denominators`` are in thousands; as ``denominators`` otherwise); nil without a funnel.
    public var funnelDenominators: [Double]? = nil
    /// The options of the unadjusted funnel (``funnelAdjusted`` differs only in its
    /// overdispersion method, additive); nil without a funnel. With
    /// ``RxStats/IndicatorAnalysis/curve(range:points:target:summary:options:)`` they redraw the limits.
    public var funnelOptions: IndicatorOptions? = nil
}

/// Builds ``AtlasResult``s from ``MeasureValues``.
///
/// Intervals and funnels follow docs/STATISTICS.md: a percentage of item counts is a proportion
/// (Wilson; arcsine funnel); items per 1,000 patients is a rate (exact/Byar's; SHMI-style funnel
/// against population × national rate). Costs, quantities and ratios of two prescribing totals get
/// the variation statistics but no interval or funnel, since counting does not define them.
public enum AtlasAnalysis {
    /// How a measure's values are treated statistically, or nil when they are not counts.
    public static func indicatorType(_ def: MeasureDefinition) -> IndicatorType? {
        guard def.numerator.quantity == .items else { return nil }
        if def.isPercentage && def.denominator.quantity == .items { return .proportion }
        if def.denominator.quantity == .listSize { return .rate }
        return nil
    }

    /// Every unit's Σnumerator and Σdenominator over the months of `period` in which it has a
    /// value (status ``ValueStatus/defined``); units with no such month, or a zero total
    /// denominator, are left out. Returns the unit indices into ``MeasureValues/orgCodes``.
    public static func periodTotals(_ values: MeasureValues, period: ClosedRange<YearMonth>)
        -> (units: [Int], numerators: [Double], denominators: [Double]) {
        var units: [Int] = [], num: [Double] = [], den: [Double] = []
        for u in values.orgCodes.indices {
            var n = 0.0, d = 0.0, any = false
            for (t, month) in values.months.enumerated() where period.contains(month) {
                let i = values.index(unit: u, month: t)
                guard values.status[i] == .defined else { continue }
                n += values.numerator[i]
                d += values.denominator[i]
                any = true
            }
            if any && d > 0 {
                units.append(u)
                num.append(n)
                den.append(d)
            }
        }
        return (units, num, den)
    }

    /// Runs the analysis for one measure × level.
    public static func run(_ values: MeasureValues, definition def: MeasureDefinition, period: ClosedRange<YearMonth>) throws -> AtlasResult {
        let totals = periodTotals(values, period: period)
        let units = totals.units.map { values.orgCodes[$0] }, num = totals.numerators, den = totals.denominators
        let multiplier = def.isPercentage ? 100.0 : 1.0
        var result = AtlasResult(measureID: def.id, level: values.level, nation: values.nation, period: period,
                                 multiplier: multiplier, units: units, numerators: num, denominators: den)
        guard units.count >= 2, num.allSatisfy({ $0 >= 0 }) else { return result }
        let type = indicatorType(def)
        let interval: VariationSummary.IntervalMethod?
        switch type {
        case .proportion:
            interval = { x, n, c in
                let i = try WilsonInterval.interval(numerator: x, denominator: n, confidence: c)
                return (i.lower, i.upper)
            }
        case .rate:
            interval = { x, n, c in
                let i = try RateInterval.interval(count: x, denominator: n * 1000, confidence: c, multiplier: 1000)
                return (i.lower, i.upper)
            }
        default:
            interval = nil
        }
        result.summary = try VariationSummary(numerators: num, denominators: den, multiplier: multiplier, interval: interval)
        result.extremalQuotient = VariationMeasures.extremalQuotient(zip(num, den).map { $0 / $1 * multiplier })
        // No funnel when no unit has an event: the national rate is 0, so every unit's expected
        // count is 0 and the limits are undefined (the summary still says the values are all 0).
        if let type, num.contains(where: { $0 > 0 }), type != .proportion || zip(num, den).allSatisfy({ $0 <= $1 }) {
            let d = type == .rate ? den.map { $0 * 1000 } : den
            let m = type == .rate ? 1000.0 : multiplier
            let options = IndicatorOptions(type: type, multiplier: m, overdispersion: .none)
            result.funnel = try IndicatorAnalysis.run(numerators: num, denominators: d, options: options)
            result.funnelDenominators = d
            result.funnelOptions = options
            result.funnelAdjusted = try IndicatorAnalysis.run(numerators: num, denominators: d,
                                                              options: IndicatorOptions(type: type, multiplier: m, overdispersion: .additive))
        }
        return result
    }
}
