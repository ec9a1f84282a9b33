import RxData
import RxStats

/// Writes the `rxatlas atlas` tables: `summary.csv` (one row per measure × level × period with
/// the variation statistics and outlier counts) and `outliers.csv` (every unit's value, z and
/// flags, unadjusted and adjusted for overdispersion).
public enum AtlasOutput {
    /// The `summary.csv` header.
    public static let summaryHeader = [
        "measure", "level", "from", "to", "units", "england", "england_lower95", "england_upper95", "min", "max",
        "fold_range", "fold_range_excl_5_5", "p95_p5", "p90_p10", "q20", "q40", "q60", "q80", "cv", "scv_diehr",
        "scv_mcpherson", "eq", "phi", "tau2", "high95", "high998", "low95", "low998", "high95_adjusted",
        "high998_adjusted", "low95_adjusted", "low998_adjusted",
    ]
    /// The `outliers.csv` header.
    public static let outliersHeader = ["measure", "level", "org_code", "from", "to", "numerator", "denominator", "value",
                                        "z", "flag", "flag_adjusted"]

    /// The `trends.csv` header.
    public static let trendsHeader = ["measure", "level", "org_code", "from", "to", "first_value", "last_value", "change",
                                      "slope_per_month", "p_trend", "worst_decile_every_month", "cusum_from", "cusum_to",
                                      "cusum_months"]

    /// The `trends` table (columns as ``trendsHeader``).
    public static func trendsTable(_ trends: [(measure: String, level: OrgLevel, period: ClosedRange<YearMonth>, trends: [MeasureTrend])])
        -> ResultTable {
        var rows: [[ResultValue]] = []
        for group in trends {
            for t in group.trends {
                rows.append([.text(group.measure), .text(MeasureOutput.levelName(group.level)), .text(t.orgCode),
                             .text(group.period.lowerBound.description), .text(group.period.upperBound.description),
                             .number(t.firstValue), .number(t.lastValue), .number(t.change), .number(t.slope), .number(t.pValue),
                             .boolean(t.worstDecileEveryMonth), .number(t.cusumFrom), .number(t.cusumTo), .count(t.cusumMonths)])
            }
        }
        let types: [ResultColumnType] = [.text, .text, .text, .text, .text, .real, .real, .real, .real, .real, .boolean, .real, .real,
                                         .integer]
        return ResultTable(name: "trends", columns: zip(trendsHeader, types).map { ResultColumn($0, $1) }, rows: rows)
    }

    /// Writes `trends.csv` into `directory`, atomically.
    public static func writeTrends(_ trends: [(measure: String, level: OrgLevel, period: ClosedRange<YearMonth>, trends: [MeasureTrend])],
                                   to directory: String) throws {
        try MeasureOutput.writeCSV([trendsTable(trends)], to: directory)
    }

    /// The `summary` and `outliers` tables (columns as ``summaryHeader`` and ``outliersHeader``).
    public static func tables(_ results: [AtlasResult]) -> [ResultTable] {
        var summary: [[ResultValue]] = []
        var outliers: [[ResultValue]] = []
        for r in results {
            let s = r.summary
            let q = s?.quintileBreaks ?? []
            func count(_ f: IndicatorResult?, _ flag: FunnelFlag) -> ResultValue {
                .count(f.map { $0.funnel.flags.filter { $0 == flag }.count })
            }
            let period: [ResultValue] = [.text(r.period.lowerBound.description), .text(r.period.upperBound.description)]
            summary.append([.text(r.measureID), .text(MeasureOutput.levelName(r.level))] + period +
                           [.count(r.units.count), .number(s?.pooled), .number(s?.pooledLower),
                            .number(s?.pooledUpper), .number(s?.minimum), .number(s?.maximum), .number(s?.foldRange),
                            .number(s?.foldRangeExcludingExtremes), .number(s?.p95ToP5), .number(s?.p90ToP10)] +
                           (0..<4).map { .number(q.count == 4 ? q[$0] : nil) } +
                           [.number(s?.coefficientOfVariation), .number(s?.scvDiehr), .number(s?.scvMcPherson),
                            .number(r.extremalQuotient), .number(r.funnelAdjusted?.summary.phi), .number(r.funnelAdjusted?.summary.tau2),
                            count(r.funnel, .high95), count(r.funnel, .high998), count(r.funnel, .low95), count(r.funnel, .low998),
                            count(r.funnelAdjusted, .high95), count(r.funnelAdjusted, .high998),
                            count(r.funnelAdjusted, .low95), count(r.funnelAdjusted, .low998)])
            for (i, unit) in r.units.enumerated() {
                let value = r.numerators[i] / r.denominators[i] * r.multiplier
                outliers.append([.text(r.measureID), .text(MeasureOutput.levelName(r.level)), .text(unit)] + period +
                                [.number(r.numerators[i]), .number(r.denominators[i]), .number(value),
                                 .number(r.funnel?.funnel.z[i]), .optionalText(r.funnel?.funnel.flags[i].rawValue),
                                 .optionalText(r.funnelAdjusted?.funnel.flags[i].rawValue)])
            }
        }
        let summaryTypes: [ResultColumnType] = [.text, .text, .text, .text, .integer] + Array(repeating: .real, count: 19)
            + Array(repeating: .integer, count: 8)
        let outlierTypes: [ResultColumnType] = [.text, .text, .text, .text, .text, .real, .real, .real, .real, .text, .text]
        return [
            ResultTable(name: "summary", columns: zip(summaryHeader, summaryTypes).map { ResultColumn($0, $1) }, rows: summary),
            ResultTable(name: "outliers", columns: zip(outliersHeader, outlierTypes).map { ResultColumn($0, $1) }, rows: outliers),
        ]
    }

    /// Writes `summary.csv` and `outliers.csv` into `directory`, each atomically.
    public static func write(_ results: [AtlasResult], to directory: String) throws {
        try MeasureOutput.writeCSV(tables(results), to: directory)
    }
}
