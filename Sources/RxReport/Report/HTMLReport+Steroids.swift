import RxAtlas
import RxData

extension HTMLReport {
    /// Steroid outliers: the ranked high outliers by excess items, the funnel plots of the
    /// high-dose ICS and prednisolone measures, and the ICS classification counts.
    func steroidsSection() -> String {
        let st = data.steroids
        let unclassified = st.unclassified.count
        var s = HTML.p("\(st.classifications.count) ICS presentations prescribed in the period were classified by the BTS/NICE/SIGN 2024 "
                       + "daily-dose bands and by OpenPrescribing's per-actuation rule (\(unclassified) unclassified). Units are ranked "
                       + "among those outside the high funnel limits adjusted for overdispersion, by excess items over the national rate.")
        let ranked = st.ranked.filter { $0.row.level == .practice || $0.row.level == .icb }
            .sorted { ($0.row.level == .icb ? 0 : 1, $0.row.measureID, $0.rank) < ($1.row.level == .icb ? 0 : 1, $1.row.measureID, $1.rank) }
        s += table(HTMLTable(id: "steroid-ranked", caption: "Ranked high outliers (\(levels.plural(.icb)), then practices)",
                             columns: [("Measure", false), ("Level", false), ("Rank", true), ("Organisation", false), ("Value", true),
                                       ("National", true), ("Excess items", true), ("Flag", false), ("Persistent", false)],
                             rows: ranked.map { o in
                                 let r = o.row
                                 return [HTMLTable.Cell(measureName(r.measureID)), HTMLTable.Cell(levels.name(r.level)),
                                         HTMLTable.Cell(String(o.rank), sort: Double(o.rank)), orgCell(r.level, r.orgCode),
                                         .number(r.value, digits: 2), .number(r.national, digits: 2), .number(r.excess, digits: 0),
                                         HTMLTable.Cell(Self.flagText(r.flagAdjusted)),
                                         HTMLTable.Cell(r.persistent == true ? "yes" : r.persistent == false ? "no" : "–")]
                             }, fullTableNote: "rxatlas steroids writes high_outliers.csv and outliers.csv"))
        s += "<div class=\"charts\">"
        let names = practiceNames()
        // Funnels the measures section already draws are linked, not drawn twice.
        let drawn = Set(keyMeasures())
        for id in [SteroidMeasures.highDoseNICE, SteroidMeasures.highDoseOpenPrescribing, SteroidMeasures.prednisoloneItems] {
            if drawn.contains(id), let def = definitions[id] {
                s += "<p class=\"note\">\(HTML.escape(def.name)): funnel plot under <a href=\"#measure-\(HTML.identifier(id))\">Measures</a>.</p>"
                continue
            }
            guard let def = definitions[id],
                  let r = data.atlas.results.first(where: { $0.measureID == id && $0.level == .practice }),
                  var funnel = FunnelChart(atlas: r, title: def.name, names: names, valueLabel: AtlasCharts.valueLabel(def),
                                           denominatorLabel: AtlasCharts.denominatorLabel(def), levels: levels) else { continue }
            funnel.centreLabel = nationName
            s += HTML.figure(funnel.svg())
        }
        s += "</div>"
        return HTML.section("steroids", "Steroid outliers", s)
    }
}
