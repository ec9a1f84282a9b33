import Testing
import RxData
@testable import RxSynth

@Suite("List-size and org files")
struct ListSizeFileTests {
    @Test("43 rows per practice with a list, bands summing to the total; listless prescribers absent")
    func listSizes() throws {
        let config = SynthConfiguration(practices: 200, months: 2, seed: 9, presentationsPerPractice: 50)
        let data = try SyntheticDataset(config)
        let sink = MemorySink()
        try data.writeListSizes(monthOffset: 1, to: sink)
        let records = CSVTestSplitter.records(sink.bytes)
        #expect(records[0].map(CSVTestSplitter.text) == ["PUBLICATION", "EXTRACT_DATE", "ORG_TYPE", "ORG_CODE", "ONS_CODE",
                                                         "POSTCODE", "SEX", "AGE_GROUP_5", "NUMBER_OF_PATIENTS"])
        var byPractice: [String: [[String]]] = [:]
        for r in records.dropFirst() { byPractice[CSVTestSplitter.text(r[3]), default: []].append(r.map(CSVTestSplitter.text)) }
        let withList = data.hierarchy.practices.filter(\.hasListSize)
        #expect(byPractice.count == withList.count)
        #expect(withList.count < data.hierarchy.practices.count)
        for (code, rows) in byPractice {
            #expect(rows.count == 43, "\(code)")
            #expect(rows.allSatisfy { $0[1] == "01FEB2025" })
            let all = Int(rows.first { $0[6] == "ALL" && $0[7] == "ALL" }![8])!
            let bands = rows.filter { $0[6] != "ALL" && $0[7] != "ALL" }.map { Int($0[8])! }
            #expect(bands.count == 40 && bands.reduce(0, +) == all)
        }
    }

    @Test("the org mapping lists every prescriber with its hierarchy and setting")
    func orgs() throws {
        let data = try SyntheticDataset(SynthConfiguration(practices: 200, months: 1, seed: 9))
        let sink = MemorySink()
        try data.writeOrgMapping(to: sink)
        let records = CSVTestSplitter.records(sink.bytes)
        #expect(records[0].map(CSVTestSplitter.text) == ["practice_code", "pcn_code", "pcn_name", "sub_icb_code", "sub_icb_name",
                                                         "icb_code", "icb_name", "region_code", "region_name", "setting"])
        #expect(records.count == 201)
        #expect(records.dropFirst().allSatisfy { $0.count == 10 })
        let settings = Set(records.dropFirst().map { CSVTestSplitter.text($0[9]) })
        #expect(settings.contains("4") && settings.count > 1)
    }
}
