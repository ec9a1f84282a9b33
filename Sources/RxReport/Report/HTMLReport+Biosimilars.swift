import RxAtlas
import RxData

extension HTMLReport {
    /// Biosimilar opportunities: the national brief per molecule, the savings chart, the
    /// sensitivity grid, the ICBs and the top practices.
    func biosimilarsSection() -> String {
        guard let b = data.biosimilars else {
            return HTML.section("biosimilars", "Biosimilar opportunities",
                                HTML.p("No catalogued biological medicine was prescribed in the period."))
        }
        let o = b.options
        let target = ReportFormat.percent(o.targetUptake)
        var s = HTML.p("Annualised savings (the period's \(b.months.count) months × 12 / \(b.months.count)) at "
                       + (b.costBasis == .actual ? "actual cost" : "net ingredient cost")
                       + ". List prices do not include the confidential discounts negotiated for biological medicines, so real "
                       + "savings differ; the sensitivity grid shows how they move with such a discount. Full switch: every originator "
                       + "unit at the best-value biosimilar price. Target uptake: originator units switched until uptake reaches "
                       + "\(target). Price per unit: every practice at the \(Int(o.pricePerUnitCentile))th percentile unit cost.")
        let nation = b.opportunities.filter { $0.level == .nation }
        s += table(HTMLTable(id: "biosimilar-molecules", caption: "\(nationName), by molecule (a year)",
                             columns: Self.biosimilarColumns(target) + [("Why no saving", false)],
                             rows: nation.map { r in biosimilarCells(r, b) + [HTMLTable.Cell(b.noSavingReason(r) ?? "")] },
                             fullTableNote: "rxatlas biosimilars writes opportunities.csv"))
        let bars = nation.filter { $0.targetUptake > 0 }.sorted { $0.targetUptake > $1.targetUptake }
            .map { BarChart.Bar(label: $0.molecule, value: b.annualised($0.targetUptake)) }
        if !bars.isEmpty {
            s += HTML.figure(BarChart(title: "Saving a year at \(target) biosimilar uptake", subtitle: "\(nationName), by molecule",
                                      valueLabel: "£ a year", bars: bars, style: .waterfall, valuePrefix: "£").svg())
        }
        s += sensitivityTable(nation, id: "biosimilar-sensitivity", caption: "Sensitivity, \(nationName) (a year, all molecules)")
        s += table(HTMLTable(id: "biosimilar-icbs", caption: "\(levels.title(.icb))s by saving at \(target) uptake (a year, all molecules)",
                             columns: [(levels.title(.icb), false), ("Spend", true), ("Full-switch saving", true), ("Saving at \(target) uptake", true),
                                       ("Price-per-unit saving", true)],
                             rows: biosimilarTotals(level: .icb).map { t in
                                 [orgCell(.icb, t.code), .pounds(t.spend), .pounds(t.full), .pounds(t.target), .pounds(t.ppu)]
                             }, fullTableNote: "rxatlas biosimilars writes opportunities.csv"))
        s += table(HTMLTable(id: "biosimilar-practices", caption: "Top practices by saving at \(target) uptake (a year, all molecules)",
                             columns: [("Practice", false), (levels.title(.icb), false), ("Full-switch saving", true), ("Saving at \(target) uptake", true)],
                             rows: biosimilarTotals(level: .practice).prefix(options.maximumTableRows).filter { $0.target > 0 }.map { t in
                                 let icb = data.orgs.practices[t.code]?.parents[.icb] ?? ""
                                 return [orgCell(.practice, t.code), icb.isEmpty ? HTMLTable.Cell("–") : orgCell(.icb, icb),
                                         .pounds(t.full), .pounds(t.target)]
                             }, fullTableNote: "rxatlas biosimilars writes opportunities.csv"))
        return HTML.section("biosimilars", "Biosimilar opportunities", s)
    }

    /// The columns of a per-molecule savings row (``biosimilarCells(_:_:)``): every money column
    /// after uptake says whether it is spend or a saving.
    static func biosimilarColumns(_ target: String) -> [(String, Bool)] {
        [("Molecule", false), ("Uptake", true), ("Spend", true), ("Full-switch saving", true),
         ("Saving at \(target) uptake", true), ("Price-per-unit saving", true)]
    }

    /// One organisation's row for one molecule, annualised, under ``biosimilarColumns(_:)``.
    func biosimilarCells(_ r: BiosimilarOpportunity, _ b: BiosimilarResult) -> [HTMLTable.Cell] {
        [HTMLTable.Cell(r.molecule), HTMLTable.Cell(ReportFormat.percent(r.uptake), sort: r.uptake.isNaN ? -1 : r.uptake),
         .pounds(b.annualised(r.originatorCost + r.biosimilarCost + r.genericCost)),
         .pounds(b.annualised(r.fullSwitch)), .pounds(b.annualised(r.targetUptake)), .pounds(b.annualised(r.pricePerUnit))]
    }

    /// One organisation's savings summed over molecules, annualised.
    struct BiosimilarTotal {
        var code: String
        var spend = 0.0, full = 0.0, target = 0.0, ppu = 0.0
    }

    /// Every organisation's savings at a level, annualised, largest target-uptake saving first
    /// (computed once, in ``init(_:options:)``).
    func biosimilarTotals(level: OrgLevel) -> [BiosimilarTotal] { biosimilarTotalsByLevel[level] ?? [] }

    /// Every organisation's savings at a level, annualised, largest target-uptake saving first.
    static func biosimilarTotals(_ b: BiosimilarResult?, level: OrgLevel) -> [BiosimilarTotal] {
        guard let b else { return [] }
        var by: [String: BiosimilarTotal] = [:]
        for r in b.opportunities where r.level == level {
            var t = by[r.orgCode] ?? BiosimilarTotal(code: r.orgCode)
            t.spend += b.annualised(r.originatorCost + r.biosimilarCost + r.genericCost)
            t.full += b.annualised(r.fullSwitch)
            t.target += b.annualised(r.targetUptake)
            t.ppu += b.annualised(r.pricePerUnit)
            by[r.orgCode] = t
        }
        return by.values.sorted { ($0.target, $1.code) > ($1.target, $0.code) }
    }

    /// The target uptake × discount grid summed over `rows`, annualised.
    func sensitivityTable(_ rows: [BiosimilarOpportunity], id: String, caption: String) -> String {
        guard let b = data.biosimilars, let first = rows.first, !first.sensitivity.isEmpty else { return "" }
        let o = b.options
        var grid = [Double](repeating: 0, count: first.sensitivity.count)
        for r in rows { for k in grid.indices where k < r.sensitivity.count { grid[k] += r.sensitivity[k] } }
        let cols = o.sensitivityDiscounts.count
        return table(HTMLTable(id: id, caption: caption,
                               columns: [("Target uptake", false)] + o.sensitivityDiscounts.map { ("\(ReportFormat.percent($0)) discount", true) },
                               rows: o.sensitivityUptakes.enumerated().map { i, t in
                                   [HTMLTable.Cell(ReportFormat.percent(t), sort: t)]
                                       + (0..<cols).map { HTMLTable.Cell.pounds(b.annualised(grid[i * cols + $0])) }
                               }))
    }
}
