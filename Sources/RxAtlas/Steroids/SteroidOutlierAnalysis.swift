import RxData
import RxStats

/// Funnel-plot outliers of one measure at one level, over a period and month by month: every
/// ranked unit's value with its 95% interval, Spiegelhalter z-score, flags at 95% and 99.8%
/// unadjusted and adjusted for overdispersion, persistence, and excess over the national rate.
///
/// - **Ranking population:** the units with a value (``ValueStatus/defined``: at practice level
///   standard GP practices; above, roll-ups of them). A unit whose denominator is below the
///   small-number minimum (``SteroidOutlierOptions/minimumItems`` items; for per-1,000 measures
///   the kernel's list-size minimum) is excluded from the ranking and listed with the reason.
/// - **National value:** Σnumerator / Σdenominator over the ranked units of the same period or
///   month; at practice level that is over the standard GP practices in the ranking. It is the
///   funnel's target. Units are ranked within their nation (``MeasureValues/nation``: a period
///   with two nations' prescribing has a table per nation), against their nation's value.
/// - **Statistics** (``RxStats/IndicatorAnalysis``, docs/STATISTICS.md): a percentage of items is
///   a proportion (Wilson interval; arcsine funnel); items per 1,000 patients a rate (exact/Byar's;
///   log-scale funnel on observed / expected = patients × national rate); SABA items per ICS item
///   a rate with ICS items as the exposure. A quantity is not a count of events: it gets its
///   value and excess, but no interval, z or flags.
/// - **z** is the unadjusted Spiegelhalter z (FunnelPlotR `Uzscore`); the adjusted flag uses
///   limits widened by ``SteroidOutlierOptions/overdispersion`` (φ and τ² estimated after 10%
///   winsorisation, as FunnelPlotR).
/// - **Excess** = numerator − denominator × national rate: for high-dose ICS, the high-dose
///   items the unit would not have prescribed at the national rate.
/// - **Persistence** (period rows): outside the adjusted 99.8% limit on the same side in at
///   least k of the last n months of the period.
public enum SteroidOutlierAnalysis {
    /// How a measure's counts are modelled.
    public enum CountModel: Sendable, Equatable {
        /// Items within items, × 100.
        case proportion
        /// Items per 1,000 patients (denominator in thousands).
        case perThousand
        /// Items per item of another kind (a rate whose exposure is the denominator's items).
        case perExposure
        /// Not a count of events (quantities, costs): value and excess only.
        case notCount
    }

    /// The model for a definition.
    public static func model(_ def: MeasureDefinition) -> CountModel {
        switch AtlasAnalysis.indicatorType(def) {
        case .proportion: return .proportion
        case .rate: return .perThousand
        default:
            return def.numerator.quantity == .items && def.denominator.quantity == .items && !def.isPercentage
                ? .perExposure : .notCount
        }
    }

    /// Period and month rows for one measure × level. Month rows cover every month of the
    /// period; period rows carry the persistence over its last ``SteroidOutlierOptions/persistenceMonths``.
    public static func run(_ values: MeasureValues, definition def: MeasureDefinition, period: ClosedRange<YearMonth>,
                           options: SteroidOutlierOptions = SteroidOutlierOptions()) throws -> [SteroidOutlierRow] {
        let model = model(def)
        let months = values.months.enumerated().filter { period.contains($0.element) }
        var monthRows: [[SteroidOutlierRow]] = []
        for (t, month) in months {
            var units: [Int] = [], num: [Double] = [], den: [Double] = [], small: [Int: String] = [:]
            for u in values.orgCodes.indices {
                let i = values.index(unit: u, month: t)
                switch values.status[i] {
                case .defined:
                    units.append(u)
                    num.append(values.numerator[i])
                    den.append(values.denominator[i])
                case .smallList:
                    small[u] = "list size below \(Int(options.minimumPatients)) patients"
                default: break
                }
            }
            monthRows.append(try rows(values, def: def, model: model, label: month.description, isPeriod: false,
                                      units: units, num: num, den: den, small: small, options: options))
        }

        // The period: Σ over the months each unit has a value.
        let totals = AtlasAnalysis.periodTotals(values, period: period)
        var small: [Int: String] = [:]
        let inTotals = Set(totals.units)
        for u in values.orgCodes.indices where !inTotals.contains(u) {
            if months.contains(where: { values.status[values.index(unit: u, month: $0.offset)] == .smallList }) {
                small[u] = "list size below \(Int(options.minimumPatients)) patients"
            }
        }
        let label = "\(period.lowerBound)/\(period.upperBound)"
        var periodRows = try rows(values, def: def, model: model, label: label, isPeriod: true, units: totals.units,
                                  num: totals.numerators, den: totals.denominators, small: small, options: options)

        // Persistence over the last n months.
        let window = monthRows.suffix(max(0, options.persistenceMonths))
        var high: [String: Int] = [:], low: [String: Int] = [:]
        for rows in window {
            for r in rows {
                if r.flagAdjusted == .high998 { high[r.orgCode, default: 0] += 1 }
                if r.flagAdjusted == .low998 { low[r.orgCode, default: 0] += 1 }
            }
        }
        for i in periodRows.indices where periodRows[i].flagAdjusted != nil {
            let code = periodRows[i].orgCode
            periodRows[i].persistent = high[code, default: 0] >= options.persistenceCount
                || low[code, default: 0] >= options.persistenceCount
        }
        return periodRows + monthRows.flatMap { $0 }
    }

    /// The ranked high outliers among period rows: adjusted flag `high95` or `high998`, by excess
    /// (largest first), numbered within each measure × level × nation.
    public static func rankedHighOutliers(_ rows: [SteroidOutlierRow]) -> [SteroidRankedOutlier] {
        let high = rows.filter { $0.isPeriod && ($0.flagAdjusted == .high95 || $0.flagAdjusted == .high998) }
        var out: [SteroidRankedOutlier] = []
        var groups: [String: [SteroidOutlierRow]] = [:]
        var order: [String] = []
        for r in high {
            let key = r.measureID + "\u{0}" + r.level.rawValue + "\u{0}" + (r.nation ?? "")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(r)
        }
        for key in order {
            let sorted = groups[key]!.sorted { ($0.excess, $1.orgCode) > ($1.excess, $0.orgCode) }
            for (k, r) in sorted.enumerated() { out.append(SteroidRankedOutlier(rank: k + 1, row: r)) }
        }
        return out
    }

    /// Rows for one period or month: the ranked units (small numbers set aside) and the excluded.
    static func rows(_ values: MeasureValues, def: MeasureDefinition, model: CountModel, label: String, isPeriod: Bool,
                     units: [Int], num: [Double], den: [Double], small: [Int: String],
                     options: SteroidOutlierOptions) throws -> [SteroidOutlierRow] {
        var small = small
        var ranked: [Int] = []
        // Per-1,000 measures: the kernel's list-size minimum already applied (status smallList).
        let minimum = def.denominator.quantity == .listSize ? 0 : options.minimumItems
        for k in units.indices {
            if den[k] < minimum {
                small[units[k]] = "denominator \(CSVWriter.number(den[k])) below \(CSVWriter.number(minimum))"
            } else {
                ranked.append(k)
            }
        }
        let n = ranked.map { num[$0] }, d = ranked.map { den[$0] }
        let stats = try funnel(numerators: n, denominators: d, model: model, def: def, options: options)
        var out: [SteroidOutlierRow] = []
        for (j, k) in ranked.enumerated() {
            let u = units[k]
            out.append(SteroidOutlierRow(
                measureID: def.id, level: values.level, orgCode: values.orgCodes[u], orgName: values.orgNames[u],
                period: label, isPeriod: isPeriod, numerator: n[j], denominator: d[j], value: stats.value[j],
                lower95: stats.lower95[j], upper95: stats.upper95[j], z: stats.z[j], flag: stats.flag[j],
                flagAdjusted: stats.flagAdjusted[j], persistent: nil, excess: n[j] - d[j] * stats.rate,
                national: stats.national, excludedReason: "", nation: values.nation))
        }
        let scale = def.isPercentage ? 100.0 : 1.0
        for k in units.indices where small[units[k]] != nil {
            let u = units[k]
            out.append(SteroidOutlierRow(
                measureID: def.id, level: values.level, orgCode: values.orgCodes[u], orgName: values.orgNames[u],
                period: label, isPeriod: isPeriod, numerator: num[k], denominator: den[k], value: num[k] / den[k] * scale,
                lower95: .nan, upper95: .nan, z: .nan, flag: nil, flagAdjusted: nil, persistent: nil, excess: .nan,
                national: stats.national, excludedReason: small[u]!, nation: values.nation))
        }
        let listed = Set(units)
        for (u, reason) in small.sorted(by: { $0.key < $1.key }) where !listed.contains(u) {
            out.append(SteroidOutlierRow(
                measureID: def.id, level: values.level, orgCode: values.orgCodes[u], orgName: values.orgNames[u],
                period: label, isPeriod: isPeriod, numerator: .nan, denominator: .nan, value: .nan, lower95: .nan,
                upper95: .nan, z: .nan, flag: nil, flagAdjusted: nil, persistent: nil, excess: .nan,
                national: stats.national, excludedReason: reason, nation: values.nation))
        }
        return out
    }

    /// The statistics of one ranking.
    struct Funnel {
        var value: [Double], lower95: [Double], upper95: [Double], z: [Double]
        var flag: [FunnelFlag?], flagAdjusted: [FunnelFlag?]
        /// Σnum/Σden (natural scale) and the national value (× 100 for a percentage).
        var rate: Double, national: Double
    }

    /// Values, intervals, z and flags for ranked units, against the national rate.
    static func funnel(numerators n: [Double], denominators d: [Double], model: CountModel, def: MeasureDefinition,
                       options: SteroidOutlierOptions) throws -> Funnel {
        let count = n.count
        let rate = n.reduce(0, +) / d.reduce(0, +)
        let scale = def.isPercentage ? 100.0 : 1.0
        var out = Funnel(value: zip(n, d).map { $0 / $1 * scale }, lower95: Array(repeating: .nan, count: count),
                         upper95: Array(repeating: .nan, count: count), z: Array(repeating: .nan, count: count),
                         flag: Array(repeating: nil, count: count), flagAdjusted: Array(repeating: nil, count: count),
                         rate: rate, national: count > 0 ? rate * scale : .nan)
        let type: IndicatorType, denominators: [Double], multiplier: Double
        switch model {
        case .notCount: return out
        case .proportion: (type, denominators, multiplier) = (.proportion, d, 100)
        case .perThousand: (type, denominators, multiplier) = (.rate, d.map { $0 * 1000 }, 1000)
        case .perExposure: (type, denominators, multiplier) = (.rate, d, 1)
        }
        guard count >= 2, rate > 0, n.allSatisfy({ $0 >= 0 }) else { return out }
        if type == .proportion && zip(n, d).contains(where: { $0 > $1 }) { return out }
        let target = model == .perThousand ? rate / 1000 : rate
        // As IndicatorAnalysis, with only what the rows need: the 95% interval, the plain
        // funnel (z, flag) and, when asked, the adjusted one (flag).
        let i95 = type == .proportion
            ? try WilsonInterval.intervals(numerators: n, denominators: denominators, confidence: 0.95, multiplier: multiplier)
            : try RateInterval.intervals(counts: n, denominators: denominators, confidence: 0.95, multiplier: multiplier)
        let (o, e, dataType, funnelScale, ft) = IndicatorAnalysis.spiegelhalterInputs(numerators: n, denominators: denominators,
                                                                                type: type, target: target)
        let trim: TrimMethod = options.trim > 0 ? .winsorise(options.trim) : .none
        let plain = try FunnelBatch.spiegelhalterFlags(numerators: o, denominators: e, dataType: dataType, target: ft,
                                                       method: .none, trim: trim, multiplier: multiplier * funnelScale)
        let adjusted = options.overdispersion == .none ? plain
            : try FunnelBatch.spiegelhalterFlags(numerators: o, denominators: e, dataType: dataType, target: ft,
                                                 method: options.overdispersion, trim: trim, multiplier: multiplier * funnelScale)
        out.lower95 = i95.lower
        out.upper95 = i95.upper
        out.z = plain.z
        out.flag = plain.flags
        out.flagAdjusted = adjusted.flags
        return out
    }
}
