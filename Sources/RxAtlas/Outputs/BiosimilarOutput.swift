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
        "ppu_peer_practices", "note", "nation",
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

    /// Every table, typed, for CSV, SQLite and JSON alike: `opportunities`, `prices`,
    /// `uptake_monthly`, `switch_months`, `sensitivity` and `presentations`.
    /// - Parameters:
    ///   - levels: the levels of the per-organisation tables; `sensitivity` holds those above the
    ///     practice (the practice when it is the only one).
    ///   - names: BNF names for `presentations`.
    public static func tables(_ result: BiosimilarResult, levels: [OrgLevel], names: [BNFCode: String] = [:]) -> [ResultTable] {
        func columns(_ names: [String], _ types: [ResultColumnType]) -> [ResultColumn] {
            zip(names, types).map { ResultColumn($0, $1) }
        }
        let from = result.months.first?.description ?? "", to = result.months.last?.description ?? ""
        let wanted = Set(levels)
        let rows = result.opportunities.filter { wanted.contains($0.level) }
        let prices = result.prices
        let courses = result.timeCourse.filter { wanted.contains($0.level) }
        let months = result.months
        let T = months.count
        let sensitivity = sensitivityRows(result, levels: sensitivityLevels(levels))
        let presentations = result.presentations
        let key: [ResultColumnType] = [.text, .text, .text, .text]
        return [
            ResultTable(name: "opportunities",
                        columns: columns(opportunitiesHeader, key + [.text, .text, .real, .real, .real, .pounds, .pounds, .real]
                                                                + Array(repeating: .pounds, count: 5)),
                        rowCount: rows.count) { i in
                let o = rows[i]
                return [.text(o.molecule), .text(MeasureOutput.levelName(o.level)), .text(o.orgCode), .optionalText(o.orgName),
                        .text(from), .text(to), quantity(o.originatorQuantity), quantity(o.biosimilarQuantity),
                        quantity(o.genericQuantity), .number(o.originatorCost), .number(o.biosimilarCost), fraction(o.uptake),
                        .number(o.fullSwitch), .number(o.targetUptake), .number(o.pricePerUnit),
                        .number(result.annualised(o.fullSwitch)), .number(result.annualised(o.targetUptake))]
            },
            ResultTable(name: "prices",
                        columns: columns(pricesHeader, [.text, .text, .text, .text, .text, .real, .real, .real, .pounds, .pounds,
                                                        .pounds, .real, .real, .text, .text, .integer, .real, .integer, .text, .text]),
                        rowCount: prices.count) { i in
                let g = prices[i]
                return [.text(g.molecule), .text(g.group), .text(g.unit), .text(from), .text(to), quantity(g.originatorQuantity),
                        quantity(g.biosimilarQuantity), quantity(g.genericQuantity), .number(g.originatorCost),
                        .number(g.biosimilarCost), .number(g.genericCost), fraction(g.originatorUnitCost),
                        fraction(g.bestValueUnitCost), .optionalText(g.bestValueProduct), .optionalText(g.bestValueBrand),
                        .count(g.biosimilarProducts), fraction(g.pricePerUnitTarget), .count(g.peerPractices), .text(g.note),
                        .text(g.nation ?? "")]
            },
            ResultTable(name: "uptake_monthly", columns: columns(monthlyHeader, key + [.text, .real, .real, .real, .real]),
                        rowCount: courses.count * T) { i in
                let c = courses[i / T], t = i % T
                return [.text(c.molecule), .text(MeasureOutput.levelName(c.level)), .text(c.orgCode), .optionalText(c.orgName),
                        .text(months[t].description), quantity(c.originatorQuantity[t]), quantity(c.biosimilarQuantity[t]),
                        quantity(c.genericQuantity[t]), fraction(c.uptake(t))]
            },
            ResultTable(name: "switch_months", columns: columns(switchHeader, key + [.text]), rowCount: courses.count) { i in
                let c = courses[i]
                return [.text(c.molecule), .text(MeasureOutput.levelName(c.level)), .text(c.orgCode), .optionalText(c.orgName),
                        .optionalText(c.switchMonth?.description)]
            },
            ResultTable(name: "sensitivity", columns: columns(sensitivityHeader, key + [.real, .real, .pounds, .pounds]),
                        rows: sensitivity),
            ResultTable(name: "presentations",
                        columns: columns(presentationsHeader, [.text, .text, .text, .text, .text, .text, .text, .real, .integer,
                                                               .real, .pounds, .integer]),
                        rowCount: presentations.count) { i in
                let p = presentations[i], c = p.presentation
                return [.text(c.code.description), .optionalText(names[c.code]), .text(p.molecule), .text(c.role.rawValue),
                        .text(c.brand), .optionalText(c.group), .text(c.unit), c.group == nil ? .null : .number(c.factor),
                        .count(p.rows), quantity(p.quantity), .number(p.cost), .count(c.line)]
            },
        ]
    }

    /// Writes every table as CSV and the brief (`summary.md`) into `directory` (created if
    /// needed); see ``tables(_:levels:names:)``.
    public static func write(_ result: BiosimilarResult, levels: [OrgLevel], names: [BNFCode: String] = [:],
                             to directory: String) throws {
        try MeasureOutput.writeCSV(tables(result, levels: levels, names: names), to: directory)
        try AtomicFile.write(BiosimilarBrief.markdown(result), to: directory + "/summary.md")
    }

    /// The levels of `sensitivity.csv`: the requested ones above the practice, else the practice.
    public static func sensitivityLevels(_ levels: [OrgLevel]) -> [OrgLevel] {
        let above = levels.filter { $0 != .practice }
        return above.isEmpty ? levels : above
    }

    /// The sensitivity rows: per molecule (and all molecules) × organisation × uptake × discount.
    static func sensitivityRows(_ result: BiosimilarResult, levels: [OrgLevel]) -> [[ResultValue]] {
        let uptakes = result.options.sensitivityUptakes, discounts = result.options.sensitivityDiscounts
        var out: [[ResultValue]] = []
        for level in OrgLevel.allCases where levels.contains(level) {
            let rows = result.opportunities.filter { $0.level == level }
            var all: [String: (name: String?, grid: [Double])] = [:]
            func emit(_ molecule: String, _ code: String, _ name: String?, _ grid: [Double]) {
                var k = 0
                for t in uptakes {
                    for d in discounts {
                        out.append([.text(molecule), .text(MeasureOutput.levelName(level)), .text(code), .optionalText(name),
                                    fraction(t), fraction(d), .number(grid[k]), .number(result.annualised(grid[k]))])
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
    static func quantity(_ v: Double) -> ResultValue { .number((v * 100_000).rounded() / 100_000) }

    /// A ratio or unit cost, to six decimals.
    static func fraction(_ v: Double) -> ResultValue { .number((v * 1_000_000).rounded() / 1_000_000) }
}
