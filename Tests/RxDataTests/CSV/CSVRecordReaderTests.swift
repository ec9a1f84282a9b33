import Foundation
import Testing
@testable import RxData

@Suite("CSVRecordReader")
struct CSVRecordReaderTests {
    private func parse(_ text: String) throws -> [CSVRecord] {
        try CSVRecordReader.records(in: Array(text.utf8), file: "t.csv")
    }

    @Test func plainFieldsAndLineNumbers() throws {
        let records = try parse("a,b,c\n1,2,3\n")
        #expect(records == [CSVRecord(line: 1, fields: ["a", "b", "c"]), CSVRecord(line: 2, fields: ["1", "2", "3"])])
    }

    @Test func quotedFieldsWithCommasAndDoubledQuotes() throws {
        let records = try parse("name,code\n\"BATH,GLOS,SWINDON & WILTSHIRE AREA TEAM\",Q64\n\"say \"\"hi\"\"\",\"\"\n")
        #expect(records[1].fields == ["BATH,GLOS,SWINDON & WILTSHIRE AREA TEAM", "Q64"])
        #expect(records[2].fields == ["say \"hi\"", ""])
    }

    @Test func quotedLineBreakKeepsTheRecordsFirstLine() throws {
        let records = try parse("a,b\n\"two\nlines\",x\nnext,y\n")
        #expect(records[1] == CSVRecord(line: 2, fields: ["two\nlines", "x"]))
        #expect(records[2] == CSVRecord(line: 4, fields: ["next", "y"]))
    }

    @Test func crlfAndBOMAndNoFinalNewline() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("h1,h2\r\n1,\"2\"\r\n3,4".utf8)
        let records = try CSVRecordReader.records(in: bytes, file: "t.csv")
        #expect(records.map(\.fields) == [["h1", "h2"], ["1", "2"], ["3", "4"]])
    }

    @Test func emptyLinesAreSkippedButCounted() throws {
        let records = try parse("a\n\n\r\nb\n")
        #expect(records == [CSVRecord(line: 1, fields: ["a"]), CSVRecord(line: 4, fields: ["b"])])
    }

    @Test func trailingEmptyColumnAndPaddingAreLeftToCallers() throws {
        let records = try parse("CHEM SUB ,NAME,  201304,\n0101010A0,Alexitol Sodium   ,\na,")
        #expect(records[0].fields == ["CHEM SUB ", "NAME", "  201304", ""])
        #expect(records[1].fields.count == 3)
        #expect(records[1].trimmed(1) == "Alexitol Sodium")
        #expect(records[1].trimmed(7) == "")
        #expect(records[2].fields == ["a", ""])
        #expect(CSVRecordReader.trim(" \tx y \r") == "x y")
    }

    @Test func quotedEmptyFieldAloneIsARecord() throws {
        #expect(try parse("\"\"\n").map(\.fields) == [[""]])
    }

    @Test func textAfterClosingQuoteAndStrayQuotesAreKept() throws {
        #expect(try parse("\"ab\"c,d\"e\n").map(\.fields) == [["abc", "d\"e"]])
    }

    @Test func quotedCarriageReturnIsKept() throws {
        #expect(try parse("\"a\r\"\n").map(\.fields) == [["a\r"]])
    }

    @Test func latin1WhenNotValidUTF8() throws {
        // £ (0xA3) and é (0xE9) as latin-1 bytes: not valid UTF-8, so the file is read as latin-1.
        let bytes: [UInt8] = Array("p,".utf8) + [0xA3, 0x35] + Array(",caf".utf8) + [0xE9, 0x0A]
        let records = try CSVRecordReader.records(in: bytes, file: "t.csv")
        #expect(records[0].fields == ["p", "£5", "café"])
    }

    @Test func utf8WhenValid() throws {
        let records = try parse("p,£5,café\n")
        #expect(records[0].fields == ["p", "£5", "café"])
    }

    @Test func unterminatedQuoteIsLocated() throws {
        let error = readerError { _ = try parse("a,b\nok,fine\nx,\"never closed\nmore\n") }
        #expect(error?.file == "t.csv")
        #expect(error?.line == 3)
        #expect(error?.field == "column 2")
        #expect(error?.reason.contains("not closed") == true)
    }

    @Test func emptyInputHasNoRecords() throws {
        #expect(try parse("").isEmpty)
        #expect(try CSVRecordReader.records(in: [0xEF, 0xBB, 0xBF], file: "t.csv").isEmpty)
    }

    @Test func readsGzipFiles() throws {
        let fixtures = ReaderFixtures()
        defer { fixtures.remove() }
        let plain = fixtures.file("x.csv", "a,b\n\"1,5\",2\n")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/gzip")
        p.arguments = ["-k", plain]
        try p.run()
        p.waitUntilExit()
        #expect(try CSVRecordReader.read(path: plain + ".gz").map(\.fields) == [["a", "b"], ["1,5", "2"]])
    }

    @Test func headerLooksUpNamesIgnoringCaseAndPadding() throws {
        let header = CSVHeader(CSVRecord(line: 1, fields: [" Practice Code ", "NAME", "name"]))
        #expect(header.index(of: "practice code") == 0)
        #expect(header.index(of: "Name") == 1)
        #expect(header.firstIndex(ofAny: ["missing", "NAME"])?.index == 1)
        #expect(header.index(of: "missing") == nil)
    }
}
