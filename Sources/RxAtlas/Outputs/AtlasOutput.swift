import RxData
import RxStats

/// Writes the `rxatlas atlas` tables: `summary.csv` (one row per measure × level × nation ×
/// period with the variation statistics, the nation's pooled value and outlier counts) and `outliers.csv` (every unit's value, z and
/// flags, unadjusted and adjusted for overdispersion).
public enum AtlasOutput {
    /// The `summary.csv` header.
    public static let summaryHeader = [
        "measure", "level", "nation", "from", "to", "units", "national", "national_lower95", "national_upper95", "min", "max",
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

    /// Writes `summary.csv`, `outliers.csv` and `trends.csv` into `directory` (created if
    /// needed), each atomically; tables are formatted in parallel into byte buffers.
    public static func write(_ run: AtlasRun, to directory: String) throws {
        try FileSystem.createDirectory(directory)
        let parts = try KernelParallel.map(run.results.count) { k in
            (summary: summaryRow(run.results[k]), outliers: outlierRows(run.results[k]), trends: trendRows(run.trends[k]))
        }
        try CSVWriter.write(path: directory + "/summary.csv", header: summaryHeader, chunks: parts.map(\.summary))
        try CSVWriter.write(path: directory + "/outliers.csv", header: outliersHeader, chunks: parts.map(\.outliers))
        try CSVWriter.write(path: directory + "/trends.csv", header: trendsHeader, chunks: parts.map(\.trends))
    }

    /// The same tables as ``write(_:to:)`` writes, as typed ``RxData/ResultTable``s for the
    /// SQLite and JSON writers: `summary`, `outliers` and `trends`.
    public static func tables(_ run: AtlasRun) -> [ResultTable] {
        var summary: [[ResultValue]] = []
        var outliers: [[ResultValue]] = []
        var trends: [[ResultValue]] = []
        for (r, group) in zip(run.results, run.trends) {
            let s = r.summary
            let q = s?.quintileBreaks ?? []
            func count(_ f: IndicatorResult?, _ flag: FunnelFlag) -> ResultValue {
                .count(f.map { $0.funnel.flags.filter { $0 == flag }.count })
            }
            let head: [ResultValue] = [.text(r.measureID), .text(MeasureOutput.levelName(r.level))]
            let period: [ResultValue] = [.text(r.period.lowerBound.description), .text(r.period.upperBound.description)]
            summary.append(head + [.text(r.nation ?? "")] + period +
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
                outliers.append(head + [.text(unit)] + period +
                                [.number(r.numerators[i]), .number(r.denominators[i]), .number(r.numerators[i] / r.denominators[i] * r.multiplier),
                                 .number(r.funnel?.funnel.z[i]), .optionalText(r.funnel?.funnel.flags[i].rawValue),
                                 .optionalText(r.funnelAdjusted?.funnel.flags[i].rawValue)])
            }
            let trendPeriod: [ResultValue] = [.text(group.period.lowerBound.description), .text(group.period.upperBound.description)]
            for t in group.trends {
                trends.append(head + [.text(t.orgCode)] + trendPeriod +
                              [.number(t.firstValue), .number(t.lastValue), .number(t.change), .number(t.slope), .number(t.pValue),
                               .boolean(t.worstDecileEveryMonth), .number(t.cusumFrom), .number(t.cusumTo), .count(t.cusumMonths)])
            }
        }
        func columns(_ names: [String], _ types: [ResultColumnType]) -> [ResultColumn] {
            zip(names, types).map { ResultColumn($0, $1) }
        }
        let summaryTypes: [ResultColumnType] = [.text, .text, .text, .text, .text, .integer] + Array(repeating: .real, count: 19)
            + Array(repeating: .integer, count: 8)
        let outlierTypes: [ResultColumnType] = [.text, .text, .text, .text, .text, .real, .real, .real, .real, .text, .text]
        let trendTypes: [ResultColumnType] = [.text, .text, .text, .text, .text, .real, .real, .real, .real, .real, .boolean,
                                              .real, .real, .integer]
        return [
            ResultTable(name: "summary", columns: columns(summaryHeader, summaryTypes), rows: summary),
            ResultTable(name: "outliers", columns: columns(outliersHeader, outlierTypes), rows: outliers),
            ResultTable(name: "trends", columns: columns(trendsHeader, trendTypes), rows: trends),
        ]
    }

    /// One `summary.csv` row.
    static func summaryRow(_ r: AtlasResult) -> CSVBuffer {
        let b = CSVBuffer(capacity: 512)
        let s = r.summary
        let q = s?.quintileBreaks ?? []
        func count(_ f: IndicatorResult?, _ flag: FunnelFlag) {
            if let f { b.integer(Int64(f.funnel.flags.filter { $0 == flag }.count)) } else { b.empty() }
        }
        b.text(r.measureID); b.text(MeasureOutput.levelName(r.level)); b.text(r.nation ?? "")
        b.text(r.period.lowerBound.description); b.text(r.period.upperBound.description)
        b.integer(Int64(r.units.count))
        for v in [s?.pooled, s?.pooledLower, s?.pooledUpper, s?.minimum, s?.maximum, s?.foldRange,
                  s?.foldRangeExcludingExtremes, s?.p95ToP5, s?.p90ToP10] { b.number(v) }
        for k in 0..<4 { b.number(q.count == 4 ? q[k] : nil) }
        for v in [s?.coefficientOfVariation, s?.scvDiehr, s?.scvMcPherson, r.extremalQuotient,
                  r.funnelAdjusted?.summary.phi, r.funnelAdjusted?.summary.tau2] { b.number(v) }
        for f in [r.funnel, r.funnelAdjusted] {
            for flag in [FunnelFlag.high95, .high998, .low95, .low998] { count(f, flag) }
        }
        b.endRow()
        return b
    }

    /// One measure × level's `outliers.csv` rows.
    static func outlierRows(_ r: AtlasResult) -> CSVBuffer {
        let b = CSVBuffer(capacity: r.units.count * 96)
        let head = CSVBuffer.preformatted([r.measureID, MeasureOutput.levelName(r.level)])
        let period = CSVBuffer.preformatted([r.period.lowerBound.description, r.period.upperBound.description])
        for (i, unit) in r.units.enumerated() {
            b.fields(head); b.text(unit); b.fields(period)
            b.number(r.numerators[i]); b.number(r.denominators[i]); b.number(r.numerators[i] / r.denominators[i] * r.multiplier)
            b.number(r.funnel?.funnel.z[i])
            b.text(r.funnel?.funnel.flags[i].rawValue ?? ""); b.text(r.funnelAdjusted?.funnel.flags[i].rawValue ?? "")
            b.endRow()
        }
        return b
    }

    /// One measure × level's `trends.csv` rows.
    static func trendRows(_ group: AtlasRun.Trends) -> CSVBuffer {
        let b = CSVBuffer(capacity: group.trends.count * 96)
        let head = CSVBuffer.preformatted([group.measureID, MeasureOutput.levelName(group.level)])
        let period = CSVBuffer.preformatted([group.period.lowerBound.description, group.period.upperBound.description])
        for t in group.trends {
            b.fields(head); b.text(t.orgCode); b.fields(period)
            for v in [t.firstValue, t.lastValue, t.change, t.slope, t.pValue] { b.number(v) }
            b.text(t.worstDecileEveryMonth ? "true" : "false")
            b.number(t.cusumFrom); b.number(t.cusumTo)
            if let m = t.cusumMonths { b.integer(Int64(m)) } else { b.empty() }
            b.endRow()
        }
        return b
    }
}
