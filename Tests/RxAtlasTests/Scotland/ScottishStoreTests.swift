import Foundation
import Testing
import RxData
import RxReference
@testable import RxAtlas

/// Scotland end to end on files in the published layouts: three monthly Prescriptions in the
/// Community files (one under the 2014 board code), one quarterly GP Practice Populations
/// extract and one Contact Details file; ingested with the bundled Scottish geography.
@Suite struct ScottishStoreTests {
    static let pitcHeader = "HBT,GPPractice,BNFItemCode,BNFItemDescription,NumberOfPaidItems,PaidQuantity,GrossIngredientCost,PaidDateMonth"

    final class Fixture {
        let dir: String
        let store: Store
        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-scotland-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            var pitc: [String] = []
            for (m, board) in [(1, "S08000027"), (2, "S08000030"), (3, "S08000030")] {
                let month = String(format: "2024%02d", m)
                let rows = [
                    "\(board),10002,0603020T0AAACAC,Prednisolone_Tab 5mg,\(10 * m),280,12.50,\(month)",
                    "\(board),10002,0302000C0AAAAAA,Beclomet Diprop_Inha 50mcg,5,5,20.00,\(month)",
                    "\(board),10017,0603020T0AAACAC,Prednisolone_Tab 5mg,4,112,5.00,\(month)",
                    "\(board),99996,0603020T0AAACAC,Prednisolone_Tab 5mg,7,196,8.75,\(month)",
                ]
                let path = dir + "/pitc\(month).csv"
                try ([ScottishStoreTests.pitcHeader] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
                pitc.append(path)
            }
            let bands = ["Ages0to4", "Ages5to14", "Ages15to24", "Ages25to44", "Ages45to64", "Ages65to74", "Ages75to84", "Ages85plus"]
            let popHeader = (["Date", "PracticeCode", "HB", "HSCP", "Sex", "AllAges"] + bands).joined(separator: ",")
            let pop = [popHeader,
                       "20240101,10002,S08000030,S37000007,All,2000,100,200,300,400,400,300,200,100",
                       "20240101,10017,S08000030,S37000033,All,1500,100,100,200,300,300,200,200,100"]
            try pop.joined(separator: "\n").appending("\n").write(toFile: dir + "/practice_listsizes_jan2024.csv", atomically: true, encoding: .utf8)
            let contact = ["PracticeCode,GPPracticeName,PracticeListSize,Postcode,PracticeType,Dispensing,HB,HSCP,DataZone,GPCluster",
                           "10002,Muirhead Medical Centre,2000,DD2 5NH,17J,,S08000030,S37000007,S01007700,Dundee West",
                           "10017,The Blue Practice,1500,PH7 3SA,17C,,S08000030,S37000033,S01011111,Strathearn"]
            try contact.joined(separator: "\n").appending("\n").write(toFile: dir + "/practice_contactdetails_jan2024.csv", atomically: true, encoding: .utf8)
            var options = IngestOptions(files: pitc, listSizes: [dir + "/practice_listsizes_jan2024.csv"], softwareVersion: "test")
            options.areaReference = try ScottishGeography.reference()
            _ = try StoreIngest(options: options).run(store: dir + "/store")
            // The contact file gives names and clusters; its list sizes equal the populations'.
            var more = IngestOptions(files: [], listSizes: [dir + "/practice_contactdetails_jan2024.csv"], softwareVersion: "test")
            more.areaReference = try ScottishGeography.reference()
            _ = try StoreIngest(options: more).run(store: dir + "/store")
            store = try Store.open(at: dir + "/store")
        }
        deinit { try? FileManager.default.removeItem(atPath: dir) }
    }

    @Test func hierarchyNamesAndClassesFollowScotland() throws {
        let f = try Fixture()
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
        #expect(panel.classes[panel.id(of: "99996")!] == .nonPractice, "community pharmacy: kept, never ranked")
        #expect(panel.level(.region).count == 0, "Scotland has no region level")
        #expect(panel.level(.icb).codes == ["S08000030"] && panel.level(.subICB).codes == ["S37000007", "S37000033"])
    }

    @Test func oneQuarterlyExtractServesTheQuarter() throws {
        let f = try Fixture()
        let library = try MeasureLibrary.builtIn().filter { $0.id == "prednisolone_items_per_1000" }
        let period = YearMonth(year: 2024, month: 1)!...YearMonth(year: 2024, month: 3)!
        let run = try MeasureRun.run(store: f.store, period: period, definitions: library, levels: [.practice, .icb],
                                     options: MeasureKernelOptions(minimumListSize: 1000))
        #expect(run.coverage.months.map(\.listSizes) == [.own, .carried(from: period.lowerBound), .carried(from: period.lowerBound)])
        #expect(run.warnings.isEmpty, "\(run.warnings)")
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
        let f = try Fixture()
        let period = YearMonth(year: 2024, month: 1)!...YearMonth(year: 2024, month: 3)!
        #expect(try BiosimilarCostBasis.best(store: f.store, months: period) == .nic)
        let run = try MeasureRun.run(store: f.store, period: period, definitions: [], levels: [.icb])
        #expect(run.coverage.monthsWithoutActualCost.count == 3)
    }
}
