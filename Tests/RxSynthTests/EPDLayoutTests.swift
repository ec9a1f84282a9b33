import Testing
import RxData
@testable import RxSynth

@Suite("EPD layout")
struct EPDLayoutTests {
    static let header = "YEAR_MONTH,REGIONAL_OFFICE_NAME,REGIONAL_OFFICE_CODE,ICB_NAME,ICB_CODE,PCO_NAME,PCO_CODE,PRACTICE_NAME,PRACTICE_CODE,ADDRESS_1,ADDRESS_2,ADDRESS_3,ADDRESS_4,POSTCODE,BNF_CHEMICAL_SUBSTANCE_CODE,BNF_CHEMICAL_SUBSTANCE,BNF_PRESENTATION_CODE,BNF_PRESENTATION_NAME,BNF_CHAPTER_PLUS_CODE,QUANTITY,ITEMS,TOTAL_QUANTITY,ADQ_USAGE,NIC,ACTUAL_COST,UNIDENTIFIED,SNOMED_CODE"

    @Test("the header is exactly the 27 names of the 2025+ layout, CRLF-terminated")
    func header() throws {
        let bytes = try SynthFixtures.epd(SynthFixtures.small)
        let firstLine = Array(bytes.prefix(while: { $0 != 0x0A }))
        #expect(String(decoding: firstLine, as: UTF8.self) == Self.header + "\r")
        #expect(SynthFixtures.smallEPD[0].map(CSVTestSplitter.text) == Self.header.split(separator: ",").map(String.init))
    }

    @Test("every row has 27 fields, a YYYY-MM month, a 15-character code and CRLF")
    func rows() throws {
        let bytes = try SynthFixtures.epd(SynthFixtures.small)
        let lf = bytes.indices.filter { bytes[$0] == 0x0A }
        #expect(lf.allSatisfy { $0 > 0 && bytes[$0 - 1] == 0x0D })
        let records = SynthFixtures.smallEPD.dropFirst()
        #expect(records.count == lf.count - 1)
        for r in records {
            #expect(r.count == 27)
            #expect(CSVTestSplitter.text(r[0]) == "2025-01")
            #expect(r[16].count == 15)
        }
    }

    @Test("TOTAL_QUANTITY = QUANTITY × ITEMS; NIC has two decimals; costs have at most five")
    func arithmetic() {
        for r in SynthFixtures.smallEPD.dropFirst() {
            let q = Double(CSVTestSplitter.text(r[19]))!, items = Int(CSVTestSplitter.text(r[20]))!
            let total = Double(CSVTestSplitter.text(r[21]))!
            #expect(items >= 1)
            #expect(abs(total - q * Double(items)) < 1e-6)
            let nic = CSVTestSplitter.text(r[23])
            #expect(nic.split(separator: ".").last?.count == 2)
            #expect((CSVTestSplitter.text(r[24]).split(separator: ".").last?.count ?? 0) <= 5)
            #expect(CSVTestSplitter.text(r[19]).hasSuffix(".0") || CSVTestSplitter.text(r[19]).split(separator: ".").last?.count == 1)
        }
    }

    @Test("unidentified rows per sub-ICB, quoted names, negative costs, grouped practices")
    func realWorldQuirks() throws {
        let config = SynthConfiguration(practices: 150, months: 1, seed: 3, presentationsPerPractice: 400)
        let data = try SyntheticDataset(config)
        let records = CSVTestSplitter.records(try SynthFixtures.epd(config)).dropFirst()
        let unidentified = records.filter { CSVTestSplitter.text($0[8]) == "-" }
        #expect(unidentified.allSatisfy { CSVTestSplitter.text($0[25]) == "Y" && CSVTestSplitter.text($0[7]) == "UNIDENTIFIED DOCTORS" })
        #expect(Set(unidentified.map { CSVTestSplitter.text($0[6]) }).count == data.hierarchy.subICBs.count)
        #expect(records.contains { CSVTestSplitter.text($0[23]).hasPrefix("-") })
        #expect(records.contains { CSVTestSplitter.text($0[7]).contains(",") })
        // each practice's rows form one block
        var seen = Set<String>(), last = ""
        for r in records {
            let code = CSVTestSplitter.text(r[8]) + "/" + CSVTestSplitter.text(r[6])
            if code != last { #expect(!seen.contains(code), "rows of \(code) are split"); seen.insert(code); last = code }
        }
        // rows per practice-month near the target
        let perPractice = Double(records.count - unidentified.count) / Double(config.practices)
        #expect(perPractice > 300 && perPractice < 500)
    }

    @Test("latin-1 names occur somewhere in a larger run")
    func latin1() throws {
        let h = try OrgHierarchy(practiceCount: 1000, seed: 5)
        #expect(h.practices.contains { $0.name.contains { $0 >= 0x80 } })
    }
}
