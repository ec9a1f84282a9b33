import RxData

/// `summary.md`: a one-page, plain-English brief per ICB — current spend and uptake, the savings
/// under each scenario, the top practices by saving, and the assumptions.
public enum BiosimilarBrief {
    /// How many practices each ICB's brief lists.
    public static let topPractices = 5

    /// The brief as Markdown.
    public static func markdown(_ result: BiosimilarResult) -> String {
        let o = result.options
        let from = result.months.first?.description ?? "-", to = result.months.last?.description ?? "-"
        let basis = result.costBasis == .actual ? "actual cost" : "net ingredient cost (NIC)"
        var s = "# Biosimilar switch opportunities, \(from) to \(to)\n\n"
        s += "Figures are annualised (the period's \(result.months.count) months × 12 / \(result.months.count)) and use \(basis). "
        s += "Both NIC and actual cost are list-price based: they do not include the confidential discounts the NHS negotiates "
        s += "for biological medicines, so real savings differ; the sensitivity rows below show how they move with such a discount.\n\n"
        s += assumptions(result)

        // Row indices by ICB: the ICB's own rows, and its practices' rows.
        var icbRows: [String: [Int]] = [:], practiceRows: [String: [Int]] = [:]
        for (i, r) in result.opportunities.enumerated() {
            if r.level == .icb { icbRows[r.orgCode, default: []].append(i) }
            if r.level == .practice, let icb = result.practiceICB[r.orgCode] { practiceRows[icb, default: []].append(i) }
        }
        var nationalUptake: [String: Double] = [:]
        for r in result.opportunities where r.level == .nation { nationalUptake[r.molecule] = r.uptake }
        let icbs = icbRows.keys.sorted()
        if icbs.isEmpty { s += "\nNo ICB has catalogued prescribing in the period.\n" }
        for icb in icbs {
            let rows = icbRows[icb]!.map { result.opportunities[$0] }
            let name = rows.first?.orgName ?? icb
            s += "\n## \(name) (\(icb))\n\n"
            let spend = rows.reduce(0) { $0 + $1.originatorCost + $1.biosimilarCost + $1.genericCost }
            let full = rows.reduce(0) { $0 + $1.fullSwitch }, target = rows.reduce(0) { $0 + $1.targetUptake }
            let ppu = rows.reduce(0) { $0 + $1.pricePerUnit }
            s += "**Current spend** on the catalogued biological medicines: \(pounds(result.annualised(spend))) a year "
            s += "(originator \(pounds(result.annualised(rows.reduce(0) { $0 + $1.originatorCost }))), "
            s += "biosimilar \(pounds(result.annualised(rows.reduce(0) { $0 + $1.biosimilarCost }))), "
            s += "generic-level \(pounds(result.annualised(rows.reduce(0) { $0 + $1.genericCost })))).\n\n"
            s += "**Savings a year:** full switch to the best-value biosimilar \(pounds(result.annualised(full))); "
            s += "reaching \(percent(o.targetUptake)) uptake \(pounds(result.annualised(target))); "
            s += "every practice at the national 10th-percentile price per unit \(pounds(result.annualised(ppu))).\n\n"
            s += "| molecule | uptake | national uptake | originator spend/yr | full switch/yr | \(percent(o.targetUptake)) uptake/yr | price per unit/yr |\n"
            s += "|---|---:|---:|---:|---:|---:|---:|\n"
            for r in rows {
                let national = nationalUptake[r.molecule] ?? .nan
                let lags = r.uptake < national ? " (below)" : ""
                s += "| \(r.molecule) | \(r.uptake.isNaN ? "–" : percent(r.uptake) + lags) | \(national.isNaN ? "–" : percent(national)) | "
                s += "\(pounds(result.annualised(r.originatorCost))) | "
                s += "\(pounds(result.annualised(r.fullSwitch))) | \(pounds(result.annualised(r.targetUptake))) | "
                s += "\(pounds(result.annualised(r.pricePerUnit))) |\n"
            }
            s += "\n" + sensitivity(result, rows)
            // Top practices by target-uptake saving, all molecules.
            var byPractice: [String: (name: String?, target: Double, full: Double)] = [:]
            for i in practiceRows[icb] ?? [] {
                let r = result.opportunities[i]
                let old = byPractice[r.orgCode] ?? (r.orgName, 0, 0)
                byPractice[r.orgCode] = (old.name, old.target + r.targetUptake, old.full + r.fullSwitch)
            }
            let top = byPractice.sorted { ($0.value.target, $1.key) > ($1.value.target, $0.key) }.prefix(topPractices)
            s += "\n**Top practices by saving** (\(percent(o.targetUptake)) uptake, all molecules, a year):\n\n"
            if top.isEmpty || top.first!.value.target <= 0 {
                s += "No practice has a target-uptake saving.\n"
            } else {
                for (code, v) in top where v.target > 0 {
                    s += "- \(v.name ?? code) (\(code)): \(pounds(result.annualised(v.target))) "
                    s += "(full switch \(pounds(result.annualised(v.full))))\n"
                }
            }
        }
        let missing = result.prices.filter { !$0.note.isEmpty }
        if !missing.isEmpty {
            s += "\n## Groups with no switch saving\n\n"
            for g in missing { s += "- \(g.molecule), \(g.group): \(g.note).\n" }
        }
        let unclassified = result.unclassified
        if !unclassified.isEmpty {
            s += "\n## Unclassified presentations\n\n\(unclassified.count) presentation(s) of catalogued chemicals match no catalogue row "
            s += "and are left out of uptake and savings (listed in presentations.csv with role `unclassified`).\n"
        }
        return s
    }

    /// The assumptions, as a list.
    static func assumptions(_ result: BiosimilarResult) -> String {
        let o = result.options
        var s = "**Assumptions.**\n\n"
        s += "- Like-for-like comparison within equivalence groups of the catalogue (same strength and form, or named groups compared per common unit such as mg or units of insulin).\n"
        s += "- Best-value price: the lowest national unit cost among the group's biosimilars prescribed in the period.\n"
        s += "- Full switch: every originator unit at the best-value price. Target uptake: originator units switched until biosimilar uptake reaches \(percent(o.targetUptake)) (none where it already has).\n"
        s += "- Price per unit: OpenPrescribing's method — each practice at the \(Int(o.pricePerUnitCentile))th percentile of standard practices' unit cost in the group.\n"
        s += "- Generic-level prescribing (brand not identified) is reported but not in the uptake; excluded products are left out.\n"
        s += "- An organisation's saving is the sum of its practices' savings, each of which is never negative.\n"
        return s
    }

    /// A short sensitivity table: target uptake × discount, all molecules, a year.
    static func sensitivity(_ result: BiosimilarResult, _ rows: [BiosimilarOpportunity]) -> String {
        let o = result.options
        guard let first = rows.first, !first.sensitivity.isEmpty else { return "" }
        var grid = [Double](repeating: 0, count: first.sensitivity.count)
        for r in rows { for k in grid.indices { grid[k] += r.sensitivity[k] } }
        var s = "Sensitivity (a year, all molecules): target uptake down, assumed confidential discount off the best-value price across.\n\n"
        s += "| uptake | " + o.sensitivityDiscounts.map { "\(percent($0)) off" }.joined(separator: " | ") + " |\n"
        s += "|---|" + o.sensitivityDiscounts.map { _ in "---:" }.joined(separator: "|") + "|\n"
        for (i, t) in o.sensitivityUptakes.enumerated() {
            let cells = o.sensitivityDiscounts.indices.map { pounds(result.annualised(grid[i * o.sensitivityDiscounts.count + $0])) }
            s += "| \(percent(t)) | " + cells.joined(separator: " | ") + " |\n"
        }
        return s
    }

    /// Pounds, whole, with thousands separators.
    static func pounds(_ v: Double) -> String {
        guard v.isFinite else { return "–" }
        let n = Int64(v.rounded())
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (n < 0 ? "-£" : "£") + out
    }

    /// A fraction as a whole percentage.
    static func percent(_ v: Double) -> String { "\(Int((v * 100).rounded()))%" }
}
