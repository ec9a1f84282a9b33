import RxAtlas
import RxData

extension HTMLReport {
    /// Chemical-share outliers (OpenPrescribing's static method): the highest z-scores at each
    /// level, low numbers left out of the table.
    func chemicalSection() -> String {
        var s = HTML.p("For each chemical in BNF chapters 1–17: the organisation's share of its BNF sub-paragraph's items, compared "
                       + "with all organisations at its level (z-score over the ratios between the 0.1th and 99.9th percentiles). "
                       + "The highest z-scores are listed; rows under \(Int(options.chemicalOptions.lowNumberItems)) items are left out.")
        for level in options.chemicalLevels {
            let units = Set(data.chemicalOutliers.filter { $0.level == level }.map(\.orgCode)).count
            if data.chemicalOutliers.contains(where: { $0.level == level && $0.fewUnits }) {
                s += HTML.p("\(levels.title(level)) level: only \(units) organisations, fewer than "
                            + "\(options.chemicalOptions.minimumUnits); a z-score across so few means nothing, so none is listed "
                            + "(chemical_outliers.csv keeps them, marked few_units).", className: "note")
                continue
            }
            let rows = data.chemicalOutliers.filter { $0.level == level && $0.rankHigh != nil && !$0.lowNumber }
                .sorted { ($0.z, $1.orgCode, $1.chemical) > ($1.z, $0.orgCode, $0.chemical) }
            s += table(HTMLTable(id: "chemical-\(MeasureOutput.levelName(level))",
                                 caption: "Highest chemical shares, \(levels.name(level)) level",
                                 columns: [("Organisation", false), ("Chemical", false), ("Items", true), ("Sub-paragraph items", true),
                                           ("Ratio", true), ("Mean", true), ("z", true)],
                                 rows: rows.map { r in
                                     [orgCell(r.level, r.orgCode), HTMLTable.Cell("\(r.chemicalName) (\(r.chemical))"),
                                      .number(r.chemicalItems, digits: 0), .number(r.subparagraphItems, digits: 0),
                                      .number(r.ratio, digits: 3), .number(r.mean, digits: 3), .number(r.z, digits: 2)]
                                 }, fullTableNote: "rxatlas outliers writes chemical_outliers.csv"))
        }
        return HTML.section("chemical-outliers", "Chemical outliers", s)
    }
}
