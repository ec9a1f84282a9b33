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

    /// Writes `trends.csv` into `directory`, atomically.
    public static func writeTrends(_ trends: [(measure: String, level: OrgLevel, period: ClosedRange<YearMonth>, trends: [MeasureTrend])],
                                   to directory: String) throws {
        try FileSystem.createDirectory(directory)
        func n(_ v: Double?) -> String { v.map { CSVWriter.number($0) } ?? "" }
        var rows: [[String]] = []
        for group in trends {
            for t in group.trends {
                rows.append([group.measure, MeasureOutput.levelName(group.level), t.orgCode, group.period.lowerBound.description,
                             group.period.upperBound.description, n(t.firstValue), n(t.lastValue), n(t.change), n(t.slope),
                             n(t.pValue), t.worstDecileEveryMonth ? "true" : "false", n(t.cusumFrom), n(t.cusumTo),
                             t.cusumMonths.map(String.init) ?? ""])
            }
        }
        try CSVWriter.write(path: directory + "/trends.csv", header: trendsHeader, count: rows.count) { rows[$0] }
    }

    /// Writes both files into `directory`, each atomically.
    public static func write(_ results: [AtlasResult], to directory: String) throws {
        try FileSystem.createDirectory(directory)
        func n(_ v: Double?) -> String { v.map { CSVWriter.number($0) } ?? "" }
        var summary: [[String]] = []
        var outliers: [[String]] = []
        for r in results {
            let s = r.summary
            let q = s?.quintileBreaks ?? []
            func count(_ f: IndicatorResult?, _ flag: FunnelFlag) -> String {
                f.map { String($0.funnel.flags.filter { $0 == flag }.count) } ?? ""
            }
            summary.append([r.measureID, MeasureOutput.levelName(r.level), r.period.lowerBound.description,
                            r.period.upperBound.description, String(r.units.count), n(s?.pooled), n(s?.pooledLower),
                            n(s?.pooledUpper), n(s?.minimum), n(s?.maximum), n(s?.foldRange), n(s?.foldRangeExcludingExtremes),
                            n(s?.p95ToP5), n(s?.p90ToP10)] + (0..<4).map { n(q.count == 4 ? q[$0] : nil) } +
                           [n(s?.coefficientOfVariation), n(s?.scvDiehr), n(s?.scvMcPherson), n(r.extremalQuotient),
                            n(r.funnelAdjusted?.summary.phi), n(r.funnelAdjusted?.summary.tau2),
                            count(r.funnel, .high95), count(r.funnel, .high998), count(r.funnel, .low95), count(r.funnel, .low998),
                            count(r.funnelAdjusted, .high95), count(r.funnelAdjusted, .high998),
                            count(r.funnelAdjusted, .low95), count(r.funnelAdjusted, .low998)])
            for (i, unit) in r.units.enumerated() {
                let value = r.numerators[i] / r.denominators[i] * r.multiplier
                outliers.append([r.measureID, MeasureOutput.levelName(r.level), unit, r.period.lowerBound.description,
                                 r.period.upperBound.description, n(r.numerators[i]), n(r.denominators[i]), n(value),
                                 n(r.funnel?.funnel.z[i]), r.funnel?.funnel.flags[i].rawValue ?? "",
                                 r.funnelAdjusted?.funnel.flags[i].rawValue ?? ""])
            }
        }
        try CSVWriter.write(path: directory + "/summary.csv", header: summaryHeader, count: summary.count) { summary[$0] }
        try CSVWriter.write(path: directory + "/outliers.csv", header: outliersHeader, count: outliers.count) { outliers[$0] }
    }
}
