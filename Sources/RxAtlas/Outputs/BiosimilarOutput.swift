import RxData

/// Writes the `rxatlas biosimilars` tables (each atomically): `opportunities.csv`, `prices.csv`,
/// `uptake_monthly.csv`, `switch_months.csv`, `sensitivity.csv`, `presentations.csv`; the
/// brief `summary.md` is ``BiosimilarBrief``. Money is in pounds to the penny, unit costs to
/// six decimals, quantities in each group's common unit; undefined values are empty.
public enum BiosimilarOutput {
    /// The `opportunities.csv` header (the CLI contract).
    public static let opportunitiesHeader = [
        "molecule", "level", "org_code", "org_name", "period_from", "period_to", "originator_quantity",
        "biosimilar_quantity", "generic_quantity", "originator_cost", "biosimilar_cost", "uptake", "saving_full_switch",
        "saving_target_uptake", "saving_ppu", "annualised_full_switch", "annualised_target_uptake",
    ]
    /// The `prices.csv` header.
    public static let pricesHeader = [
        "molecule", "group", "unit", "period_from", "period_to", "originator_quantity", "biosimilar_quantity",
        "generic_quantity", "originator_cost", "biosimilar_cost", "generic_cost", "originator_unit_cost",
        "best_value_unit_cost", "best_value_product", "best_value_brand", "biosimilar_products", "ppu_target",
        "ppu_peer_practices", "note",
    ]
    /// The `uptake_monthly.csv` header.
    public static let monthlyHeader = ["molecule", "level", "org_code", "org_name", "month", "originator_quantity",
                                       "biosimilar_quantity", "generic_quantity", "uptake"]
    /// The `switch_months.csv` header.
    public static let switchHeader = ["molecule", "level", "org_code", "org_name", "switch_month"]
    /// The `sensitivity.csv` header.
    public static let sensitivityHeader = ["molecule", "level", "org_code", "org_name", "target_uptake", "discount",
                                           "saving", "annualised_saving"]
    /// The `presentations.csv` header.
    public static let presentationsHeader = ["bnf_code", "bnf_name", "molecule", "role", "brand", "group", "unit", "factor",
                                             "rows", "quantity", "cost", "catalogue_line"]
    /// The molecule name of the all-molecule rows of `sensitivity.csv`.
    public static let allMolecules = "all"

    /// Writes every table and the brief into `directory` (created if needed).
    /// - Parameters:
    ///   - levels: the levels written to the per-organisation tables; `sensitivity.csv` holds
    ///     those above the practice (the practice when it is the only one).
    ///   - names: BNF names for `presentations.csv`.
    public static func write(_ result: BiosimilarResult, levels: [OrgLevel], names: [BNFCode: String] = [:],
                             to directory: String) throws {
        try FileSystem.createDirectory(directory)
        let from = result.months.first?.description ?? "", to = result.months.last?.description ?? ""
        let wanted = Set(levels)
        let rows = result.opportunities.filter { wanted.contains($0.level) }
        try CSVWriter.write(path: directory + "/opportunities.csv", header: opportunitiesHeader, count: rows.count) { i in
            let o = rows[i]
            return [o.molecule, MeasureOutput.levelName(o.level), o.orgCode, o.orgName ?? "", from, to,
                    quantity(o.originatorQuantity), quantity(o.biosimilarQuantity), quantity(o.genericQuantity),
                    MeasureOutput.money(o.originatorCost), MeasureOutput.money(o.biosimilarCost), fraction(o.uptake),
                    MeasureOutput.money(o.fullSwitch), MeasureOutput.money(o.targetUptake), MeasureOutput.money(o.pricePerUnit),
                    MeasureOutput.money(result.annualised(o.fullSwitch)), MeasureOutput.money(result.annualised(o.targetUptake))]
        }
        try CSVWriter.write(path: directory + "/prices.csv", header: pricesHeader, count: result.prices.count) { i in
            let g = result.prices[i]
            return [g.molecule, g.group, g.unit, from, to, quantity(g.originatorQuantity), quantity(g.biosimilarQuantity),
                    quantity(g.genericQuantity), MeasureOutput.money(g.originatorCost), MeasureOutput.money(g.biosimilarCost),
                    MeasureOutput.money(g.genericCost), fraction(g.originatorUnitCost), fraction(g.bestValueUnitCost),
                    g.bestValueProduct ?? "", g.bestValueBrand ?? "", String(g.biosimilarProducts),
                    fraction(g.pricePerUnitTarget), String(g.peerPractices), g.note]
        }
        let courses = result.timeCourse.filter { wanted.contains($0.level) }
        let T = result.months.count
        try CSVWriter.write(path: directory + "/uptake_monthly.csv", header: monthlyHeader, count: courses.count * T) { i in
            let c = courses[i / T], t = i % T
            return [c.molecule, MeasureOutput.levelName(c.level), c.orgCode, c.orgName ?? "", result.months[t].description,
                    quantity(c.originatorQuantity[t]), quantity(c.biosimilarQuantity[t]), quantity(c.genericQuantity[t]),
                    fraction(c.uptake(t))]
        }
        try CSVWriter.write(path: directory + "/switch_months.csv", header: switchHeader, count: courses.count) { i in
            let c = courses[i]
            return [c.molecule, MeasureOutput.levelName(c.level), c.orgCode, c.orgName ?? "", c.switchMonth?.description ?? ""]
        }
        let sensitivity = sensitivityRows(result, levels: sensitivityLevels(levels))
        try CSVWriter.write(path: directory + "/sensitivity.csv", header: sensitivityHeader, count: sensitivity.count) { sensitivity[$0] }
        let presentations = result.presentations
        try CSVWriter.write(path: directory + "/presentations.csv", header: presentationsHeader, count: presentations.count) { i in
            let p = presentations[i], c = p.presentation
            return [c.code.description, names[c.code] ?? "", p.molecule, c.role.rawValue, c.brand, c.group ?? "", c.unit,
                    c.group == nil ? "" : CSVWriter.number(c.factor), String(p.rows), quantity(p.quantity),
                    MeasureOutput.money(p.cost), c.line.map(String.init) ?? ""]
        }
        try AtomicFile.write(BiosimilarBrief.markdown(result), to: directory + "/summary.md")
    }

    /// The levels of `sensitivity.csv`: the requested ones above the practice, else the practice.
    public static func sensitivityLevels(_ levels: [OrgLevel]) -> [OrgLevel] {
        let above = levels.filter { $0 != .practice }
        return above.isEmpty ? levels : above
    }

    /// The sensitivity rows: per molecule (and all molecules) × organisation × uptake × discount.
    static func sensitivityRows(_ result: BiosimilarResult, levels: [OrgLevel]) -> [[String]] {
        let uptakes = result.options.sensitivityUptakes, discounts = result.options.sensitivityDiscounts
        var out: [[String]] = []
        for level in OrgLevel.allCases where levels.contains(level) {
            let rows = result.opportunities.filter { $0.level == level }
            var all: [String: (name: String?, grid: [Double])] = [:]
            func emit(_ molecule: String, _ code: String, _ name: String?, _ grid: [Double]) {
                var k = 0
                for t in uptakes {
                    for d in discounts {
                        out.append([molecule, MeasureOutput.levelName(level), code, name ?? "", fraction(t), fraction(d),
                                    MeasureOutput.money(grid[k]), MeasureOutput.money(result.annualised(grid[k]))])
                        k += 1
                    }
                }
            }
            for o in rows {
                emit(o.molecule, o.orgCode, o.orgName, o.sensitivity)
                let old = all[o.orgCode]?.grid ?? [Double](repeating: 0, count: o.sensitivity.count)
                all[o.orgCode] = (o.orgName, zip(old, o.sensitivity).map(+))
            }
            for code in all.keys.sorted() { emit(allMolecules, code, all[code]!.name, all[code]!.grid) }
        }
        return out
    }

    /// A quantity, to 10⁻⁵ (the store's precision).
    static func quantity(_ v: Double) -> String { CSVWriter.number((v * 100_000).rounded() / 100_000) }

    /// A ratio or unit cost, to six decimals.
    static func fraction(_ v: Double) -> String { CSVWriter.number((v * 1_000_000).rounded() / 1_000_000) }
}
