import Foundation
import RxData
import RxReference

/// A small Scottish store from files in the published layouts: three monthly Prescriptions in
/// the Community files (January under the 2014 Tayside code), one quarterly GP Practice
/// Populations extract (January 2024) and one Contact Details file, ingested with the bundled
/// Scottish geography. Practices 10002 (list 2,000) and 10017 (list 1,500) in NHS Tayside, and
/// the community-pharmacy code 99996.
final class ScottishFixture {
    static let pitcHeader = "HBT,GPPractice,BNFItemCode,BNFItemDescription,NumberOfPaidItems,PaidQuantity,GrossIngredientCost,PaidDateMonth"

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
            try ([ScottishFixture.pitcHeader] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
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
