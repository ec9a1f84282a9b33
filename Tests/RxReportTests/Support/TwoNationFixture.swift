import Foundation
import RxData
import RxReference

/// A store holding England's and Scotland's January 2024, ingested in one run, with both
/// nations' list sizes. The nations differ tenfold in prednisolone prescribing, so that any
/// ranking, decile or national value computed across them would move:
///
/// | practice | nation | list | prednisolone items | per 1,000 |
/// |---|---|---|---|---|
/// | P81001–P81004 | England (ICB QOP) | 2,000 / 3,000 / 4,000 / 5,000 | 20 / 45 / 100 / 150 | 10 / 15 / 25 / 30 |
/// | 10002, 10017, 10030, 10045 | Scotland (NHS Tayside) | 2,000 / 1,500 / 3,000 / 4,000 | 400 / 450 / 900 / 1,600 | 200 / 300 / 300 / 400 |
///
/// P81001 and 10002 prescribe insulin glargine: Lantus at £10 a cartridge in both nations;
/// Abasaglar at £8 in England and £6 in Scotland.
final class TwoNationFixture {
    static let england = "E92000001", scotland = "S92000003"
    static let englishPerThousand = [10.0, 15, 25, 30], scottishPerThousand = [200.0, 300, 300, 400]
    static let prednisolone = "0603020T0AAACAC", lantus = "0601012V0BBAAAA", abasaglar = "0601012V0BDABAA"

    let dir: String
    let store: Store
    init() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-two-nations-\(UUID().uuidString)").path
        self.dir = dir
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        func write(_ name: String, _ lines: [String]) throws -> String {
            let path = dir + "/" + name
            try lines.joined(separator: "\n").appending("\n").write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
        let english = [("P81001", 2000, 20), ("P81002", 3000, 45), ("P81003", 4000, 100), ("P81004", 5000, 150)]
        var epd = ["YEAR_MONTH,REGIONAL_OFFICE_NAME,REGIONAL_OFFICE_CODE,ICB_NAME,ICB_CODE,PCO_NAME,PCO_CODE,PRACTICE_NAME,PRACTICE_CODE,"
                   + "BNF_CODE,BNF_DESCRIPTION,ITEMS,TOTAL_QUANTITY,NIC,ACTUAL_COST,UNIDENTIFIED"]
        let place = "202401,NORTH WEST,Y62,NHS GREATER MANCHESTER ICB,QOP,NHS GREATER MANCHESTER ICB - 00T,00T"
        for (code, _, items) in english {
            epd.append("\(place),PRACTICE \(code),\(code),\(Self.prednisolone),Prednisolone_Tab 5mg,\(items),\(items * 28),\(items).00,\(items - 1).50,N")
        }
        epd.append("\(place),PRACTICE P81001,P81001,\(Self.lantus),Lantus_100u/ml 3ml Cart,5,10,100.00,92.00,N")
        epd.append("\(place),PRACTICE P81001,P81001,\(Self.abasaglar),Abasaglar_100u/ml 3ml Cart,5,10,80.00,74.00,N")
        let epdPath = try write("epd_202401.csv", epd)

        let scottish = [("10002", 2000, 400, "S37000007"), ("10017", 1500, 450, "S37000033"),
                        ("10030", 3000, 900, "S37000007"), ("10045", 4000, 1600, "S37000033")]
        var pitc = ["HBT,GPPractice,BNFItemCode,BNFItemDescription,NumberOfPaidItems,PaidQuantity,GrossIngredientCost,PaidDateMonth"]
        for (code, _, items, _) in scottish {
            pitc.append("S08000030,\(code),\(Self.prednisolone),Prednisolone_Tab 5mg,\(items),\(items * 28),\(items).00,202401")
        }
        pitc.append("S08000030,10002,\(Self.lantus),Lantus_100u/ml 3ml Cart,5,10,100.00,202401")
        pitc.append("S08000030,10002,\(Self.abasaglar),Abasaglar_100u/ml 3ml Cart,5,10,60.00,202401")
        let pitcPath = try write("pitc202401.csv", pitc)

        var lists = ["PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,POSTCODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS"]
        for (code, n, _) in english {
            lists += ["GP_PRAC_PAT_LIST,01JAN2024,GP,\(code),,M1 1AA,ALL,ALL,\(n)",
                      "GP_PRAC_PAT_LIST,01JAN2024,GP,\(code),,M1 1AA,MALE,ALL,\(n / 2)",
                      "GP_PRAC_PAT_LIST,01JAN2024,GP,\(code),,M1 1AA,FEMALE,ALL,\(n / 2)",
                      "GP_PRAC_PAT_LIST,01JAN2024,GP,\(code),,M1 1AA,MALE,0_4,\(n / 2)",
                      "GP_PRAC_PAT_LIST,01JAN2024,GP,\(code),,M1 1AA,FEMALE,0_4,\(n / 2)"]
        }
        let listPath = try write("gp-reg-pat-prac-quin-age-jan2024.csv", lists)
        let bands = ["Ages0to4", "Ages5to14", "Ages15to24", "Ages25to44", "Ages45to64", "Ages65to74", "Ages75to84", "Ages85plus"]
        var pop = [(["Date", "PracticeCode", "HB", "HSCP", "Sex", "AllAges"] + bands).joined(separator: ",")]
        for (code, n, _, hscp) in scottish {
            pop.append("20240101,\(code),S08000030,\(hscp),All,\(n),\(n),0,0,0,0,0,0,0")
        }
        let popPath = try write("practice_listsizes_jan2024.csv", pop)

        var options = IngestOptions(files: [epdPath, pitcPath], listSizes: [listPath, popPath], softwareVersion: "test")
        options.areaReference = try ScottishGeography.reference()
        _ = try StoreIngest(options: options).run(store: dir + "/store")
        store = try Store.open(at: dir + "/store")
    }
    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// January 2024.
    static let january = YearMonth(year: 2024, month: 1)!
    static let period = january...january
}
