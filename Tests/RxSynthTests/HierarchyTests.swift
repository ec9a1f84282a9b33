import Testing
@testable import RxSynth

@Suite("Organisation hierarchy")
struct HierarchyTests {
    @Test("national scale: 7 regions, 42 ICBs, 106 sub-ICBs, 1,250 PCNs, 6,500 prescribers")
    func national() throws {
        let h = try OrgHierarchy(practiceCount: 6500, seed: 1)
        #expect(h.regions.count == 7)
        #expect(h.icbs.count == 42)
        #expect(Set(h.icbs.map(\.onsCode)).count == 42)
        #expect(h.subICBs.count == 106)
        #expect(h.pcns.count == 1250)
        #expect(h.practices.count == 6500)
        #expect(Set(h.practices.map(\.code)).count == 6500)
        // every level is non-empty and consistent
        for p in h.practices {
            #expect(h.pcns[p.pcn].subICB == p.subICB)
            #expect(h.subICBs[p.subICB].icb == p.icb)
            #expect(h.icbs[p.icb].region == p.region)
        }
        #expect(Set(h.practices.map(\.pcn)).count == 1250)
        #expect(Set(h.practices.map(\.subICB)).count == 106)
        let nonStandard = h.practices.filter { $0.setting != 4 }
        #expect(nonStandard.count > 20 && nonStandard.allSatisfy { !$0.hasListSize })
        #expect(h.practices.contains { $0.setting == 4 && !$0.hasListSize })
    }

    @Test("150 practices sit in a few ICBs of one or two regions")
    func sample() throws {
        let h = try OrgHierarchy(practiceCount: 150, seed: 42)
        #expect((2...6).contains(h.icbs.count))
        #expect((1...2).contains(h.regions.count))
        #expect(h.subICBs.count >= h.icbs.count)
        #expect((20...40).contains(h.pcns.count))
    }

    @Test("list sizes spread as in England")
    func listSizes() throws {
        let h = try OrgHierarchy(practiceCount: 6500, seed: 11)
        let sizes = h.practices.filter(\.isStandardPractice).map(\.baseListSize).sorted()
        let mean = Double(sizes.reduce(0, +)) / Double(sizes.count)
        #expect(mean > 8_800 && mean < 10_200)
        let median = sizes[sizes.count / 2]
        #expect(Double(median) < mean)                           // right-skewed
        let under1000 = sizes.filter { $0 < 1000 }.count
        #expect(under1000 > 0 && under1000 < sizes.count / 50)  // few under 1,000
        #expect(sizes.filter { $0 > 30_000 }.count >= 3)         // some over 30,000
    }
}
