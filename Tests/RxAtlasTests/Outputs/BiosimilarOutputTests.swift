import Foundation
import Testing
import RxData
@testable import RxAtlas

/// The `rxatlas biosimilars` files over the hand-made fixture.
@Suite struct BiosimilarOutputTests {
    static func read(_ path: String) throws -> [[String]] {
        try CSVRecordReader.read(path: path).map(\.fields)
    }

    @Test func writesTheContractFiles() throws {
        let f = try BiosimilarFixture()
        let result = try f.result()
        let out = f.dir.appendingPathComponent("out").path
        try BiosimilarOutput.write(result, levels: [.practice, .icb, .nation],
                                   names: [BiosimilarFixture.unknown: "Unknownmab 40mg"], to: out)

        let opportunities = try Self.read(out + "/opportunities.csv")
        #expect(opportunities[0] == ["molecule", "level", "org_code", "org_name", "period_from", "period_to",
                                     "originator_quantity", "biosimilar_quantity", "generic_quantity", "originator_cost",
                                     "biosimilar_cost", "uptake", "saving_full_switch", "saving_target_uptake", "saving_ppu",
                                     "annualised_full_switch", "annualised_target_uptake"])
        let a = try #require(opportunities.first { $0[0] == "testmab" && $0[2] == "A00001" })
        #expect(a == ["testmab", "practice", "A00001", "Name A00001", "2025-01", "2025-04", "85", "20", "0", "900.00",
                      "120.00", "0.190476", "400.00", "350.00", "280.00", "1200.00", "1050.00"])
        #expect(!opportunities.contains { $0[1] == "pcn" })   // levels not asked for are not written
        let nation = try #require(opportunities.first { $0[0] == "testmab" && $0[1] == "nation" })
        #expect(nation[12] == "800.00" && nation[15] == "2400.00")

        let prices = try Self.read(out + "/prices.csv")
        let aa = try #require(prices.first { $0[1] == "1001030S0 AA" })
        #expect(aa[12] == "5" && aa[13] == "1001030S0BD" && aa[16] == "6.4")

        let sensitivity = try Self.read(out + "/sensitivity.csv")
        #expect(sensitivity[0] == ["molecule", "level", "org_code", "org_name", "target_uptake", "discount", "saving", "annualised_saving"])
        #expect(!sensitivity.contains { $0[1] == "practice" })
        // All molecules, ICB Q1, 100% uptake, no discount: the full switch, £650.
        #expect(sensitivity.contains { $0[0] == "all" && $0[2] == "Q1" && $0[4] == "1" && $0[5] == "0" && $0[6] == "650.00" })

        let monthly = try Self.read(out + "/uptake_monthly.csv")
        #expect(monthly.contains { $0[2] == "C00003" && $0[4] == "2025-02" && $0[6] == "10" && $0[8] == "1" })
        let switches = try Self.read(out + "/switch_months.csv")
        #expect(switches.contains { $0[0] == "testmab" && $0[2] == "C00003" && $0[4] == "2025-01" })
        #expect(switches.contains { $0[0] == "testmab" && $0[2] == "A00001" && $0[4] == "" })

        let presentations = try Self.read(out + "/presentations.csv")
        #expect(presentations.contains { $0[0] == "1001030S0BZAAAA" && $0[1] == "Unknownmab 40mg" && $0[3] == "unclassified" && $0[8] == "1" && $0[9] == "7" })

        let brief = try String(contentsOfFile: out + "/summary.md", encoding: .utf8)
        #expect(brief.contains("## First ICB (Q1)") && brief.contains("## Second ICB (Q2)"))
        #expect(brief.contains("list-price based"))
        #expect(brief.contains("Name A00001 (A00001): £1,050"))
        #expect(brief.contains("nobios"))
        #expect(brief.contains("Unclassified presentations"))
    }

    @Test func sensitivityLevels() {
        #expect(BiosimilarOutput.sensitivityLevels([.practice, .icb]) == [.icb])
        #expect(BiosimilarOutput.sensitivityLevels([.practice]) == [.practice])
    }
}
