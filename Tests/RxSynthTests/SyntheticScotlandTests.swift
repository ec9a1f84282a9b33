import Foundation
import Testing
import RxData
@testable import RxSynth

@Suite struct SyntheticScotlandTests {
    @Test func nationalScaleHasScotlandsShape() throws {
        let h = try ScottishHierarchy(practiceCount: 930, seed: 1)
        #expect(h.practices.count == 930)
        #expect(Set(h.practices.map(\.board)).count == 14 && Set(h.practices.map(\.hscp)).count == 31)
        #expect((130...170).contains(h.clusters.count), "about 150 clusters, not \(h.clusters.count)")
        #expect(Set(h.practices.map(\.code)).count == 930 && h.practices.allSatisfy { $0.code.count == 5 })
        // Every HSCP's practices are in the HSCP's own board.
        #expect(h.practices.allSatisfy { h.hscps[$0.hscp].parent == $0.board })
        // Greater Glasgow and Clyde has the most practices, the island boards the fewest.
        let perBoard = Dictionary(grouping: h.practices, by: { h.boards[$0.board].code }).mapValues(\.count)
        #expect(perBoard.max { $0.value < $1.value }?.key == "S08000031")
        #expect(perBoard["S08000025"]! < perBoard["S08000024"]!)
        let mean = Double(h.practices.map(\.baseListSize).reduce(0, +)) / 930
        #expect((5000...7000).contains(mean), "Scottish lists average about 6,000, not \(mean)")
    }

    @Test func filesAreDeterministicAndInPHSLayouts() throws {
        let config = SynthConfiguration(practices: 20, months: 4, seed: 9, start: YearMonth(year: 2024, month: 12)!,
                                        presentationsPerPractice: 60)
        let a = MemorySink(), b = MemorySink()
        try SyntheticScotland(config).writePITC(monthOffset: 1, to: a)
        try SyntheticScotland(config).writePITC(monthOffset: 1, to: b)
        #expect(a.bytes == b.bytes && !a.bytes.isEmpty)
        let lines = String(decoding: a.bytes, as: UTF8.self).split(separator: "\n")
        #expect(lines[0] == "HBT,GPPractice,DMDCode,BNFItemCode,BNFItemDescription,ClassOfPreparationCode,PrescribedType,NumberOfPaidItems,PaidQuantity,GrossIngredientCost,PaidDateMonth")
        #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",202501") })
        #expect(lines.contains { $0.contains(",99996,") } && lines.contains { $0.contains(",99999,") })
        let s = try SyntheticScotland(config)
        // Extracts: the first month (December) and each quarter's (January, April…).
        #expect((0..<4).filter(s.isExtractMonth) == [0, 1])
        #expect(s.populationsFileName(1) == "practice_listsizes_jan2025.csv" && s.contactFileName == "practice_contactdetails_dec2024.csv")
    }
}
