import RxAtlas
import RxData
import RxStats

extension HTMLReport {
    /// The overview: period, organisations, and the headline counts of every section.
    func overviewSection() -> String {
        let practices = data.orgs.practices.values
        let icbs = Set(practices.compactMap { $0.parents[.icb] })
        let practiceResults = results(at: .practice)
        let flagged = Set(practiceResults.flatMap { r in
            r.units.indices.filter { r.funnelAdjusted?.funnel.flags[$0].isOutside998 ?? false }.map { r.units[$0] }
        })
        var cards: [(String, String)] = [
            ("Period", "\(data.period.lowerBound) – \(data.period.upperBound)"),
            ("Practices reported", ReportFormat.number(Double(practiceResults.map(\.units.count).max() ?? 0), digits: 0)),
            (levels.title(.icb) + "s", String(icbs.count)),
            ("Measures", String(Set(data.atlas.results.map(\.measureID)).count)),
            ("Practices outside 99.8% limits", ReportFormat.number(Double(flagged.count), digits: 0)),
            ("Ranked high steroid outliers", ReportFormat.number(Double(data.steroids.ranked.count), digits: 0)),
        ]
        if let b = data.biosimilars {
            let nation = b.opportunities.filter { $0.level == .nation }
            cards.append(("Biosimilar saving a year (\(ReportFormat.percent(b.options.targetUptake)) uptake)",
                          ReportFormat.pounds(b.annualised(nation.reduce(0) { $0 + $1.targetUptake }))))
        }
        var s = "<div class=\"cards\">"
        for (label, value) in cards { s += "<div class=\"card\"><span class=\"muted\">\(HTML.escape(label))</span><b>\(HTML.escape(value))</b></div>" }
        s += "</div>"
        s += HTML.p("Every figure is computed from the store at \(data.storePath) for \(data.period.lowerBound)–\(data.period.upperBound). "
                    + "Funnel flags use limits adjusted for overdispersion where the data show it; the methods section lists the definitions and data.")
        s += HTML.p("Use the search box to find everything about one practice, \(levels.name(.pcn)), \(levels.name(.subICB)) or "
                    + "\(levels.name(.icb)). Click a column heading to sort a table.",
                    className: "note")
        return HTML.section("overview", "Overview", s)
    }
}
