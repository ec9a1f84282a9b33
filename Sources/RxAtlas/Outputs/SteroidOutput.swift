import RxData
import RxStats

/// Writes the `rxatlas steroids` tables into a directory, each atomically:
/// - `outliers.csv`: every measure × level × unit over the period and in each month (see
///   ``outliersHeader``); units excluded by the small-number rule have empty z, flags and excess;
/// - `small_numbers.csv`: those excluded units with the reason;
/// - `high_outliers.csv`: the ranked high outliers (adjusted flag high) of the measures where
///   low is good, by excess;
/// - `ics_classification.csv`: every ICS presentation of the period with its class under both
///   rules and the rule that placed it;
/// - `unclassified.csv`: the ICS presentations no rule placed, with the reason.
public enum SteroidOutput {
    /// The `outliers.csv` header.
    public static let outliersHeader = ["measure", "level", "org_code", "org_name", "period", "numerator", "denominator",
                                        "value", "lower95", "upper95", "z", "flag", "flag_adjusted", "persistent", "excess"]
    /// The `small_numbers.csv` header.
    public static let smallNumbersHeader = ["measure", "level", "org_code", "org_name", "period", "numerator", "denominator", "reason"]
    /// The `high_outliers.csv` header.
    public static let rankedHeader = ["measure", "level", "rank", "org_code", "org_name", "period", "numerator", "denominator",
                                      "value", "lower95", "upper95", "national", "difference", "ratio", "excess", "z", "flag",
                                      "flag_adjusted", "persistent"]
    /// The `ics_classification.csv` header.
    public static let classificationHeader = ["bnf_code", "name", "chemical", "generic_equivalent", "device", "ics", "particle",
                                              "combination", "mcg_per_actuation", "actuations_per_day", "daily_mcg",
                                              "nice2024_class", "nice2024_rule", "openprescribing_high_dose",
                                              "openprescribing_rule", "matched_by", "rule_source"]
    /// The `unclassified.csv` header.
    public static let unclassifiedHeader = ["bnf_code", "name", "chemical", "generic_equivalent", "reason"]

    /// Writes the five files.
    public static func write(_ report: SteroidReport, to directory: String) throws {
        try FileSystem.createDirectory(directory)
        func n(_ v: Double) -> String { CSVWriter.number(v) }
        func flag(_ f: FunnelFlag?) -> String { f?.rawValue ?? "" }
        func yes(_ b: Bool?) -> String { b.map { $0 ? "true" : "false" } ?? "" }
        let rows = report.rows
        try CSVWriter.write(path: directory + "/outliers.csv", header: outliersHeader, count: rows.count) { i in
            let r = rows[i]
            return [r.measureID, MeasureOutput.levelName(r.level), r.orgCode, r.orgName ?? "", r.period, n(r.numerator),
                    n(r.denominator), n(r.value), n(r.lower95), n(r.upper95), n(r.z), flag(r.flag), flag(r.flagAdjusted),
                    yes(r.persistent), n(r.excess)]
        }
        let small = rows.filter { !$0.excludedReason.isEmpty }
        try CSVWriter.write(path: directory + "/small_numbers.csv", header: smallNumbersHeader, count: small.count) { i in
            let r = small[i]
            return [r.measureID, MeasureOutput.levelName(r.level), r.orgCode, r.orgName ?? "", r.period, n(r.numerator),
                    n(r.denominator), r.excludedReason]
        }
        let ranked = report.ranked
        try CSVWriter.write(path: directory + "/high_outliers.csv", header: rankedHeader, count: ranked.count) { i in
            let o = ranked[i], r = o.row
            return [r.measureID, MeasureOutput.levelName(r.level), String(o.rank), r.orgCode, r.orgName ?? "", r.period,
                    n(r.numerator), n(r.denominator), n(r.value), n(r.lower95), n(r.upper95), n(r.national), n(o.difference),
                    n(o.ratio), n(r.excess), n(r.z), flag(r.flag), flag(r.flagAdjusted), yes(r.persistent)]
        }
        let classes = report.classifications
        try CSVWriter.write(path: directory + "/ics_classification.csv", header: classificationHeader, count: classes.count) { i in
            let c = classes[i], code = c.code.description, rule = c.rule
            return [code, c.name ?? "", String(code.prefix(9)), String(code.suffix(2)), rule?.device.rawValue ?? "",
                    rule?.ics ?? "", rule?.particle ?? "", rule?.combination ?? "",
                    rule?.mcgPerActuation.map(n) ?? "", rule?.actuationsPerDay.map(n) ?? "", rule?.dailyMcg.map(n) ?? "",
                    c.nice2024?.rawValue ?? "unclassified", c.nice2024Rule,
                    c.openPrescribing.map { $0 == .excluded ? "excluded" : ($0 == .high ? "true" : "false") } ?? "unclassified",
                    c.openPrescribingRule, c.matchedBy, rule.map { "ics_dose_rules.csv line \($0.line): \($0.source)" } ?? ""]
        }
        let unclassified = report.unclassified
        try CSVWriter.write(path: directory + "/unclassified.csv", header: unclassifiedHeader, count: unclassified.count) { i in
            let c = unclassified[i], code = c.code.description
            return [code, c.name ?? "", String(code.prefix(9)), String(code.suffix(2)), c.unclassifiedReason]
        }
    }
}
