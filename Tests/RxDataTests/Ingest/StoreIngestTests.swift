import Foundation
import Testing
@testable import RxData

@Suite struct StoreIngestTests {
    let dir = TempDir()

    private func epd(_ name: String, month: String = "2017_09", practices: [String] = ["L84073", "B85010"], items: String = "1") -> String {
        var lines = [Fixtures.epdLegacyHeader]
        for p in practices {
            lines.append(Fixtures.epdLegacyRow(month: month, practice: p, items: items))
            lines.append(Fixtures.epdLegacyRow(month: month, practice: p, bnf: "0101010R0AAABAB", items: items))
        }
        return dir.write(name, lines.joined(separator: "\r\n") + "\r\n")
    }

    private func ingest(_ files: [String], listSizes: [String] = [], orgs: String? = nil, policy: ErrorPolicy = .fail,
                        store: String? = nil) throws -> IngestReport {
        let options = IngestOptions(files: files, listSizes: listSizes, orgMapping: orgs, errorPolicy: policy,
                                    threads: 2, softwareVersion: "test")
        return try StoreIngest(options: options).run(store: store ?? dir.path("store"))
    }

    @Test func writesMonthsOrgsAndProvenance() throws {
        let report = try ingest([epd("a.csv")])
        #expect(report.monthsWritten == [YearMonth(year: 2017, month: 9)])
        let store = try Store.open(at: dir.path("store"))
        let info = try store.info(verify: true)
        #expect(info.months.count == 1)
        #expect(info.months[0].rows == 4)
        #expect(info.months[0].items == 4)
        #expect(info.months[0].practices == 2)
        let orgs = try store.readOrgs()
        #expect(orgs.practices["L84073"]?.parents[.icb] == "Q64")
        #expect(orgs.names[.icb]?["Q64"] == "BATH,GLOS,SWINDON & WILTSHIRE AREA TEAM")
        #expect(try store.manifest().ingests.count == 1)
        #expect(try store.readPresentationNames()[BNFCode("0105010B0BIAAAS")!] == "Octasa_MR Tab E/C 800mg")
    }

    @Test func reingestingAMonthReplacesIt() throws {
        _ = try ingest([epd("a.csv", items: "1")])
        _ = try ingest([epd("b.csv", practices: ["L84073"], items: "5")])
        let info = try Store.open(at: dir.path("store")).info()
        #expect(info.months.map(\.items) == [10])
        #expect(info.months.map(\.practices) == [1])
    }

    @Test func sameMonthInTwoFilesOfOneRunIsSummed() throws {
        _ = try ingest([epd("a.csv", practices: ["L84073"]), epd("b.csv", practices: ["B85010"], items: "3")])
        let table = try Store.open(at: dir.path("store")).loadMonth(YearMonth(year: 2017, month: 9)!).decode()
        #expect(table.practiceCodes == ["B85010", "L84073"])
        #expect(table.total(.items) == 8)
    }

    @Test func theSameFileTwiceIsRefused() throws {
        let a = epd("a.csv")
        let copy = dir.path("copy.csv")
        try FileManager.default.copyItem(atPath: a, toPath: copy)
        #expect(throws: InputError.self) { try ingest([a, copy]) }
    }

    @Test func listSizesForPracticesWithoutPrescribingAreReportedNotFatal() throws {
        let header = "PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,POSTCODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS"
        var rows = [header]
        for code in ["L84073", "Z99999"] {
            rows.append("GP_PRAC_PAT_LIST,01SEP2017,GP,\(code),,HD5 8DY,ALL,ALL,100")
            rows.append("GP_PRAC_PAT_LIST,01SEP2017,GP,\(code),,HD5 8DY,MALE,ALL,40")
            rows.append("GP_PRAC_PAT_LIST,01SEP2017,GP,\(code),,HD5 8DY,FEMALE,ALL,60")
            rows.append("GP_PRAC_PAT_LIST,01SEP2017,GP,\(code),,HD5 8DY,MALE,0_4,40")
            rows.append("GP_PRAC_PAT_LIST,01SEP2017,GP,\(code),,HD5 8DY,FEMALE,0_4,60")
        }
        let lists = dir.write("lists.csv", rows.joined(separator: "\n") + "\n")
        let report = try ingest([epd("a.csv")], listSizes: [lists])
        #expect(report.listSizePracticesWithoutPrescribing["2017-09"] == 1)
        // L84073 has a list (standard); B85010 has none and no org mapping (another practice).
        #expect(report.prescribers["2017-09"]?.standardPractices == 1)
        #expect(report.prescribers["2017-09"]?.otherPractices == 1)
        let sizes = try Store.open(at: dir.path("store")).readListSizes(YearMonth(year: 2017, month: 9)!)
        #expect(sizes?.practices["L84073"]?.total == 100)
    }

    @Test func orgMappingOverridesTheFilesHierarchy() throws {
        let mapping = dir.write("orgs.csv", "practice_code,pcn_code,pcn_name,icb_code,icb_name,setting\nL84073,U123,NORTH PCN,QOX,NEW ICB,4\n")
        _ = try ingest([epd("a.csv")], orgs: mapping)
        let orgs = try Store.open(at: dir.path("store")).readOrgs()
        #expect(orgs.practices["L84073"]?.parents[.pcn] == "U123")
        #expect(orgs.practices["L84073"]?.parents[.icb] == "QOX")
        #expect(orgs.practices["L84073"]?.parents[.subICB] == "11M00")
        #expect(orgs.names[.pcn]?["U123"] == "NORTH PCN")
        #expect(orgs.isStandardPractice("L84073", hasList: false))
    }

    @Test func quarantineFileHoldsEachBadLineVerbatimWithItsReason() throws {
        let bad = Fixtures.epdLegacyRow(items: "lots")
        let path = dir.write("q.csv", [Fixtures.epdLegacyHeader, Fixtures.epdLegacyRow(), bad].joined(separator: "\n") + "\n")
        let qpath = dir.path("bad.txt")
        let report = try ingest([path], policy: .quarantine(path: qpath))
        #expect(report.files[0].linesQuarantined == 1)
        let text = try String(contentsOfFile: qpath, encoding: .utf8)
        #expect(text == "# \(path):3: field ITEMS: not a number: 'lots'\n\(bad)\n")
    }

    @Test func checkModeWritesNothing() throws {
        let report = try StoreIngest(options: IngestOptions(files: [epd("a.csv")], softwareVersion: "test")).run(store: nil)
        #expect(report.files[0].rowsKept == 4)
        #expect(!FileManager.default.fileExists(atPath: dir.path("store")))
    }
}

extension StoreIngestTests {
    /// Sums never wrap: four rows of £90 trillion NIC for one practice and presentation overflow,
    /// and the error names the line and field; the same four rows spread over practices overflow
    /// the month's total, which is refused naming the field.
    @Test func sumsThatLeaveTheFixedPointRangeAreErrors() throws {
        let huge = "90000000000000"
        var lines = [Fixtures.epdLegacyHeader]
        for _ in 0..<4 { lines.append(Fixtures.epdLegacyRow(month: "2017_09", practice: "L84073", nic: huge)) }
        let same = dir.write("same.csv", lines.joined(separator: "\n") + "\n")
        let error = #expect(throws: InputError.self) { _ = try PrescribingReader(threads: 1).read(path: same) }
        #expect(error?.line == 3 && error?.field == "NIC", "\(String(describing: error))")
        lines = [Fixtures.epdLegacyHeader]
        for p in ["A00001", "A00002", "A00003", "A00004"] { lines.append(Fixtures.epdLegacyRow(month: "2017_09", practice: p, nic: huge)) }
        let spread = dir.write("spread.csv", lines.joined(separator: "\n") + "\n")
        let total = #expect(throws: InputError.self) { _ = try PrescribingReader(threads: 1).read(path: spread) }
        #expect(total?.field == "NIC" && total?.reason.contains("total") == true, "\(String(describing: total))")
    }
}

extension StoreIngestTests {
    /// A byte-order mark or 0xFF inside PRACTICE_CODE, or a literal unidentified-bucket code, is
    /// refused naming the line and field: no phantom practice, no merged codes.
    @Test func prescriberCodesAreCheckedAgainstTheirForm() throws {
        for (i, bad) in ["\u{FEFF}L84073", "L84\u{FF}73", "-@11M00", "L8 073", "A"].enumerated() {
            let text = Fixtures.epdLegacyHeader + "\n" + Fixtures.epdLegacyRow(practice: "L84073") + "\n"
                + Fixtures.epdLegacyRow(practice: bad) + "\n"
            let path = dir.write("bad\(i).csv", text)
            let error = #expect(throws: InputError.self) { _ = try PrescribingReader(threads: 1).read(path: path) }
            #expect(error?.line == 3 && error?.field == "PRACTICE_CODE", "\(bad.debugDescription): \(String(describing: error))")
        }
        // In quarantine mode the row is set aside and the code joins nothing.
        let text = Fixtures.epdLegacyHeader + "\n" + Fixtures.epdLegacyRow(practice: "L84073") + "\n"
            + Fixtures.epdLegacyRow(practice: "\u{FEFF}L84073") + "\n"
        let file = try PrescribingReader(errorPolicy: .quarantine(path: dir.path("q.txt")), threads: 1).read(path: dir.write("q.csv", text))
        #expect(file.rejected.count == 1 && file.months[0].practiceCodes == ["L84073"])
        #expect(file.orgs.practices.keys.sorted() == ["L84073"])
    }

    /// Code-mapping rows that cannot load are counted and the first are named in the summary.
    @Test func invalidCodeMappingRowsAreReported() throws {
        let mapping = dir.write("map.csv", "old_code,new_code\n0101010G0AAABAB,0101010G0AAACAC\nnot a code!,0101010G0AAABAB\n")
        let options = IngestOptions(files: [epd("a.csv")], codeMapping: mapping, threads: 1, softwareVersion: "test")
        let report = try StoreIngest(options: options).run(store: nil)
        #expect(report.codeMappingRowsNotLoaded == 1)
        #expect(report.codeMappingRowsNotLoadedFirst.first?.contains("map.csv:3") == true)
        #expect(report.text(seconds: 0).contains("1 code-mapping row(s) not loaded"))
        // --check writes nothing and says so.
        #expect(!report.text(seconds: 0).contains("committed") && report.monthsWritten.isEmpty)
        // A stored month says which code-change table mapped it; one without says nothing.
        _ = try StoreIngest(options: options).run(store: dir.path("mapped"))
        let month = try #require(try Store.open(at: dir.path("mapped")).months().first)
        #expect(try Store.open(at: dir.path("mapped")).loadMonth(month).notes["code_mapping"] == "map.csv")
        _ = try StoreIngest(options: IngestOptions(files: [epd("a.csv")], threads: 1, softwareVersion: "test")).run(store: dir.path("plain"))
        #expect(try Store.open(at: dir.path("plain")).loadMonth(month).notes["code_mapping"] == nil)
    }
}
