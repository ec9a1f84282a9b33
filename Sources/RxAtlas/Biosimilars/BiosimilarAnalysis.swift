import RxData
import RxStats

/// Biosimilar switch opportunities over a period, from the catalogued rows of the store
/// (``BiosimilarKernel``): uptake, best-value prices, the three savings, the sensitivity table,
/// the monthly time course and switch months, at every organisation level.
///
/// Definitions (docs/BIOSIMILARS.md): per equivalence group g, quantities in the group's common
/// unit (quantity × factor) and costs on the cost basis C, summed over the period per prescriber;
/// u_g = the lowest national unit cost among g's biosimilar products with quantity > 0;
/// full switch = max(0, C_orig − q_orig u_g); target uptake = switch_g × max(0, unit_orig − u_g);
/// price per unit = max(0, C − q × target_g) with target_g the 10th percentile of standard
/// practices' unit costs in g (OpenPrescribing). Each prescriber's molecule saving is the sum over
/// the molecule's groups; every level above sums its prescribers' (non-negative) savings.
public enum BiosimilarAnalysis {
    /// Runs the analysis.
    /// - Parameters:
    ///   - totals: the catalogued rows of the period.
    ///   - catalogue: the catalogue the rows were read with.
    ///   - options: the assumptions.
    ///   - molecules: the molecules to analyse (names, case-insensitive); empty for all.
    /// - Throws: ``RxData/InputError`` for a molecule the catalogue does not have.
    public static func run(_ totals: BiosimilarTotals, catalogue: BiosimilarCatalogue,
                           options: BiosimilarOptions = BiosimilarOptions(), molecules names: [String] = []) throws -> BiosimilarResult {
        let M = catalogue.molecules.count
        var selected = [Bool](repeating: names.isEmpty, count: M)
        for n in names {
            guard let i = catalogue.molecules.firstIndex(where: { $0.lowercased() == n.lowercased() }) else {
                throw InputError(file: catalogue.source, field: "molecule",
                                 reason: "unknown molecule '\(n)' (catalogued: \(catalogue.molecules.joined(separator: ", ")))")
            }
            selected[i] = true
        }
        let C = totals.cells.count, P = totals.practiceCodes.count, T = totals.months.count
        let classes = totals.cells.map { catalogue.classify($0)! }
        let scale = Double(FixedPoint.scale)

        // Equivalence groups, by molecule then name.
        var groups: [(name: String, molecule: Int, unit: String)] = []
        var groupOf = [Int](repeating: -1, count: C)
        var groupIndex: [String: Int] = [:]
        let grouped = (0..<C).filter { selected[classes[$0].molecule] && classes[$0].group != nil }
            .sorted { (classes[$0].molecule, classes[$0].group!) < (classes[$1].molecule, classes[$1].group!) }
        for c in grouped {
            let cls = classes[c]
            if groupIndex[cls.group!] == nil {
                groupIndex[cls.group!] = groups.count
                groups.append((cls.group!, cls.molecule, cls.unit))
            }
            groupOf[c] = groupIndex[cls.group!]!
        }
        let G = groups.count
        let groupsOfMolecule = (0..<M).map { m in (0..<G).filter { groups[$0].molecule == m } }

        // One pass over the rows: exact period sums per prescriber × presentation, national
        // sums per presentation, and monthly common-unit quantities per prescriber × molecule × role.
        let costs = totals.cost
        // Per presentation, as flat arrays (no struct copies per row): molecule, role slot, factor.
        let cellMolecule = classes.map(\.molecule), cellFactor = classes.map(\.factor)
        let cellSlot = (0..<C).map { c in groupOf[c] >= 0 ? (slot(classes[c].role) ?? -1) : -1 }
        var pq = [Int64](repeating: 0, count: P * C), pc = [Int64](repeating: 0, count: P * C)
        var nRows = [Int](repeating: 0, count: C), nq = [Int64](repeating: 0, count: C), nc = [Int64](repeating: 0, count: C)
        var rowOf = [Int32](repeating: -1, count: P * M)
        var rowPractice: [Int] = [], rowMolecule: [Int] = []
        var monthlyQ: [Double] = []
        for e in 0..<totals.count {
            let c = Int(totals.cell[e])
            let m = cellMolecule[c]
            guard selected[m] else { continue }
            let p = Int(totals.practice[e])
            let q = totals.quantity[e]
            pq[p * C + c] += q
            pc[p * C + c] += costs[e]
            nRows[c] += 1
            nq[c] += q
            nc[c] += costs[e]
            var row = Int(rowOf[p * M + m])
            if row < 0 {
                row = rowPractice.count
                rowOf[p * M + m] = Int32(row)
                rowPractice.append(p)
                rowMolecule.append(m)
                monthlyQ.append(contentsOf: repeatElement(0, count: T * 3))
            }
            let r = cellSlot[c]
            if r >= 0 {
                monthlyQ[(row * T + Int(totals.month[e])) * 3 + r] += Double(q) / scale * cellFactor[c]
            }
        }

        // Period quantities (common units) and costs per prescriber × group × role.
        var gq = [Double](repeating: 0, count: P * G * 3), gc = [Double](repeating: 0, count: P * G * 3)
        for p in 0..<P {
            for c in 0..<C where cellSlot[c] >= 0 && (pq[p * C + c] != 0 || pc[p * C + c] != 0) {
                let i = (p * G + groupOf[c]) * 3 + cellSlot[c]
                gq[i] += Double(pq[p * C + c]) / scale * cellFactor[c]
                gc[i] += Double(pc[p * C + c]) / scale
            }
        }

        let prices = groupPrices(groups: groups, groupOf: groupOf, classes: classes, catalogue: catalogue,
                                 nq: nq, nc: nc, gq: gq, gc: gc, isStandard: totals.isStandard, options: options)

        // Per prescriber × molecule: quantities, costs, savings and the sensitivity grid.
        let S = options.sensitivityUptakes.count * options.sensitivityDiscounts.count
        let F = Field.count + S
        let R = rowPractice.count
        var values = [Double](repeating: 0, count: R * F)
        let best = prices.map(\.bestValueUnitCost), ppuTarget = prices.map(\.pricePerUnitTarget)
        for row in 0..<R {
            let p = rowPractice[row], base = row * F
            for g in groupsOfMolecule[rowMolecule[row]] {
                let i = (p * G + g) * 3
                let qo = gq[i], qb = gq[i + 1], qg = gq[i + 2]
                let co = gc[i], cb = gc[i + 1], cg = gc[i + 2]
                let u = best[g]
                values[base + Field.qo] += qo; values[base + Field.qb] += qb; values[base + Field.qg] += qg
                values[base + Field.co] += co; values[base + Field.cb] += cb; values[base + Field.cg] += cg
                values[base + Field.full] += BiosimilarSavings.fullSwitch(originatorCost: co, originatorQuantity: qo, bestValue: u)
                values[base + Field.target] += BiosimilarSavings.targetUptake(
                    originatorCost: co, originatorQuantity: qo, biosimilarQuantity: qb, target: options.targetUptake, bestValue: u)
                values[base + Field.ppu] += BiosimilarSavings.pricePerUnit(
                    cost: co + cb + cg, quantity: qo + qb + qg, target: ppuTarget[g])
                var k = base + Field.count
                for t in options.sensitivityUptakes {
                    for d in options.sensitivityDiscounts {
                        values[k] += BiosimilarSavings.targetUptake(
                            originatorCost: co, originatorQuantity: qo, biosimilarQuantity: qb, target: t, bestValue: u * (1 - d))
                        k += 1
                    }
                }
            }
        }

        let practiceOfRow = rowPractice, moleculeOfRow = rowMolecule, monthlyOfRow = monthlyQ, valuesOfRow = values
        // Every level (in parallel): prescribers' rows summed into their organisation's.
        let levels = OrgLevel.allCases
        let perLevel = try KernelParallel.map(levels.count) { l -> ([BiosimilarOpportunity], [BiosimilarTimeCourse]) in
            let level = levels[l]
            // The panel's units of the level and each prescriber's unit.
            let units = totals.panel.level(level)
            let unitOf = units.unitOf
            var slot = [Int](repeating: -1, count: units.count * M)
            var rolled: [(unit: Int, molecule: Int)] = []
            var sums: [Double] = [], monthSums: [Double] = []
            for row in 0..<R {
                let c = Int(unitOf[practiceOfRow[row]])
                guard c >= 0 else { continue }
                var u = slot[c * M + moleculeOfRow[row]]
                if u < 0 {
                    u = rolled.count
                    slot[c * M + moleculeOfRow[row]] = u
                    rolled.append((c, moleculeOfRow[row]))
                    sums.append(contentsOf: repeatElement(0, count: F))
                    monthSums.append(contentsOf: repeatElement(0, count: T * 3))
                }
                for f in 0..<F { sums[u * F + f] += valuesOfRow[row * F + f] }
                for j in 0..<(T * 3) { monthSums[u * T * 3 + j] += monthlyOfRow[row * T * 3 + j] }
            }
            // Units are in code order, so their index orders them by code.
            let order = rolled.indices.sorted { (rolled[$0].molecule, rolled[$0].unit) < (rolled[$1].molecule, rolled[$1].unit) }
            var opportunities: [BiosimilarOpportunity] = [], courses: [BiosimilarTimeCourse] = []
            opportunities.reserveCapacity(order.count)
            courses.reserveCapacity(order.count)
            for u in order {
                let (c, m) = rolled[u]
                let code = units.codes[c]
                let v = sums[(u * F)..<((u + 1) * F)]
                let orgName = units.names[c]
                let molecule = catalogue.molecules[m]
                opportunities.append(BiosimilarOpportunity(
                    molecule: molecule, level: level, orgCode: code, orgName: orgName,
                    originatorQuantity: v[u * F + Field.qo], biosimilarQuantity: v[u * F + Field.qb],
                    genericQuantity: v[u * F + Field.qg], originatorCost: v[u * F + Field.co],
                    biosimilarCost: v[u * F + Field.cb], genericCost: v[u * F + Field.cg],
                    fullSwitch: v[u * F + Field.full], targetUptake: v[u * F + Field.target],
                    pricePerUnit: v[u * F + Field.ppu], sensitivity: Array(v[(u * F + Field.count)...])))
                let base = u * T * 3
                var course = BiosimilarTimeCourse(
                    molecule: molecule, level: level, orgCode: code, orgName: orgName,
                    originatorQuantity: (0..<T).map { monthSums[base + $0 * 3] },
                    biosimilarQuantity: (0..<T).map { monthSums[base + $0 * 3 + 1] },
                    genericQuantity: (0..<T).map { monthSums[base + $0 * 3 + 2] }, switchMonth: nil)
                course.switchMonth = BiosimilarSavings.switchMonth(
                    uptakes: course.uptakes, threshold: options.switchThreshold, hold: options.switchHoldMonths)
                    .map { totals.months[$0] }
                courses.append(course)
            }
            return (opportunities, courses)
        }
        let opportunities = perLevel.flatMap(\.0)
        let timeCourse = perLevel.flatMap(\.1)

        var practiceICB: [String: String] = [:]
        let icbs = totals.panel.level(.icb)
        for p in Set(rowPractice) where icbs.unitOf[p] >= 0 {
            practiceICB[totals.practiceCodes[p]] = icbs.codes[Int(icbs.unitOf[p])]
        }
        let presentations = (0..<C).filter { selected[classes[$0].molecule] }.map { c in
            BiosimilarPresentationUsage(presentation: classes[c], molecule: catalogue.molecules[classes[c].molecule],
                                        rows: nRows[c], quantity: Double(nq[c]) / scale, cost: Double(nc[c]) / scale)
        }
        return BiosimilarResult(months: totals.months, costBasis: totals.costBasis, options: options,
                                molecules: (0..<M).filter { selected[$0] }.map { catalogue.molecules[$0] },
                                prices: prices, opportunities: opportunities, timeCourse: timeCourse,
                                presentations: presentations, practiceICB: practiceICB)
    }

    /// Offsets of the per-row values (the sensitivity grid follows at ``count``).
    enum Field {
        static let qo = 0, qb = 1, qg = 2, co = 3, cb = 4, cg = 5, full = 6, target = 7, ppu = 8
        static let count = 9
    }

    /// The role's slot in the per-group sums (originator 0, biosimilar 1, generic 2), or nil.
    static func slot(_ role: BiosimilarRole) -> Int? {
        switch role {
        case .originator: 0
        case .biosimilar: 1
        case .generic: 2
        case .excluded, .unclassified: nil
        }
    }

    /// National prices per group: u_g and the product setting it, and the price-per-unit target.
    static func groupPrices(groups: [(name: String, molecule: Int, unit: String)], groupOf: [Int],
                            classes: [BiosimilarPresentationClass], catalogue: BiosimilarCatalogue,
                            nq: [Int64], nc: [Int64], gq: [Double], gc: [Double], isStandard: [Bool],
                            options: BiosimilarOptions) -> [BiosimilarGroupPrice] {
        let G = groups.count
        let scale = Double(FixedPoint.scale)
        var byRole = [Double](repeating: 0, count: G * 6)   // q o/b/g, cost o/b/g
        var products: [Int: [String: (q: Double, c: Double, brand: String)]] = [:]
        for c in classes.indices where groupOf[c] >= 0 {
            guard let r = slot(classes[c].role) else { continue }
            let g = groupOf[c]
            let q = Double(nq[c]) / scale * classes[c].factor, cost = Double(nc[c]) / scale
            byRole[g * 6 + r] += q
            byRole[g * 6 + 3 + r] += cost
            if classes[c].role == .biosimilar {
                let key = String(classes[c].code.description.prefix(11))
                let old = products[g, default: [:]][key] ?? (0, 0, classes[c].brand)
                products[g, default: [:]][key] = (old.q + q, old.c + cost, old.brand)
            }
        }
        let P = isStandard.count
        return (0..<G).map { g in
            var best = Double.nan
            var bestProduct: String? = nil, bestBrand: String? = nil
            var prescribed = 0
            for (key, v) in (products[g] ?? [:]).sorted(by: { $0.key < $1.key }) where v.q > 0 {
                prescribed += 1
                let unit = v.c / v.q
                if best.isNaN || unit < best { best = unit; bestProduct = key; bestBrand = v.brand }
            }
            var peers: [Double] = []
            for p in 0..<P where isStandard[p] {
                let i = (p * G + g) * 3
                let q = gq[i] + gq[i + 1] + gq[i + 2]
                if q > 0 { peers.append((gc[i] + gc[i + 1] + gc[i + 2]) / q) }
            }
            let target = BiosimilarSavings.pricePerUnitTarget(unitCosts: peers, centile: options.pricePerUnitCentile)
            let originatorUnit = BiosimilarSavings.unitCost(cost: byRole[g * 6 + 3], quantity: byRole[g * 6])
            let molecule = catalogue.molecules[groups[g].molecule]
            let note: String
            if prescribed == 0 {
                let listed = catalogue.entries.contains { $0.molecule == molecule && $0.role == .biosimilar }
                note = listed ? "no biosimilar prescribed in this group in the period: no switch saving"
                              : "the catalogue lists no biosimilar of \(molecule): no switch saving"
            } else if byRole[g * 6] <= 0 {
                note = "no originator prescribed in this group in the period: nothing to switch"
            } else if !(best < originatorUnit) {
                note = "the best-value biosimilar costs no less than the originator nationally"
            } else {
                note = ""
            }
            return BiosimilarGroupPrice(
                molecule: molecule, group: groups[g].name, unit: groups[g].unit,
                originatorQuantity: byRole[g * 6], biosimilarQuantity: byRole[g * 6 + 1], genericQuantity: byRole[g * 6 + 2],
                originatorCost: byRole[g * 6 + 3], biosimilarCost: byRole[g * 6 + 4], genericCost: byRole[g * 6 + 5],
                originatorUnitCost: originatorUnit, bestValueUnitCost: best, bestValueProduct: bestProduct,
                bestValueBrand: bestBrand, biosimilarProducts: prescribed, pricePerUnitTarget: target,
                peerPractices: peers.count, note: note)
        }
    }
}
