import Foundation
import Testing
import RxData
import RxStats
@testable import RxAtlas

/// OpenPrescribing's static chemical-share outliers: the aggregation, sub-paragraph ratios,
/// z-scores against an independent computation, top-k ranks and the low-number flag; and the
/// items kernel against the rows of a store.
@Suite struct ChemicalOutlierAnalysisTests {
    /// Practices A–F in two PCNs; X is not a standard practice. Chemicals: two in sub-paragraph
    /// 0212000 (B1, C1) and one alone in 0401010 (N1).
    static func fixture() -> (ChemicalItems, OrgDirectory) {
        let chemicals = ["0212000B0", "0212000C0", "0401010N0"]
        let rows: [(String, [Double], Bool, String)] = [
            ("A", [10, 30, 5], true, "P1"), ("B", [20, 20, 0], true, "P1"), ("C", [0, 40, 7], true, "P1"),
            ("D", [3, 1, 0], true, "P2"), ("E", [0, 0, 2], true, "P2"), ("F", [12, 12, 1], true, "P2"),
            ("X", [100, 0, 0], false, "P2"),
        ]
        var orgs = OrgDirectory()
        for r in rows {
            orgs.upsert(PracticeRecord(code: r.0, kind: .practice, setting: r.2 ? "4" : "1", parents: [.pcn: r.3]))
        }
        return (ChemicalItems(practiceCodes: rows.map(\.0), chemicals: chemicals, items: rows.flatMap(\.1),
                              isStandard: rows.map(\.2), orgs: orgs), orgs)
    }

    @Test func ratiosAndSubparagraphsAtPracticeLevel() {
        let (items, _) = Self.fixture()
        let l = ChemicalOutlierAnalysis.level(items, level: .practice)
        #expect(l.orgCodes == ["A", "B", "C", "D", "E", "F"], "non-standard X is left out")
        let a = l.orgCodes.firstIndex(of: "A")!, e = l.orgCodes.firstIndex(of: "E")!
        #expect(l.subparagraphItems[l.index(org: a, chemical: 0)] == 40 && l.subparagraphItems[l.index(org: a, chemical: 1)] == 40)
        #expect(l.ratio[l.index(org: a, chemical: 0)] == 0.25)
        #expect(l.ratio[l.index(org: e, chemical: 0)].isNaN, "no items in the sub-paragraph: no ratio")
        #expect(l.ratio[l.index(org: e, chemical: 2)] == 1)
        // Against the straightforward per-chemical computation.
        for c in 0..<3 {
            let column = (0..<6).map { l.ratio[l.index(org: $0, chemical: c)] }
            let ref = TrimmedColumnZScoresReference.stats(column)
            // Six ratios in [0, 1]: two computations in any summation order differ by at most
            // 2·γ₈ of each quantity's size (γₙ = nε/(1 − nε)), for every BLAS kernel.
            let gamma = 2 * 8 * Double.ulpOfOne
            #expect(abs(l.stats.mean[c] - ref.mean) <= gamma || (l.stats.mean[c].isNaN && ref.mean.isNaN), "mean \(c)")
            for u in 0..<6 {
                let z = l.stats.z[l.index(org: u, chemical: c)]
                let bound = gamma * (1 + abs(ref.z[u])) / max(l.stats.sd[c], .leastNormalMagnitude) + gamma * abs(ref.z[u])
                #expect(z.isNaN == ref.z[u].isNaN && (z.isNaN || abs(z - ref.z[u]) <= bound), "z \(u) \(c)")
            }
        }
    }

    @Test func pcnLevelSumsStandardPracticesOnly() {
        let (items, _) = Self.fixture()
        let l = ChemicalOutlierAnalysis.level(items, level: .pcn)
        #expect(l.orgCodes == ["P1", "P2"])
        // P2 = D + E + F (X excluded): B1 15, C1 13 → ratio 15/28.
        #expect(l.items[l.index(org: 1, chemical: 0)] == 15)
        // One division of exact integer totals: correctly rounded, so equal.
        #expect(l.ratio[l.index(org: 1, chemical: 0)] == 15.0 / 28)
        #expect(l.ratio[l.index(org: 0, chemical: 0)] == 30.0 / 120)
    }

    @Test func topRanksAndLowNumbers() {
        let (items, _) = Self.fixture()
        let l = ChemicalOutlierAnalysis.level(items, level: .practice)
        let rows = ChemicalOutlierAnalysis.rows(l, chemicalNames: ["0212000B0": "B one"], options: ChemicalOutlierOptions(top: 1))
        // Each practice lists its single highest and lowest z (one row when they coincide).
        for code in l.orgCodes {
            let mine = rows.filter { $0.orgCode == code }
            let u = l.orgCodes.firstIndex(of: code)!
            let zs = (0..<3).map { l.stats.z[l.index(org: u, chemical: $0)] }.filter(\.isFinite)
            // E prescribes nothing in 0212000, and N1 is alone in its sub-paragraph (ratio 1 or
            // missing everywhere, SD 0): E has no z and no rows.
            if zs.isEmpty { #expect(mine.isEmpty && code == "E"); continue }
            #expect(mine.filter { $0.rankHigh == 1 }.count == 1 && mine.filter { $0.rankLow == 1 }.count == 1, "\(code)")
            #expect(mine.first { $0.rankHigh == 1 }!.z == zs.max()!)
            #expect(mine.first { $0.rankLow == 1 }!.z == zs.min()!)
        }
        let d = rows.filter { $0.orgCode == "D" }
        #expect(d.allSatisfy { $0.lowNumber == ($0.chemicalItems < 5) })
        #expect(rows.first { $0.chemical == "0212000B0" }!.chemicalName == "B one")
        #expect(rows.allSatisfy { $0.subparagraph == String($0.chemical.prefix(7)) })
    }

    @Test func chemicalNamesComeFromGenericPresentations() {
        let names = ChemicalOutlierAnalysis.chemicalNames([
            BNFCode("0302000C0BPABBF")!: "Clenil Modulite_Inha 100mcg (200D)",
            BNFCode("0302000C0AABFBF")!: "Beclomet Diprop_Inha 100mcg (200 D) CFF",
            BNFCode("2100000000")!: "an appliance",
        ])
        #expect(names == ["0302000C0": "Beclomet Diprop"])
    }

    @Test func itemsKernelMatchesTheStoreRows() throws {
        let f = try KernelFixture()
        let items = try ChemicalItemsKernel.sum(store: f.store)
        #expect(items.chemicals == ["0301011R0", "0302000C0", "0302000N0", "0603020T0"])
        func cell(_ p: String, _ c: String) -> Double {
            items.items[items.practiceCodes.firstIndex(of: p)! * items.chemicals.count + items.chemicals.firstIndex(of: c)!]
        }
        // Fixture rows over both months.
        #expect(cell("A00001", "0302000C0") == 22 && cell("A00001", "0302000N0") == 38 && cell("A00001", "0301011R0") == 20)
        #expect(cell("A00001", "0603020T0") == 5 && cell("A00002", "0302000C0") == 4 && cell("A00003", "0302000C0") == 2)
        #expect(cell("-@01A", "0302000C0") == 3 && cell("Z00009", "0302000C0") == 0)
        let fixtureItems: [Double] = [3, 10, 30, 20, 5, 4, 1, 7, 12, 8, 2]
        #expect(items.items.reduce(0, +) == fixtureItems.reduce(0, +))
        let standard = Dictionary(uniqueKeysWithValues: zip(items.practiceCodes, items.isStandard))
        #expect(standard["A00001"] == true && standard["A00003"] == false && standard["-@01A"] == false)
    }
}

/// The straightforward statistics of one column (pandas-style), for the tests above.
enum TrimmedColumnZScoresReference {
    static func stats(_ column: [Double]) -> (mean: Double, z: [Double]) {
        let s = column.filter { !$0.isNaN }.sorted()
        guard !s.isEmpty else { return (.nan, column.map { _ in .nan }) }
        func q(_ p: Double) -> Double {
            let h = p * Double(s.count - 1), i = Int(h.rounded(.down))
            return i + 1 < s.count ? s[i] + (h - Double(i)) * (s[i + 1] - s[i]) : s[i]
        }
        let kept = s.filter { $0 >= q(0.001) && $0 <= q(0.999) }
        let mean = kept.reduce(0, +) / Double(kept.count)
        let sd = kept.count < 2 ? Double.nan : (kept.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(kept.count - 1)).squareRoot()
        return (mean, column.map { $0.isNaN || !(sd > 0) ? .nan : ($0 - mean) / sd })
    }
}
