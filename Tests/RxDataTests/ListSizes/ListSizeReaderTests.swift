import Foundation
import Testing
@testable import RxData

@Suite("ListSizeReader: layouts and errors")
struct ListSizeReaderTests {
    static let quinHeader = "PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,ONS_CODE,POSTCODE,SEX,AGE_GROUP_5,NUMBER_OF_PATIENTS"

    /// A small quinary-age file: one CCG row (skipped) and one practice with three bands a sex.
    static func quinFile(femaleAll: Int = 60) -> String {
        """
        \(quinHeader)
        GP_PRAC_PAT_LIST,01SEP2017,CCG,02N,E38000001,,ALL,ALL,999
        GP_PRAC_PAT_LIST,01SEP2017,GP,A00001,,AB1 2CD,ALL,ALL,110
        GP_PRAC_PAT_LIST,01SEP2017,GP,A00001,,AB1 2CD,FEMALE,0_4,10
        GP_PRAC_PAT_LIST,01SEP2017,GP,A00001,,AB1 2CD,FEMALE,5_9,20
        GP_PRAC_PAT_LIST,01SEP2017,GP,A00001,,AB1 2CD,FEMALE,95+,30
        GP_PRAC_PAT_LIST,01SEP2017,GP,A00001,,AB1 2CD,FEMALE,ALL,\(femaleAll)
        GP_PRAC_PAT_LIST,01SEP2017,GP,A00001,,AB1 2CD,MALE,0_4,5
        GP_PRAC_PAT_LIST,01SEP2017,GP,A00001,,AB1 2CD,MALE,5_9,15
        GP_PRAC_PAT_LIST,01SEP2017,GP,A00001,,AB1 2CD,MALE,95+,30
        GP_PRAC_PAT_LIST,01SEP2017,GP,A00001,,AB1 2CD,MALE,ALL,50

        """
    }

    @Test func quinaryAgeLayout() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let result = try ListSizeReader.read(path: f.file("quin.csv", Self.quinFile()))
        #expect(result.layout == .registeredQuinaryAge)
        #expect(result.coveredMonths == [YearMonth(year: 2017, month: 9)!])
        #expect(result.rowsRead == 10)
        #expect(result.skipped == ["ORG_TYPE CCG": 1])
        #expect(result.rowsSkipped == 1)
        let list = try #require(result.months.first?.practices["A00001"])
        #expect(list.total == 110)
        #expect(list.female == ["0_4": 10, "5_9": 20, "95+": 30])
        #expect(list.male == ["0_4": 5, "5_9": 15, "95+": 30])
        #expect(result.months[0].practices.count == 1)
        #expect(result.orgs.practices["A00001"]?.postcode == "AB1 2CD")
    }

    @Test func bandsNotAddingUpNameThePractice() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("quin.csv", Self.quinFile(femaleAll: 61))
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error?.file == path)
        #expect(error?.line == 7)
        #expect(error?.field == "NUMBER_OF_PATIENTS")
        #expect(error?.reason.contains("A00001") == true)
        #expect(error?.reason.contains("FEMALE age bands add up to 60") == true)
    }

    @Test func maleAndFemaleMayNotExceedTheTotal() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let text = Self.quinFile().replacingOccurrences(of: "AB1 2CD,ALL,ALL,110", with: "AB1 2CD,ALL,ALL,100")
        let path = f.file("quin.csv", text)
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error?.line == 3)
        #expect(error?.reason.contains("more than its total (100)") == true)
    }

    @Test func practiceWithoutTotalRowIsAnError() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let text = Self.quinFile().replacingOccurrences(of: "GP_PRAC_PAT_LIST,01SEP2017,GP,A00001,,AB1 2CD,ALL,ALL,110\n", with: "")
        let path = f.file("quin.csv", text)
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error?.line == 3)
        #expect(error?.reason.contains("A00001 (2017-09) has no SEX ALL, AGE ALL row") == true)
    }

    @Test func duplicateRowNamesBothLines() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("quin.csv", Self.quinFile() + "GP_PRAC_PAT_LIST,01SEP2017,GP,A00001,,AB1 2CD,MALE,5_9,15\n")
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error?.line == 12)
        #expect(error?.reason.contains("the first is on line 9") == true)
    }

    @Test func allLayoutWithSubICBColumns() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("gp-reg-pat-prac-all.csv", """
            PUBLICATION,EXTRACT_DATE,TYPE,SUB_ICB_LOCATION_CODE,ONS_SUB_ICB_LOCATION_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS
            GP_PRAC_PAT_LIST,2024-06-01,GP,15N,E38000230,A81001,TS18 1HU,ALL,ALL,4120
            GP_PRAC_PAT_LIST,2024-06-01,GP,15N,E38000230,A81001,TS18 1HU,FEMALE,ALL,2100
            GP_PRAC_PAT_LIST,2024-06-01,GP,15N,E38000230,A81001,TS18 1HU,MALE,ALL,2019
            GP_PRAC_PAT_LIST,2024-06-01,GP,16C,E38000247,A81002,TS18 2AW,ALL,ALL,"12,000"

            """)
        // Quoted thousands are not a whole number: the error names the line and field.
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error?.line == 5)
        #expect(error?.field == "NUMBER_OF_PATIENTS")
        #expect(error?.reason == "not a whole number: '12,000'")

        let good = f.file("all.csv", try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "\"12,000\"", with: "12000"))
        let result = try ListSizeReader.read(path: good)
        #expect(result.layout == .registeredAll)
        #expect(result.coveredMonths == [YearMonth(year: 2024, month: 6)!])
        #expect(result.months[0].practices["A81001"] == PracticeList(total: 4120))
        #expect(result.months[0].practices["A81002"]?.total == 12000)
        #expect(result.orgs.practices["A81002"]?.parents[.subICB] == "16C")
        #expect(result.orgs.practices["A81001"]?.postcode == "TS18 1HU")
    }

    @Test func allLayoutOlderCCGColumnsAndDayMonthYearDates() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("all-2020.csv", """
            PUBLICATION,EXTRACT_DATE,TYPE,CCG_CODE,ONS_CCG_CODE,CODE,POSTCODE,SEX,AGE,NUMBER_OF_PATIENTS
            GP_PRAC_PAT_LIST,01-Apr-20,GP,00L,E38000130,A84002,NE63 0AA,ALL,ALL,9001
            GP_PRAC_PAT_LIST,01-Apr-20,CCG,00L,E38000130,00L,,ALL,ALL,300000
            """)
        let result = try ListSizeReader.read(path: path)
        #expect(result.layout == .registeredAll)
        #expect(result.coveredMonths == [YearMonth(year: 2020, month: 4)!])
        #expect(result.months[0].practices == ["A84002": PracticeList(total: 9001)])
        #expect(result.orgs.practices["A84002"]?.parents[.subICB] == "00L")
        #expect(result.skipped == ["TYPE CCG": 1])
    }

    @Test func overrideMonthsForADatedLayout() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("quin.csv", Self.quinFile())
        let months = [YearMonth(year: 2017, month: 11)!, YearMonth(year: 2017, month: 10)!]
        let result = try ListSizeReader.read(path: path, months: months)
        #expect(result.coveredMonths == months.sorted())
        #expect(result.months.allSatisfy { $0.practices["A00001"]?.total == 110 })
    }

    static let wideHeader = "Regional Office Name,Regional Office Code,Area Team Name,Area Team Code,PCO Name,PCO Code,Practice Name,Practice Code,Male 0-4,Female 0-4,Male 75+,Female 75+"

    @Test func wideLayoutMonthsFromTheFileName() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("Patient_List_Size_2015_04-06.csv", """
            \(Self.wideHeader)\r
            LONDON,Y56,NORTH EAST LONDON AREA TEAM,Q61,HAVERING CCG,08F00,"THE ROBINS SURGERY, HAROLD HILL",Y00312,1,2,3,4\r
            LONDON,Y56,NORTH EAST LONDON AREA TEAM,Q61,REDBRIDGE CCG,08N00,GREEN LANE,F86034, 10 ,20,30,40\r

            """)
        let result = try ListSizeReader.read(path: path)
        #expect(result.layout == .nhsbsaWideQuarterly)
        #expect(result.coveredMonths == [4, 5, 6].map { YearMonth(year: 2015, month: $0)! })
        #expect(result.rowsRead == 2)
        for month in result.months {
            #expect(month.practices["Y00312"] == PracticeList(total: 10, male: ["0-4": 1, "75+": 3], female: ["0-4": 2, "75+": 4]))
            #expect(month.practices["F86034"]?.total == 100)
        }
        let robins = try #require(result.orgs.practices["Y00312"])
        #expect(robins.name == "THE ROBINS SURGERY, HAROLD HILL")
        #expect(robins.parents == [.subICB: "08F00", .icb: "Q61", .region: "Y56"])
        #expect(result.orgs.names[.subICB]?["08N00"] == "REDBRIDGE CCG")
        #expect(result.orgs.names[.icb]?["Q61"] == "NORTH EAST LONDON AREA TEAM")
        #expect(result.orgs.names[.region]?["Y56"] == "LONDON")
    }

    @Test func wideLayoutOverrideAndMissingMonths() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let text = "Practice Code,Male 0-4,Female 0-4\nA1,1,2\n"
        let path = f.file("list_sizes.csv", text)
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error?.file == path)
        #expect(error?.line == nil)
        #expect(error?.reason.contains("no date column") == true)

        let month = YearMonth(year: 2016, month: 2)!
        let result = try ListSizeReader.read(path: path, months: [month])
        #expect(result.coveredMonths == [month])
        #expect(result.months[0].practices["A1"]?.total == 3)
    }

    @Test func wideLayoutDuplicatePracticeNamesBothLines() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("Patient_List_Size_2016_01-03.csv", "Practice Code,Male 0-4,Female 0-4\nA1,1,2\nB2,1,1\nA1,3,4\n")
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error?.line == 4)
        #expect(error?.field == "Practice Code")
        #expect(error?.reason == "practice A1 is listed twice, on lines 2 and 4")
    }

    @Test func wideLayoutNonNumericBand() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("Patient_List_Size_2016_01-03.csv", "Practice Code,Male 0-4,Female 0-4\nA1,1,two\n")
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error == InputError(file: path, line: 2, field: "Female 0-4", reason: "not a whole number: 'two'"))
    }

    @Test func nonNumericAndNegativeCounts() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let bad = f.file("quin.csv", Self.quinFile().replacingOccurrences(of: "MALE,5_9,15", with: "MALE,5_9,1x"))
        #expect(readerError { _ = try ListSizeReader.read(path: bad) }
                == InputError(file: bad, line: 9, field: "NUMBER_OF_PATIENTS", reason: "not a whole number: '1x'"))
        let negative = f.file("neg.csv", Self.quinFile().replacingOccurrences(of: "MALE,5_9,15", with: "MALE,5_9,-15"))
        #expect(readerError { _ = try ListSizeReader.read(path: negative) }
                == InputError(file: negative, line: 9, field: "NUMBER_OF_PATIENTS", reason: "negative patient count: -15"))
        let empty = f.file("empty.csv", Self.quinFile().replacingOccurrences(of: "MALE,5_9,15", with: "MALE,5_9, "))
        #expect(readerError { _ = try ListSizeReader.read(path: empty) }?.reason == "empty patient count")
    }

    @Test func badExtractDate() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("quin.csv", Self.quinFile().replacingOccurrences(of: "01SEP2017,GP,A00001,,AB1 2CD,MALE,0_4", with: "SEP 2017,GP,A00001,,AB1 2CD,MALE,0_4"))
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error?.line == 8)
        #expect(error?.field == "EXTRACT_DATE")
    }

    @Test func missingRequiredColumn() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("nosex.csv", "PUBLICATION,EXTRACT_DATE,ORG_TYPE,ORG_CODE,AGE_GROUP_5,NUMBER_OF_PATIENTS\nX,01SEP2017,GP,A1,ALL,5\n")
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error?.file == path)
        #expect(error?.line == 1)
        #expect(error?.field == "SEX")
        #expect(error?.reason.hasPrefix("missing required column SEX") == true)
    }

    @Test func wrongFieldCount() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("quin.csv", Self.quinFile().replacingOccurrences(of: "MALE,5_9,15", with: "MALE,5_9"))
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error?.line == 9)
        #expect(error?.reason == "wrong field count: expected 9 fields as in the header, found 8")
    }

    @Test func headerOnlyEmptyAndUnknownLayouts() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let headerOnly = f.file("h.csv", Self.quinHeader + "\r\n")
        #expect(readerError { _ = try ListSizeReader.read(path: headerOnly) }
                == InputError(file: headerOnly, line: 1, reason: "header only: the file holds no list-size rows"))
        let empty = f.file("e.csv", "")
        let emptyError = readerError { _ = try ListSizeReader.read(path: empty) }
        #expect(emptyError?.file == empty)
        #expect(emptyError?.reason.hasPrefix("empty file") == true)
        let unknown = f.file("u.csv", "practice,patients\nA1,5\n")
        let unknownError = readerError { _ = try ListSizeReader.read(path: unknown) }
        #expect(unknownError?.line == 1)
        #expect(unknownError?.reason.hasPrefix("unknown list-size layout") == true)
    }

    @Test func overrideWithSeveralExtractsIsRefused() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let text = Self.quinFile() + Self.quinFile().replacingOccurrences(of: "01SEP2017", with: "01OCT2017")
            .split(separator: "\n").dropFirst().joined(separator: "\n")
        let path = f.file("two.csv", text)
        let both = try ListSizeReader.read(path: path)
        #expect(both.coveredMonths == [YearMonth(year: 2017, month: 9)!, YearMonth(year: 2017, month: 10)!])
        let error = readerError { _ = try ListSizeReader.read(path: path, months: [YearMonth(year: 2018, month: 1)!]) }
        #expect(error?.field == "EXTRACT_DATE")
        #expect(error?.reason.contains("2 months") == true)
    }

    @Test func monthsFromFileNames() {
        #expect(ListSizeReader.months(fromFileName: "/x/Patient_List_Size_2016_01-03.csv")
                == [1, 2, 3].map { YearMonth(year: 2016, month: $0)! })
        #expect(ListSizeReader.months(fromFileName: "Patient_List_Size_2013_10-12.csv.gz")?.count == 3)
        #expect(ListSizeReader.months(fromFileName: "/data/2016_01-03/list.csv") == nil)
        #expect(ListSizeReader.months(fromFileName: "list_2016_03-01.csv") == nil)
        #expect(ListSizeReader.months(fromFileName: "list_2016_13-14.csv") == nil)
        #expect(ListSizeReader.months(fromFileName: "list.csv") == nil)
    }

    @Test func extractDates() {
        #expect(ListSizeReader.extractMonth("01SEP2017") == YearMonth(year: 2017, month: 9))
        #expect(ListSizeReader.extractMonth("2024-06-01") == YearMonth(year: 2024, month: 6))
        #expect(ListSizeReader.extractMonth("01-Apr-20") == YearMonth(year: 2020, month: 4))
        #expect(ListSizeReader.extractMonth("01-apr-2020") == YearMonth(year: 2020, month: 4))
        #expect(ListSizeReader.extractMonth("01-Foo-20") == nil)
        #expect(ListSizeReader.extractMonth("") == nil)
    }
}
