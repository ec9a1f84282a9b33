import Foundation
import Testing
import RxData
import RxReference
@testable import RxAtlas
import RxReport

/// Scotland end to end on files in the published layouts (``ScottishFixture``): the hierarchy,
/// the quarterly list sizes, the cost basis and the report's names.
@Suite struct ScotlandEndToEndTests {
    @Test func hierarchyNamesAndClassesFollowScotland() throws {
        let f = try ScottishFixture()
        let orgs = try f.store.readOrgs()
        let a = try #require(orgs.practices["10002"])
        #expect(a.name == "Muirhead Medical Centre")
        #expect(a.parents == [.pcn: "S37000007/Dundee West", .subICB: "S37000007", .icb: "S08000030", .nation: "S92000003"],
                "the 2014 Tayside code of January is the current one")
        #expect(orgs.names[.icb]?["S08000030"] == "NHS Tayside" && orgs.names[.subICB]?["S37000033"] == "Perth and Kinross")
        #expect(orgs.names[.nation]?["S92000003"] == "Scotland")
        #expect(orgs.names[.icb]?["S08000027"] == nil && !orgs.practices.values.contains { $0.parents[.icb] == "S08000027" })
        let scan = try StoreScan(store: f.store, period: nil)
        let panel = try PracticePanel(store: f.store, scan: scan)
        #expect(panel.classes[panel.id(of: "10002")!] == .standardPractice)
        #expect(panel.classes[panel.id(of: "99996@S08000030")!] == .nonPractice, "community pharmacy: kept, never ranked")
        #expect(panel.level(.icb).unitOf[panel.id(of: "99996@S08000027")!] == panel.level(.icb).unitOf[panel.id(of: "99996@S08000030")!],
                "January's bucket under the 2014 code rolls up to the same board")
        #expect(panel.level(.region).count == 0, "Scotland has no region level")
        #expect(panel.level(.icb).codes == ["S08000030"] && panel.level(.subICB).codes == ["S37000007", "S37000033"])
    }

    @Test func oneQuarterlyExtractServesTheQuarter() throws {
        let f = try ScottishFixture()
        let library = try MeasureLibrary.builtIn().filter { $0.id == "prednisolone_items_per_1000" }
        let period = YearMonth(year: 2024, month: 1)!...YearMonth(year: 2024, month: 3)!
        let run = try MeasureRun.run(store: f.store, period: period, definitions: library, levels: [.practice, .icb],
                                     options: MeasureKernelOptions(minimumListSize: 1000))
        #expect(run.coverage.months.map(\.listSizes) == [.own, .carried(from: period.lowerBound), .carried(from: period.lowerBound)])
        #expect(!run.warnings.contains { $0.contains("list size") }, "\(run.warnings)")
        #expect(run.warnings.contains { $0.hasPrefix("the data publish no actual cost") })
        let practice = run.values[0]
        let p = try #require(practice.orgCodes.firstIndex(of: "10002"))
        // 10, 20, 30 items over a list of 2,000: 5, 10 and 15 per 1,000, every month.
        #expect((0..<3).map { practice.value[p * 3 + $0] } == [5, 10, 15])
        let board = run.values[1]
        #expect(board.orgCodes == ["S08000030"] && board.orgNames == ["NHS Tayside"])
        // The board sums its two standard practices (not the pharmacy): (10 + 4) / 3.5.
        #expect(abs(board.value[0] - 14 / 3.5) < 1e-12)
        #expect(run.coverage.months.allSatisfy { $0.nonPractice == 1 && $0.standardPractices == 2 })
    }

    @Test func theDefaultCostBasisIsTheOneTheDataHave() throws {
        let f = try ScottishFixture()
        let period = YearMonth(year: 2024, month: 1)!...YearMonth(year: 2024, month: 3)!
        #expect(try BiosimilarCostBasis.best(store: f.store, months: period) == .nic)
        // A cost measure on actual cost is computed on net ingredient cost, never read as £0.
        let cost = MeasureDefinition(id: "pred_cost", name: "Prednisolone cost per 1,000", isPercentage: false, lowIsGood: true,
                                     isCostBased: true, numerator: .init(quantity: .actualCost, filter: try BNFFilter(["0603020T0"])),
                                     denominator: .init(quantity: .listSize, filter: nil), minimumDenominator: 0)
        let run = try MeasureRun.run(store: f.store, period: period, definitions: [cost], levels: [.icb])
        #expect(run.coverage.monthsWithoutActualCost.count == 3)
        #expect(run.onNetIngredientCost == ["pred_cost"] && run.definitions[0].numerator.quantity == .actualCost)
        // January: £12.50 + £5.00 over 3,500 patients, per 1,000.
        #expect(abs(run.values[0].value[0] - 17.5 / 3.5) < 1e-9)
        #expect(run.warnings.contains { $0.contains("computed on net ingredient cost instead (pred_cost)") })
    }

    @Test func theReportNamesScotlandAndItsHealthBoards() throws {
        let f = try ScottishFixture()
        let period = YearMonth(year: 2024, month: 1)!...YearMonth(year: 2024, month: 3)!
        var options = ReportOptions()
        options.levels = [.practice, .subICB, .icb]
        let data = try ReportData.compute(store: f.store, period: period, options: options)
        let html = try HTMLReport(data, options: options).html()
        #expect(html.contains("NHS Tayside") && html.contains("Health board"))
        #expect(html.contains("GP cluster") && html.contains("HSCP"))
        // "England" is left only in measure names about NHS England's guidance.
        #expect(!html.contains("ICB") && !html.contains(">England<") && !html.contains("England value"))
        #expect(html.contains("Scotland value") || html.contains(">Scotland<"), "the national line is Scotland's")
    }
}

/// A store holding both nations' prescribing says that its comparisons mix them.
@Suite struct BothNationsInOneStoreTests {
    @Test func aMixedStoreWarnsThatRankingsMixTheNations() throws {
        let f = try ScottishFixture()
        // One English month (the EPD layout) into the Scottish store.
        let epd = f.dir + "/epd_202401.csv"
        try ("YEAR_MONTH,REGIONAL_OFFICE_NAME,REGIONAL_OFFICE_CODE,ICB_NAME,ICB_CODE,PCO_NAME,PCO_CODE,PRACTICE_NAME,PRACTICE_CODE,"
             + "BNF_CODE,BNF_DESCRIPTION,ITEMS,TOTAL_QUANTITY,NIC,ACTUAL_COST,UNIDENTIFIED\n"
             + "202401,NORTH WEST,Y62,NHS GM,QOP,GM,00T,A PRACTICE,P81001,0603020T0AAACAC,Prednisolone_Tab 5mg,5,140,6.25,5.80,N\n")
            .write(toFile: epd, atomically: true, encoding: .utf8)
        // Both nations' January in one run (a month from a later run would replace it).
        _ = try StoreIngest(options: IngestOptions(files: [f.dir + "/pitc202401.csv", epd], softwareVersion: "test"))
            .run(store: f.dir + "/both")
        let both = try Store.open(at: f.dir + "/both")
        let january = YearMonth(year: 2024, month: 1)!
        let coverage = try Coverage.compute(store: both, period: january...january)
        #expect(coverage.nations == ["E92000001", "S92000003"])
        #expect(coverage.warnings(perThousand: false).contains { $0.contains("2 nations") })
        let scottishOnly = try Coverage.compute(store: f.store, period: january...YearMonth(year: 2024, month: 3)!)
        #expect(scottishOnly.nations == ["S92000003"] && !scottishOnly.warnings(perThousand: false).contains { $0.contains("nations") })
    }
}
