import RxData
import RxStats

/// OpenPrescribing's static chemical-share outliers (ebmdatalab/outliers `lib/outliers.py`,
/// `StaticOutlierStats`; the published OpenPrescribing "outliers" pages), for practices, PCNs,
/// sub-ICBs and ICBs, all chemicals at once:
///
/// 1. items per organisation × chemical over the period (chapters 01–17); organisations above
///    the practice sum their standard GP practices, and the practice level is the standard
///    practices (OpenPrescribing's `standard_practice` grouping);
/// 2. each chemical's sub-paragraph items (chars 1–7) per organisation; every chemical seen at
///    the level is zero-filled for every organisation (`fill_zeroes`);
/// 3. ratio = chemical items / sub-paragraph items, missing where the organisation has no
///    sub-paragraph items;
/// 4. per chemical, mean and sample SD over the ratios between the 0.1th and 99.9th percentiles
///    (`trim_outliers`), z = (ratio − mean) / SD (``RxStats/TrimmedColumnZScores``, on BLAS);
/// 5. per organisation, the `top` highest and lowest z (`sort_pick_top`, ties by chemical
///    code), flagged `low_number` when the chemical items are under 5.
///
/// A period holding two nations' prescribing is analysed per nation (``levels(_:level:options:)``):
/// an organisation's z is against its own nation's organisations.
public enum ChemicalOutlierAnalysis {
    /// The statistics of one level, one per nation of the panel
    /// (``PracticePanel/prescribersByNation()``): ``level(_:level:including:options:)`` over each
    /// nation's standard practices apart (with one nation, over every standard practice).
    public static func levels(_ items: ChemicalItems, level: OrgLevel,
                              options: ChemicalOutlierOptions = ChemicalOutlierOptions()) -> [ChemicalOutlierLevel] {
        items.panel.prescribersByNation().compactMap { nation, members in
            let mask = zip(items.isStandard, members).map { $0 && $1 }
            guard mask.contains(true) else { return nil }
            var part = self.level(items, level: level, including: mask, options: options)
            part.nation = nation
            return part
        }
    }

    /// The statistics of one level over the standard practices (or the prescribers `including`
    /// admits, when given).
    public static func level(_ items: ChemicalItems, level: OrgLevel, including: [Bool]? = nil,
                             options: ChemicalOutlierOptions = ChemicalOutlierOptions()) -> ChemicalOutlierLevel {
        let C = items.chemicals.count
        // The panel's one roll-up over the standard practices; units without one are left out.
        let rolled = items.panel.rollUp(items.items, width: C, to: level, including: including ?? items.isStandard)
        let kept = rolled.units.codes.indices.filter { rolled.members[$0] > 0 }
        let codes = kept.map { rolled.units.codes[$0] }
        let U = codes.count
        var x = [Double](repeating: 0, count: U * C)
        for (u, unit) in kept.enumerated() {
            for c in 0..<C { x[c * U + u] = rolled.sums[unit * C + c] }
        }
        // Sub-paragraph totals: chemicals are sorted, so a sub-paragraph is a run of columns.
        var sub = [Double](repeating: 0, count: U * C)
        var start = 0
        while start < C {
            let prefix = items.chemicals[start].prefix(7)
            var end = start + 1
            while end < C && items.chemicals[end].prefix(7) == prefix { end += 1 }
            for u in 0..<U {
                var s = 0.0
                for c in start..<end { s += x[c * U + u] }
                for c in start..<end { sub[c * U + u] = s }
            }
            start = end
        }
        let ratio = (0..<(U * C)).map { sub[$0] > 0 ? x[$0] / sub[$0] : Double.nan }
        let stats = TrimmedColumnZScores.compute(ratio, rows: U, columns: C, lower: options.lowerPercentile,
                                                 upper: options.upperPercentile)
        return ChemicalOutlierLevel(level: level, orgCodes: codes, chemicals: items.chemicals, items: x,
                                    subparagraphItems: sub, ratio: ratio, stats: stats)
    }

    /// The listed rows of a level: per organisation, the `top` highest and lowest z among the
    /// chemicals with a z, in organisation then chemical order.
    public static func rows(_ level: ChemicalOutlierLevel, chemicalNames: [String: String],
                            options: ChemicalOutlierOptions = ChemicalOutlierOptions()) -> [ChemicalOutlierRow] {
        let C = level.chemicals.count
        var out: [ChemicalOutlierRow] = []
        for u in level.orgCodes.indices {
            func z(_ c: Int) -> Double { level.stats.z[level.index(org: u, chemical: c)] }
            // Chemicals are in code order, so "ties by chemical code" is "ties by column".
            let high = top(options.top, of: C, where: { z($0).isFinite }) { a, b in z(a) > z(b) || (z(a) == z(b) && a < b) }
            let low = top(options.top, of: C, where: { z($0).isFinite }) { a, b in z(a) < z(b) || (z(a) == z(b) && a < b) }
            var rankHigh: [Int: Int] = [:], rankLow: [Int: Int] = [:]
            for (k, c) in high.enumerated() { rankHigh[c] = k + 1 }
            for (k, c) in low.enumerated() { rankLow[c] = k + 1 }
            for c in Set(high).union(low).sorted() {
                let i = level.index(org: u, chemical: c)
                let chem = level.chemicals[c]
                out.append(ChemicalOutlierRow(
                    level: level.level, orgCode: level.orgCodes[u], chemical: chem, chemicalName: chemicalNames[chem] ?? "",
                    subparagraph: String(chem.prefix(7)), chemicalItems: level.items[i],
                    subparagraphItems: level.subparagraphItems[i], ratio: level.ratio[i], mean: level.stats.mean[c],
                    sd: level.stats.sd[c], z: level.stats.z[i], rankHigh: rankHigh[c], rankLow: rankLow[c],
                    lowNumber: level.items[i] < options.lowNumberItems, fewUnits: level.orgCodes.count < options.minimumUnits,
                    nation: level.nation))
            }
        }
        return out
    }

    /// The first `k` of `0 ..< count` (those passing `include`) in the order `before`, by one
    /// pass keeping a sorted list of at most `k` (k is small: OpenPrescribing lists 5).
    static func top(_ k: Int, of count: Int, where include: (Int) -> Bool, _ before: (Int, Int) -> Bool) -> [Int] {
        var best: [Int] = []
        best.reserveCapacity(k + 1)
        for c in 0..<count where include(c) {
            if best.count == k, let last = best.last, !before(c, last) { continue }
            var i = best.count
            while i > 0 && before(c, best[i - 1]) { i -= 1 }
            best.insert(c, at: i)
            if best.count > k { best.removeLast() }
        }
        return best
    }

    /// Chemical names from presentation names: the name of the chemical's first generic
    /// presentation (product `AA`), else its first presentation, cut at the NHSBSA's `_`
    /// (`Beclomet Diprop_Inha 50mcg` → `Beclomet Diprop`).
    public static func chemicalNames(_ presentations: [BNFCode: String]) -> [String: String] {
        var best: [String: (generic: Bool, code: BNFCode, name: String)] = [:]
        for (code, name) in presentations {
            guard let chem = ChemicalItems.chemical(of: code) else { continue }
            let candidate = (generic: code.isGeneric, code: code, name: name)
            if let b = best[chem], (b.generic && !candidate.generic) || (b.generic == candidate.generic && b.code < code) { continue }
            best[chem] = candidate
        }
        return best.mapValues { b in
            let cut = b.name.split(separator: "_", maxSplits: 1).first.map(String.init) ?? b.name
            return cut.trimmingCharacters(in: .whitespaces)
        }
    }
}
