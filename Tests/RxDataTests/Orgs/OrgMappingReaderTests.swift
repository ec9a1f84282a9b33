import Foundation
import Testing
@testable import RxData

@Suite("OrgMappingReader")
struct OrgMappingReaderTests {
    static let header = "practice_code,pcn_code,pcn_name,sub_icb_code,sub_icb_name,icb_code,icb_name,region_code,region_name"

    @Test func fullMapping() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("orgs.csv", """
            \(Self.header)
            B85010,U1,"Huddersfield, Central PCN",03A,NHS Kirklees,QWO,NHS West Yorkshire ICB,Y63,North East and Yorkshire
            B85054,U1,"Huddersfield, Central PCN",03A,NHS Kirklees,QWO,NHS West Yorkshire ICB,Y63,North East and Yorkshire
            L84018,U2,,11X,,QSL,,Y58,

            """)
        let orgs = try OrgMappingReader.read(path: path)
        #expect(orgs.practices.count == 3)
        let b = try #require(orgs.practices["B85010"])
        #expect(b.parents == [.pcn: "U1", .subICB: "03A", .icb: "QWO", .region: "Y63"])
        #expect(b.kind == .practice)
        #expect(b.setting == nil)
        #expect(orgs.practices["L84018"]?.parents == [.pcn: "U2", .subICB: "11X", .icb: "QSL", .region: "Y58"])
        #expect(orgs.names[.pcn] == ["U1": "Huddersfield, Central PCN"])
        #expect(orgs.names[.subICB] == ["03A": "NHS Kirklees"])
        #expect(orgs.names[.icb] == ["QWO": "NHS West Yorkshire ICB"])
        #expect(orgs.names[.region] == ["Y63": "North East and Yorkshire"])
    }

    @Test func columnsInAnyOrderAnyCaseWithExtrasAndSetting() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("orgs.csv", "Extra, SETTING ,ICB_Code,Practice_Code,practice_name\nx,4,QWO, B85010 ,Dalton Surgery\ny,1,QWO,Y00001,Walk-in Centre\n")
        let orgs = try OrgMappingReader.read(path: path)
        #expect(orgs.practices["B85010"] == PracticeRecord(code: "B85010", name: "Dalton Surgery", kind: .practice, setting: "4", parents: [.icb: "QWO"]))
        #expect(orgs.isStandardPractice("B85010", hasList: false))
        #expect(!orgs.isStandardPractice("Y00001", hasList: true))
        #expect(orgs.names.isEmpty)
    }

    @Test func onlyPracticeCode() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let orgs = try OrgMappingReader.read(path: f.file("orgs.csv", "practice_code\nA1\nA2\n"))
        #expect(orgs.practices.keys.sorted() == ["A1", "A2"])
        #expect(orgs.practices["A1"]?.parents.isEmpty == true)
    }

    @Test func identicalDuplicateIsAccepted() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let orgs = try OrgMappingReader.read(path: f.file("orgs.csv", "practice_code,pcn_code\nA1,U1\nA1,U1\n"))
        #expect(orgs.practices.count == 1)
    }

    @Test func conflictingDuplicateNamesBothLines() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("orgs.csv", "practice_code,pcn_code,icb_code\nA1,U1,Q1\nA2,U1,Q1\nA1,U2,Q1\n")
        let error = readerError { _ = try OrgMappingReader.read(path: path) }
        #expect(error == InputError(file: path, line: 4, field: "pcn_code",
                                    reason: "practice A1 is on lines 2 and 4 with different values: pcn_code 'U1' vs 'U2'"))
    }

    @Test func conflictingOrganisationNames() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("orgs.csv", "practice_code,icb_code,icb_name\nA1,Q1,North\nA2,Q1,South\n")
        let error = readerError { _ = try OrgMappingReader.read(path: path) }
        #expect(error?.line == 3)
        #expect(error?.field == "icb_name")
        #expect(error?.reason == "icb_code Q1 is named 'North' on line 2 but 'South' on line 3")
    }

    @Test func nameWithoutCode() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("orgs.csv", "practice_code,pcn_code,pcn_name\nA1,,Lonely PCN\n")
        let error = readerError { _ = try OrgMappingReader.read(path: path) }
        #expect(error?.line == 2)
        #expect(error?.field == "pcn_name")
    }

    @Test func errorsForEmptyHeaderOnlyMissingColumnAndEmptyCode() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let empty = f.file("empty.csv", "")
        #expect(readerError { _ = try OrgMappingReader.read(path: empty) }?.reason.hasPrefix("empty file") == true)

        let headerOnly = f.file("h.csv", Self.header + "\n")
        #expect(readerError { _ = try OrgMappingReader.read(path: headerOnly) }
                == InputError(file: headerOnly, line: 1, reason: "header only: the org mapping lists no practices"))

        let missing = f.file("m.csv", "code,pcn_code\nA1,U1\n")
        let missingError = readerError { _ = try OrgMappingReader.read(path: missing) }
        #expect(missingError?.line == 1)
        #expect(missingError?.field == "practice_code")
        #expect(missingError?.reason.hasPrefix("missing required column practice_code") == true)

        let blank = f.file("b.csv", "practice_code,pcn_code\nA1,U1\n ,U2\n")
        #expect(readerError { _ = try OrgMappingReader.read(path: blank) }
                == InputError(file: blank, line: 3, field: "practice_code", reason: "empty practice code"))

        let long = f.file("l.csv", "practice_code,pcn_code\nA1,U1,surprise\n")
        #expect(readerError { _ = try OrgMappingReader.read(path: long) }?.line == 2)
    }
}

extension OrgMappingReaderTests {
    /// A unit in two parents, a unit that is its own parent, an unknown setting and a code with
    /// a stray byte are refused, naming the line and field.
    @Test(arguments: [
        ("A81001,U1,,03A,,QWO,,Y63,,4\nA81002,U1,,03A,,QSL,,Y63,,4\n", 3, "icb_code", "is in icb_code QWO on line 2 but QSL on line 3"),
        ("A81001,U1,,03A,,03A,,Y63,,4\n", 2, "icb_code", "own parent"),
        ("A81001,A81001,,03A,,QWO,,Y63,,4\n", 2, "pcn_code", "its own pcn_code"),
        ("A81001,U1,,03A,,QWO,,Y63,,banana\n", 2, "setting", "unknown setting 'banana'"),
        ("A81001,U\u{FEFF}1,,03A,,QWO,,Y63,,4\n", 2, "pcn_code", "not an organisation code"),
        ("-@03A,U1,,03A,,QWO,,Y63,,4\n", 2, "practice_code", "not a prescriber code"),
    ])
    func theMappingIsValidated(rows: String, line: Int, field: String, reason: String) throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("orgs.csv", Self.header + ",setting\n" + rows)
        let error = #expect(throws: InputError.self) { _ = try OrgMappingReader.read(path: path) }
        #expect(error?.line == line && error?.field == field && error?.reason.contains(reason) == true, "\(String(describing: error))")
    }

    @Test func settingsByNumberOrWord() {
        for s in ["4", "1", "99", "GP", "gp practice", "other"] { #expect(OrgMappingReader.isValidSetting(s), "\(s)") }
        for s in ["banana", "100", "-1", "4.0"] { #expect(!OrgMappingReader.isValidSetting(s), "\(s)") }
    }
}
