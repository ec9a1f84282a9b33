import RxData
import RxStats

/// Writes the `rxatlas steroids` tables into a directory, each atomically:
/// - `outliers.csv`: every measure × level × unit over the period and in each month (see
///   ``outliersHeader``); units excluded by the small-number rule have empty z, flags and excess;
/// - `small_numbers.csv`: those excluded units with the reason;
/// - `high_outliers.csv`: the ranked high outliers (adjusted flag high) of the measures where
///   low is good, by excess, ranked within each nation;
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
    public static let rankedHeader = ["measure", "level", "nation", "rank", "org_code", "org_name", "period", "numerator", "denominator",
                                      "value", "lower95", "upper95", "national", "difference", "ratio", "excess", "z", "flag",
                                      "flag_adjusted", "persistent"]
    /// The `ics_classification.csv` header.
    public static let classificationHeader = ["bnf_code", "name", "chemical", "generic_equivalent", "device", "ics", "particle",
                                              "combination", "mcg_per_actuation", "actuations_per_day", "daily_mcg",
                                              "nice2024_class", "nice2024_rule", "openprescribing_high_dose",
                                              "openprescribing_rule", "matched_by", "rule_source"]
    /// The `unclassified.csv` header.
    public static let unclassifiedHeader = ["bnf_code", "name", "chemical", "generic_equivalent", "reason"]

    /// The five tables (`outliers`, `small_numbers`, `high_outliers`, `ics_classification`,
    /// `unclassified`), typed, for CSV, SQLite and JSON alike.
    public static func tables(_ report: SteroidReport) -> [ResultTable] {
        func columns(_ names: [String], _ types: [ResultColumnType]) -> [ResultColumn] {
            zip(names, types).map { ResultColumn($0, $1) }
        }
        let rows = report.rows
        let small = rows.filter { !$0.excludedReason.isEmpty }
        let ranked = report.ranked
        let classes = report.classifications
        let unclassified = report.unclassified
        let key: [ResultColumnType] = [.text, .text, .text, .text, .text]
        @Sendable func head(_ r: SteroidOutlierRow) -> [ResultValue] {
            [.text(r.measureID), .text(MeasureOutput.levelName(r.level)), .text(r.orgCode), .optionalText(r.orgName), .text(r.period)]
        }
        @Sendable func code(_ c: ICSClassification) -> [ResultValue] {
            let text = c.code.description
            return [.text(text), .optionalText(c.name), .text(String(text.prefix(9))), .text(String(text.suffix(2)))]
        }
        return [
            ResultTable(name: "outliers", columns: columns(outliersHeader, key + Array(repeating: .real, count: 6) + [.text, .text, .boolean, .real]),
                        rowCount: rows.count) { i in
                let r = rows[i]
                return head(r) + [.number(r.numerator), .number(r.denominator), .number(r.value), .number(r.lower95),
                                  .number(r.upper95), .number(r.z), .optionalText(r.flag?.rawValue),
                                  .optionalText(r.flagAdjusted?.rawValue), r.persistent.map(ResultValue.boolean) ?? .null,
                                  .number(r.excess)]
            },
            ResultTable(name: "small_numbers", columns: columns(smallNumbersHeader, key + [.real, .real, .text]),
                        rowCount: small.count) { i in
                let r = small[i]
                return head(r) + [.number(r.numerator), .number(r.denominator), .text(r.excludedReason)]
            },
            ResultTable(name: "high_outliers",
                        columns: columns(rankedHeader, [.text, .text, .text, .integer, .text, .text, .text] + Array(repeating: .real, count: 10)
                                                       + [.text, .text, .boolean]),
                        rowCount: ranked.count) { i in
                let o = ranked[i], r = o.row
                return [.text(r.measureID), .text(MeasureOutput.levelName(r.level)), .text(r.nation ?? ""), .count(o.rank), .text(r.orgCode),
                        .optionalText(r.orgName), .text(r.period), .number(r.numerator), .number(r.denominator), .number(r.value),
                        .number(r.lower95), .number(r.upper95), .number(r.national), .number(o.difference), .number(o.ratio),
                        .number(r.excess), .number(r.z), .optionalText(r.flag?.rawValue), .optionalText(r.flagAdjusted?.rawValue),
                        r.persistent.map(ResultValue.boolean) ?? .null]
            },
            ResultTable(name: "ics_classification",
                        columns: columns(classificationHeader, Array(repeating: .text, count: 8) + [.real, .real, .real]
                                                               + Array(repeating: .text, count: 6)),
                        rowCount: classes.count) { i in
                let c = classes[i], rule = c.rule
                return code(c) + [.optionalText(rule?.device.rawValue), .optionalText(rule?.ics), .optionalText(rule?.particle),
                                  .optionalText(rule?.combination), .number(rule?.mcgPerActuation), .number(rule?.actuationsPerDay),
                                  .number(rule?.dailyMcg), .text(c.nice2024?.rawValue ?? "unclassified"), .text(c.nice2024Rule),
                                  .text(c.openPrescribing.map { $0 == .excluded ? "excluded" : ($0 == .high ? "true" : "false") } ?? "unclassified"),
                                  .text(c.openPrescribingRule), .text(c.matchedBy),
                                  .optionalText(rule.map { "ics_dose_rules.csv line \($0.line): \($0.source)" })]
            },
            ResultTable(name: "unclassified", columns: columns(unclassifiedHeader, Array(repeating: .text, count: 5)),
                        rowCount: unclassified.count) { i in
                let c = unclassified[i]
                return code(c) + [.text(c.unclassifiedReason)]
            },
        ]
    }

    /// Writes the five tables as CSV files into `directory`.
    public static func write(_ report: SteroidReport, to directory: String) throws {
        try MeasureOutput.writeCSV(tables(report), to: directory)
    }
}
