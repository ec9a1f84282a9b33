import RxData

extension BiosimilarAnalysis {
    /// ``run(_:catalogue:options:molecules:)`` within each nation of the panel: a period holding
    /// two nations' prescribing gets each nation's prices (best-value unit cost, price-per-unit
    /// target over its own standard practices) and savings against them, with a nation-level row
    /// per nation. With one nation it is ``run(_:catalogue:options:molecules:)`` with the prices
    /// named by the nation.
    public static func runByNation(_ totals: BiosimilarTotals, catalogue: BiosimilarCatalogue,
                                   options: BiosimilarOptions = BiosimilarOptions(), molecules: [String] = []) throws -> BiosimilarResult {
        let groups = totals.panel.prescribersByNation()
        guard groups.count > 1 else {
            return try run(totals, catalogue: catalogue, options: options, molecules: molecules).named(nation: groups.first?.nation)
        }
        var parts: [BiosimilarResult] = []
        for (nation, members) in groups {
            let part = totals.restricted(to: members)
            guard part.count > 0 else { continue }
            parts.append(try run(part, catalogue: catalogue, options: options, molecules: molecules).named(nation: nation))
        }
        guard let first = parts.first else { return try run(totals, catalogue: catalogue, options: options, molecules: molecules) }
        return parts.count == 1 ? first : BiosimilarResult(merging: parts)
    }
}

extension BiosimilarResult {
    /// The result with its prices named as `nation`'s.
    func named(nation: String?) -> BiosimilarResult {
        var prices = self.prices
        for i in prices.indices { prices[i].nation = nation }
        var out = BiosimilarResult(months: months, costBasis: costBasis, options: options, molecules: molecules, prices: prices,
                                   opportunities: opportunities, timeCourse: timeCourse, presentations: presentations,
                                   practiceICB: practiceICB)
        out.coverage = coverage
        return out
    }

    /// One result from the results of disjoint sets of prescribers over the same period (one per
    /// nation): their prices side by side, their organisations' rows by level, their
    /// presentations' national totals summed.
    init(merging parts: [BiosimilarResult]) {
        let first = parts[0]
        let levelOrder = Dictionary(uniqueKeysWithValues: OrgLevel.allCases.enumerated().map { ($1, $0) })
        let rows = parts.flatMap { p in zip(p.opportunities, p.timeCourse) }
        // Each part lists level by level; the merged result does too, each level's parts in turn.
        let order = rows.indices.sorted { (levelOrder[rows[$0].0.level]!, $0) < (levelOrder[rows[$1].0.level]!, $1) }
        // Every part lists the same presentations (those of the period's catalogued chemicals).
        var presentations = first.presentations
        for p in parts.dropFirst() {
            for (i, u) in p.presentations.enumerated() where i < presentations.count && presentations[i].presentation.code == u.presentation.code {
                presentations[i].rows += u.rows
                presentations[i].quantity += u.quantity
                presentations[i].cost += u.cost
            }
        }
        self.init(months: first.months, costBasis: first.costBasis, options: first.options,
                  molecules: first.molecules,
                  prices: parts.flatMap(\.prices), opportunities: order.map { rows[$0].0 }, timeCourse: order.map { rows[$0].1 },
                  presentations: presentations,
                  practiceICB: parts.reduce(into: [:]) { $0.merge($1.practiceICB) { a, _ in a } })
    }
}
