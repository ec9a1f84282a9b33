import Foundation
import Testing
@testable import RxData

@Suite("PDPICompanions")
struct PDPICompanionsTests {
    static let addr = """
        201403,A81001,THE DENSHAM SURGERY                     ,THE HEALTH CENTRE        ,LAWSON STREET            ,STOCKTON                 ,CLEVELAND                ,TS18 1HU\r
        201403,A81004,WOODLANDS ROAD SURGERY                  ,6 WOODLANDS ROAD         ,                         ,MIDDLESBROUGH            ,CLEVELAND                ,TS1 3BE \r

        """
    static let chem = """
        CHEM SUB ,NAME,                                                       201304,\r
        0101010A0,Alexitol Sodium                                             ,\r
        2396     ,Urostomy Bags                                               ,\r

        """

    @Test func addresses() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let records = try PDPICompanions.readAddresses(path: f.file("T201403ADDR BNFT.CSV", Self.addr))
        #expect(records == [
            PracticeRecord(code: "A81001", name: "THE DENSHAM SURGERY", kind: .practice, postcode: "TS18 1HU"),
            PracticeRecord(code: "A81004", name: "WOODLANDS ROAD SURGERY", kind: .practice, postcode: "TS1 3BE"),
        ])
    }

    @Test func addressErrors() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let short = f.file("a.csv", "201403,A81001,NAME,A,B,C,D\n")
        #expect(readerError { _ = try PDPICompanions.readAddresses(path: short) }
                == InputError(file: short, line: 1, reason: "wrong field count: expected 8, found 7"))
        let period = f.file("b.csv", Self.addr.replacingOccurrences(of: "201403,A81004", with: "2014-3,A81004"))
        #expect(readerError { _ = try PDPICompanions.readAddresses(path: period) }
                == InputError(file: period, line: 2, field: "PERIOD", reason: "not a YYYYMM month: '2014-3'"))
        let noCode = f.file("c.csv", "201403,  ,NAME,A,B,C,D,E\n")
        #expect(readerError { _ = try PDPICompanions.readAddresses(path: noCode) }?.field == "PRACTICE")
        let conflict = f.file("d.csv", "201403,A1,ONE,,,,,X1\n201403,A1,TWO,,,,,X1\n")
        let error = readerError { _ = try PDPICompanions.readAddresses(path: conflict) }
        #expect(error?.line == 2)
        #expect(error?.field == "NAME")
        let empty = f.file("e.csv", "")
        #expect(readerError { _ = try PDPICompanions.readAddresses(path: empty) }?.reason.hasPrefix("empty file") == true)
    }

    @Test func chemicals() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("T201304CHEM SUBS.CSV", Self.chem)
        let names = try PDPICompanions.readChemicals(path: path)
        #expect(names == [BNFCode("0101010A0")!: "Alexitol Sodium", BNFCode("2396")!: "Urostomy Bags"])
        #expect(try PDPICompanions.chemicalsMonth(path: path) == YearMonth(year: 2013, month: 4))
    }

    @Test func chemicalErrors() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let notChem = f.file("a.csv", "CODE,NAME\n0101010A0,X\n")
        let notChemError = readerError { _ = try PDPICompanions.readChemicals(path: notChem) }
        #expect(notChemError?.line == 1)
        #expect(notChemError?.field == "CHEM SUB")
        let headerOnly = f.file("b.csv", "CHEM SUB,NAME,201304,\n")
        #expect(readerError { _ = try PDPICompanions.readChemicals(path: headerOnly) }
                == InputError(file: headerOnly, line: 1, reason: "header only: the CHEM file lists no chemicals"))
        let badCode = f.file("c.csv", "CHEM SUB,NAME,201304,\n0101010A0,X,\n0101010A0XXXXXXXX,Y,\n")
        #expect(readerError { _ = try PDPICompanions.readChemicals(path: badCode) }
                == InputError(file: badCode, line: 3, field: "CHEM SUB", reason: "not a BNF code: '0101010A0XXXXXXXX'"))
        let conflict = f.file("d.csv", "CHEM SUB,NAME,201304,\n0101010A0,X,\n0101010A0,Y,\n")
        #expect(readerError { _ = try PDPICompanions.readChemicals(path: conflict) }
                == InputError(file: conflict, line: 3, field: "NAME", reason: "0101010A0 is named 'X' on line 2 but 'Y' on line 3"))
        let extra = f.file("e.csv", "CHEM SUB,NAME,201304,\n0101010A0,X,Z\n")
        #expect(readerError { _ = try PDPICompanions.readChemicals(path: extra) }?.line == 2)
    }

    @Test func detection() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        #expect(try CompanionFile.detect(path: f.file("a.csv", Self.addr)) == .pdpiAddresses)
        #expect(try CompanionFile.detect(path: f.file("c.csv", Self.chem)) == .pdpiChemicals)
        #expect(try CompanionFile.detect(path: f.file("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(Self.chem.utf8))) == .pdpiChemicals)
        #expect(try CompanionFile.detect(path: f.file("p.csv", " SHA,PCT,PRACTICE,BNF CODE,BNF NAME,ITEMS,NIC,ACT COST,QUANTITY,PERIOD,\n")) == nil)
        #expect(try CompanionFile.detect(path: f.file("l.csv", "PUBLICATION,EXTRACT_DATE,TYPE,CODE\n")) == nil)
        #expect(try CompanionFile.detect(path: f.file("n.csv", "201403,A1,B,C,D,E,F\n")) == nil)
        #expect(try CompanionFile.detect(path: f.file("e.csv", "")) == nil)
    }
}

/// The real PDPI companion samples in `../shared/data/samples`.
@Suite("PDPICompanions: real samples", .enabled(if: ReaderFixtures.sharedDataPresent, ReaderFixtures.sharedDataMissing))
struct PDPICompanionSampleTests {
    @Test func addressSample() throws {
        let path = ReaderFixtures.shared("samples/pdpi_addr_201403_sample.csv")
        #expect(try CompanionFile.detect(path: path) == .pdpiAddresses)
        let records = try PDPICompanions.readAddresses(path: path)
        // Independent: the second field of each line, and the last field trimmed.
        let lines = try String(contentsOfFile: path, encoding: .isoLatin1).split(whereSeparator: \.isNewline)
        let codes = lines.map { String($0.split(separator: ",", omittingEmptySubsequences: false)[1]) }
        #expect(records.map(\.code) == codes)
        #expect(records.count == 27)
        #expect(records[0] == PracticeRecord(code: "A81001", name: "THE DENSHAM SURGERY", kind: .practice, postcode: "TS18 1HU"))
        for (record, line) in zip(records, lines) {
            let postcode = line.split(separator: ",", omittingEmptySubsequences: false).last!.trimmingCharacters(in: .whitespaces)
            #expect(record.postcode == postcode)
        }
    }

    @Test func chemicalSample() throws {
        let path = ReaderFixtures.shared("samples/pdpi_chem_201304_sample.csv")
        #expect(try CompanionFile.detect(path: path) == .pdpiChemicals)
        let names = try PDPICompanions.readChemicals(path: path)
        let lines = try String(contentsOfFile: path, encoding: .isoLatin1).split(whereSeparator: \.isNewline).dropFirst()
        #expect(names.count == lines.count)
        #expect(names.count == 88)
        #expect(names[BNFCode("0101010A0")!] == "Alexitol Sodium")
        #expect(names[BNFCode("2399")!] == "Ostomy Appliances R/Sub Allowed Pre 1985")
        #expect(try PDPICompanions.chemicalsMonth(path: path) == YearMonth(year: 2013, month: 4))
    }

    @Test func prescribingAndListSizeFilesAreNotCompanions() throws {
        #expect(try CompanionFile.detect(path: ReaderFixtures.shared("samples/pdpi_201410_sample.csv")) == nil)
        #expect(try CompanionFile.detect(path: ReaderFixtures.shared("samples/epd_201709_4practices.csv")) == nil)
        #expect(try CompanionFile.detect(path: ReaderFixtures.shared("samples/Patient_List_Size_2016_01-03.csv")) == nil)
    }
}
