import Foundation
import Testing
@testable import RxData

/// Public Health Scotland's two quarterly list-size layouts, with the column names of the
/// published files (PHS open data: "GP Practice Populations", "GP Practice Contact Details and
/// List Sizes").
@Suite("ListSizeReader: Public Health Scotland layouts")
struct PHSListSizeTests {
    static let bands = ["Ages0to4", "Ages5to14", "Ages15to24", "Ages25to44", "Ages45to64", "Ages65to74", "Ages75to84", "Ages85plus"]

    /// A populations file: two practices, one date, Sex All/Male/Female rows with QF columns.
    static func populations(hbColumn: String = "HB", hscpColumn: String = "HSCP", date: String = "20240401",
                            maleAllAges: Int = 45) -> String {
        let header = ["Date", "PracticeCode", hbColumn, hscpColumn, "Sex", "SexQF", "AllAges", "AllAgesQF"]
            + bands.flatMap { [$0, $0.replacingOccurrences(of: "Ages", with: "Ages") + "QF"] }
        func row(_ code: String, _ sex: String, _ values: [Int], all: Int? = nil) -> String {
            let total = all ?? values.reduce(0, +)
            return ([date, code, "S08000031", "S37000034", sex, sex == "All" ? "d" : "", "\(total)", ""]
                    + values.flatMap { ["\($0)", ""] }).joined(separator: ",")
        }
        return ([header.joined(separator: ",")] + [
            row("43001", "All", [10, 20, 15, 15, 10, 10, 5, 5]),
            row("43001", "Male", [5, 10, 5, 10, 5, 5, 3, 2], all: maleAllAges),
            row("43001", "Female", [5, 10, 10, 5, 5, 5, 2, 3]),
            row("43002", "All", [1, 2, 3, 4, 5, 6, 7, 8]),
        ]).joined(separator: "\n") + "\n"
    }

    static let contactHeader = "PracticeCode,GPPracticeName,PracticeListSize,AddressLine1,AddressLine2,AddressLine3,AddressLine4,"
        + "Postcode,TelephoneNumber,PracticeType,Dispensing,HB,HSCP,DataZone,GPCluster"

    static func contact(_ rows: [String] = ["43001,Muirhead Medical Centre,7980,1 Liff Road,,,Dundee,DD2 5NH,01382 000000,17J,,S08000027,S37000007,S01007700,Dundee West",
                                            "43002,Blue Practice,6555,Crieff Road,,,Perth,PH1 1AA,01738 000000,17C,Y,S08000030,S37000023,S01011111,Perth City"]) -> String {
        ([contactHeader] + rows).joined(separator: "\n") + "\n"
    }

    @Test func populationsLayout() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let result = try ListSizeReader.read(path: f.file("practice_listsizes_apr2024.csv", Self.populations()))
        #expect(result.layout == .phsPopulations)
        #expect(result.coveredMonths == [YearMonth(year: 2024, month: 4)!])
        #expect(result.rowsRead == 4)
        let a = try #require(result.months.first?.practices["43001"])
        #expect(a.total == 90)
        #expect(a.male["0to4"] == 5 && a.male["85plus"] == 2 && a.female.values.reduce(0, +) == 45)
        #expect(result.months.first?.practices["43002"]?.total == 36)
        let r = try #require(result.orgs.practices["43001"])
        #expect(r.parents == [.icb: "S08000031", .subICB: "S37000034", .nation: "S92000003"])
    }

    @Test(arguments: [("HB2014", "HSCP2016"), ("HB2019", "HSCP2019"), ("HB", "HSCP")])
    func populationsColumnNameVariants(hb: String, hscp: String) throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let result = try ListSizeReader.read(path: f.file("pop.csv", Self.populations(hbColumn: hb, hscpColumn: hscp)))
        #expect(result.layout == .phsPopulations)
        #expect(result.orgs.practices["43002"]?.parents[.icb] == "S08000031")
        #expect(result.orgs.practices["43002"]?.parents[.subICB] == "S37000034")
    }

    @Test func populationsBandsMustAddUpNamingTheLine() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("pop.csv", Self.populations(maleAllAges: 46))
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error?.line == 3 && error?.field == "AllAges")
        #expect(error?.reason.contains("practice 43001") == true && error?.reason.contains("add up to 45 but AllAges is 46") == true)
    }

    @Test func populationsWithoutAnAllRowIsAnError() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let text = Self.populations().split(separator: "\n").enumerated().filter { $0.offset != 1 }.map(\.element).joined(separator: "\n")
        let error = readerError { _ = try ListSizeReader.read(path: f.file("pop.csv", text + "\n")) }
        #expect(error?.reason.contains("43001") == true && error?.reason.contains("no Sex All row") == true)
    }

    @Test func contactDetailsLayoutTakesItsMonthFromTheName() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let result = try ListSizeReader.read(path: f.file("practice_contactdetails_oct2021-open-data.csv", Self.contact()))
        #expect(result.layout == .phsContactDetails)
        #expect(result.coveredMonths == [YearMonth(year: 2021, month: 10)!])
        #expect(result.months[0].practices["43001"]?.total == 7980)
        let r = try #require(result.orgs.practices["43002"])
        #expect(r.name == "Blue Practice" && r.postcode == "PH1 1AA")
        #expect(r.parents == [.icb: "S08000030", .subICB: "S37000023", .pcn: "S37000023/Perth City", .nation: "S92000003"])
        #expect(result.orgs.names[.pcn]?["S37000023/Perth City"] == "Perth City")
    }

    @Test func contactDetailsWithoutAMonthIsRefusedUnlessGiven() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("contacts.csv", Self.contact())
        let error = readerError { _ = try ListSizeReader.read(path: path) }
        #expect(error?.reason.contains("no month was given") == true)
        let given = try ListSizeReader.read(path: path, months: [YearMonth(year: 2024, month: 1)!])
        #expect(given.coveredMonths == [YearMonth(year: 2024, month: 1)!])
    }

    @Test func contactDetailsPracticeTwiceNamesBothLines() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let rows = ["43001,A,100,,,,,,,,,S08000030,S37000033,,X", "43001,B,200,,,,,,,,,S08000030,S37000033,,X"]
        let error = readerError { _ = try ListSizeReader.read(path: f.file("practice_contactdetails_jan2024.csv", Self.contact(rows))) }
        #expect(error?.line == 3 && error?.reason.contains("lines 2 and 3") == true)
    }

    @Test(arguments: [("practice_contactdetails_jan2022.csv", 2022, 1), ("practice_contactdetails_oct2021-open-data.csv", 2021, 10),
                      ("GP_Practices_April_2023.csv", 2023, 4), ("contacts_sept2020.csv", 2020, 9), ("/data/jul2023/x_dec2019.csv", 2019, 12)])
    func monthsFromFileNames(name: String, year: Int, month: Int) {
        #expect(PHSContactDetailsParser.month(fromFileName: name) == YearMonth(year: year, month: month))
    }

    @Test func namesWithoutAMonthGiveNone() {
        for name in ["contacts.csv", "marching_2020.csv", "jan20.csv", "practice_2024.csv", "jan20245.csv"] {
            #expect(PHSContactDetailsParser.month(fromFileName: name) == nil, "\(name)")
        }
    }
}
