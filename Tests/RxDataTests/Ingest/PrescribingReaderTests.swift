import Foundation
import Testing
@testable import RxData

@Suite struct PrescribingReaderTests {
    let dir = TempDir()

    private func read(_ name: String, _ text: String, threads: Int = 2, chunk: Int = 32 << 20,
                      policy: ErrorPolicy = .fail, latin1: Bool = false) throws -> PrescribingFile {
        let path = dir.write(name, text, latin1: latin1)
        return try PrescribingReader(errorPolicy: policy, threads: threads, chunkSize: chunk).read(path: path)
    }

    @Test func legacyEPDSumsPackSizesExactly() throws {
        let text = [Fixtures.epdLegacyHeader,
                    Fixtures.epdLegacyRow(quantity: "168.0", items: "1", total: "168.0", adq: "84.0", nic: "75.38", cost: "69.93852"),
                    Fixtures.epdLegacyRow(quantity: "90.0", items: "2", total: "180.0", adq: "45.0", nic: "40.38", cost: "37.41727"),
                    Fixtures.epdLegacyRow(bnf: "0101010R0AAABAB", quantity: "50.0", items: "1", total: "50.0", adq: "0.0", nic: "2.71", cost: "2.521"),
        ].joined(separator: "\r\n") + "\r\n"
        let f = try read("epd.csv", text)
        #expect(f.format == .epdLegacy)
        #expect(f.months.count == 1)
        let m = f.months[0]
        #expect(m.month == YearMonth(year: 2017, month: 9))
        #expect(m.rowCount == 2)
        #expect(m.practiceCodes == ["L84073"])
        #expect(m.presentationCodes.map(\.description) == ["0101010R0AAABAB", "0105010B0BIAAAS"])
        #expect(m.column(.items) == [1, 3])
        #expect(m.column(.quantity) == [5_000_000, 34_800_000])
        #expect(m.column(.nic) == [271_000, 11_576_000])
        #expect(m.column(.actualCost) == [252_100, 10_735_579])
        #expect(m.column(.adq) == [0, 12_900_000])
        #expect(m.validate() == nil)
        #expect(f.summary.linesRead == 4)
        #expect(f.summary.rowsKept == 3)
        #expect(f.summary.rowsOut == 2)
        #expect(f.orgs.names[.icb]?["Q64"] == "BATH,GLOS,SWINDON & WILTSHIRE AREA TEAM")
        #expect(f.orgs.practices["L84073"]?.parents[.subICB] == "11M00")
        #expect(f.presentationNames[BNFCode("0105010B0BIAAAS")!] == "Octasa_MR Tab E/C 800mg")
    }

    @Test(arguments: ["AREA_TEAM", "STP", "ICB"])
    func legacyAreaColumnNamesOverTheYears(prefix: String) throws {
        let header = Fixtures.epdLegacyHeader.replacingOccurrences(of: "AREA_TEAM", with: prefix)
        let f = try read("epd-\(prefix).csv", header + "\n" + Fixtures.epdLegacyRow() + "\n")
        #expect(f.format == .epdLegacy)
        #expect(f.orgs.practices["L84073"]?.parents[.icb] == "Q64")
    }

    @Test func snomedLayoutIsDetected() throws {
        let f = try read("snomed.csv", Fixtures.epdLegacyHeader + ",SNOMED_CODE\n" + Fixtures.epdLegacyRow() + ",322236009\n")
        #expect(f.format == .epdSnomed)
        #expect(f.summary.rowsKept == 1)
    }

    @Test func layout2025WithTextSnomedAndDashedMonth() throws {
        let f = try read("epd2025.csv", Fixtures.epd2025Header + "\n" + Fixtures.epd2025Row(snomed: "\"39113611000001102\"") + "\n")
        #expect(f.format == .epd2025)
        #expect(f.months.map(\.month) == [YearMonth(year: 2025, month: 10)])
        #expect(f.months[0].column(.adq) == [3_000_000])
        #expect(f.chemicalNames[BNFCode("0302000C0")!] == "Beclometasone dipropionate")
    }

    @Test(arguments: ["201709", "2017_09", "2017-09"])
    func monthSpellings(month: String) throws {
        let f = try read("m.csv", Fixtures.epdLegacyHeader + "\n" + Fixtures.epdLegacyRow(month: month) + "\n")
        #expect(f.months.map(\.month) == [YearMonth(year: 2017, month: 9)])
    }

    @Test func byteOrderMarkAndLatin1Names() throws {
        // A latin-1 file with a UTF-8 BOM in front, as some exports have.
        let latin = Array(("\(Fixtures.epdLegacyHeader)\n\(Fixtures.epdLegacyRow(practiceName: "CAFÉ SURGERY"))\n").data(using: .isoLatin1)!)
        let path = dir.write("bom.csv", bytes: [0xEF, 0xBB, 0xBF] + latin)
        let f = try PrescribingReader().read(path: path)
        #expect(f.orgs.practices["L84073"]?.name == "CAFÉ SURGERY")
    }

    @Test func unidentifiedPrescribingIsItsOwnBucketPerArea() throws {
        let text = [Fixtures.epdLegacyHeader,
                    Fixtures.epdLegacyRow(practice: "-", practiceName: "UNIDENTIFIED DOCTORS", items: "5", unidentified: "Y", pco: "11M00"),
                    Fixtures.epdLegacyRow(practice: "-", practiceName: "UNIDENTIFIED DOCTORS", items: "7", unidentified: "Y", pco: "03A00"),
                    Fixtures.epdLegacyRow(practice: "L84073", items: "1"),
                    Fixtures.epdLegacyRow(practice: "L84074", items: "2", unidentified: "Y"),
        ].joined(separator: "\n") + "\n"
        let f = try read("unid.csv", text)
        let m = f.months[0]
        #expect(m.practiceCodes == ["-@03A00", "-@11M00", "L84073"])
        #expect(m.column(.items) == [7, 7, 1])
        #expect(f.orgs.practices["-@11M00"]?.kind == .unidentified)
        #expect(f.orgs.practices["L84073"]?.kind == .practice)
    }

    @Test func paddedPDPI() throws {
        let text = [Fixtures.pdpiPaddedHeader, Fixtures.pdpiPaddedRow(), Fixtures.pdpiPaddedRow(items: "0000002", quantity: "0000024")]
            .joined(separator: "\r\n") + "\r\n"
        let f = try read("pdpi.csv", text)
        #expect(f.format == .pdpiPadded)
        let m = f.months[0]
        #expect(m.month == YearMonth(year: 2014, month: 10))
        #expect(m.practiceCodes == ["N81646"])
        #expect(m.column(.items) == [3])
        #expect(m.column(.quantity) == [3_600_000])
        #expect(m.column(.nic) == [128_000])
        #expect(!m.measures.has(.adq))
        #expect(f.orgs.practices["N81646"]?.parents[.subICB] == "RXA")
    }

    @Test func scotlandsNonPracticeCodesStayApartByBoard() throws {
        let text = [Fixtures.phsHeader, Fixtures.phsRow(practice: "99996"),
                    Fixtures.phsRow(practice: "99996").replacingOccurrences(of: "S08000015", with: "S08000031")]
            .joined(separator: "\n") + "\n"
        let f = try read("pitc202301.csv", text)
        #expect(f.months[0].practiceCodes == ["99996@S08000015", "99996@S08000031"], "two boards' pharmacies, not one")
        #expect(f.months[0].rowCount == 2)
        #expect(f.orgs.practices["99996@S08000031"]?.parents[.icb] == "S08000031")
    }

    @Test func cleanPDPI() throws {
        let f = try read("pdpi2.csv", Fixtures.pdpiCleanHeader + "\n" + Fixtures.pdpiCleanRow() + "\n")
        #expect(f.format == .pdpi)
        #expect(f.months[0].column(.quantity) == [3_650_000])
    }

    @Test func scotlandFlagsNonPracticeDispensers() throws {
        let text = [Fixtures.phsHeader, Fixtures.phsRow(), Fixtures.phsRow(practice: "99996"), Fixtures.phsRow(practice: "99998")]
            .joined(separator: "\n") + "\n"
        let f = try read("pitc202301.csv", text)
        #expect(f.format == .phs)
        // Each board's non-practice prescribing is its own bucket, as the codes recur in every board.
        #expect(f.orgs.practices["99996@S08000015"]?.kind == .nonPractice)
        #expect(f.orgs.practices["99998@S08000015"]?.kind == .nonPractice)
        #expect(f.orgs.practices["99996@S08000015"]?.parents[.icb] == "S08000015")
        #expect(f.orgs.practices["99996"] == nil)
        #expect(f.orgs.practices["10002"]?.kind == .practice)
        #expect(f.orgs.practices["10002"]?.parents[.icb] == "S08000015")
        #expect(f.months[0].measures == [MeasureSet(.items), MeasureSet(.quantity), MeasureSet(.nic)])
    }

    @Test func scotlandWithoutOptionalColumns() throws {
        let text = "HBT,GPPractice,BNFItemCode,BNFItemDescription,NumberOfPaidItems,PaidQuantity,GrossIngredientCost,PaidDateMonth\n" +
            "S08000015,10002,0101010G0AAABAB,CO-MAGALDROX,4,2000,12.34,202301\n"
        let f = try read("pitc.csv", text)
        #expect(f.months[0].column(.items) == [4])
    }

    @Test func gzipAndZipInputsReadTheSame() throws {
        let text = Fixtures.epdLegacyHeader + "\n" + (0..<500).map { i in
            Fixtures.epdLegacyRow(practice: "P0000\(i % 7)", bnf: String(format: "0105010B0BIAA%02d", i % 31), items: "\(i % 5 + 1)")
        }.joined(separator: "\n") + "\n"
        let plainPath = dir.write("big.csv", text)
        let plain = try PrescribingReader().read(path: plainPath)
        let gz = try PrescribingReader().read(path: try dir.gzip(plainPath))
        #expect(gz.months == plain.months)
        let zipPath = dir.path("big.zip")
        try FileManager.default.zipItem(at: URL(fileURLWithPath: plainPath), to: URL(fileURLWithPath: zipPath))
        let zip = try PrescribingReader().read(path: zipPath)
        #expect(zip.months == plain.months)
    }

    @Test func threadsAndChunkSizesDoNotChangeTheResult() throws {
        var lines = [Fixtures.epdLegacyHeader]
        for i in 0..<3000 {
            // Interleave practices so pack sizes land in different runs and workers.
            lines.append(Fixtures.epdLegacyRow(practice: "P0000\(i % 13)", bnf: String(format: "0105010B0BIAA%02d", (i * 7) % 41),
                                               items: "\(i % 9)", nic: "\(i % 100).\(i % 10)5", cost: "-0.0000\(i % 10)"))
        }
        let text = lines.joined(separator: "\n") + "\n"
        let reference = try read("t1.csv", text, threads: 1)
        for (threads, chunk) in [(2, 4096), (3, 1000), (4, 777)] {
            let other = try read("t\(threads).csv", text, threads: threads, chunk: chunk)
            #expect(other.months == reference.months)
            #expect(other.summary.linesRead == 3001)
        }
        #expect(reference.months[0].total(.items) == (0..<3000).reduce(0) { $0 + Int64($1 % 9) })
        #expect(reference.summary.negativeValues["actual_cost"] == 2700)
    }

    @Test func plainFilesAreHashedDuringTheScan() throws {
        let text = Fixtures.epdLegacyHeader + "\n" + (0..<2000).map { Fixtures.epdLegacyRow(practice: "P0000\($0 % 50)") }.joined(separator: "\n") + "\n"
        let path = dir.write("hash.csv", text)
        let f = try PrescribingReader(chunkSize: 4096).read(path: path)
        let expected = try FileDigest.xxh64(path: path)
        #expect(f.digest?.size == expected.size)
        #expect(f.digest?.xxh64 == expected.digest)
        #expect(f.digest?.xxh64 == XXH64.hash(Array(text.utf8)))
        let gz = try PrescribingReader().read(path: try dir.gzip(path))
        #expect(gz.digest == nil)
    }

    @Test func codeMappingMergesRenamedPresentations() throws {
        let text = [Fixtures.epdLegacyHeader,
                    Fixtures.epdLegacyRow(bnf: "0105010B0BIAAAS", items: "1"),
                    Fixtures.epdLegacyRow(bnf: "0105010B0BJAAAS", items: "2")].joined(separator: "\n") + "\n"
        let path = dir.write("map.csv", text)
        let old = BNFCode("0105010B0BIAAAS")!, new = BNFCode("0105010B0BJAAAS")!
        let f = try PrescribingReader(codeMap: { $0 == old ? new : $0 }).read(path: path)
        #expect(f.months[0].presentationCodes == [new])
        #expect(f.months[0].column(.items) == [3])
    }

    // MARK: Bad input

    @Test func emptyFile() {
        let e = readerError { _ = try read("empty.csv", "") }
        #expect(e?.reason == "the file is empty")
    }

    @Test func headerOnlyFile() {
        let e = readerError { _ = try read("header.csv", Fixtures.epdLegacyHeader + "\n") }
        #expect(e?.reason == "the file has a header but no data rows")
    }

    @Test func unknownLayout() {
        let e = readerError { _ = try read("odd.csv", "a,b,c\n1,2,3\n") }
        #expect(e?.line == 1)
        #expect(e?.reason.hasPrefix("unknown layout") == true)
    }

    @Test func missingRequiredColumn() {
        let header = Fixtures.epdLegacyHeader.replacingOccurrences(of: ",ACTUAL_COST", with: "")
        let e = readerError { _ = try read("missing.csv", header + "\n") }
        #expect(e == InputError(file: dir.path("missing.csv"), line: 1, field: "ACTUAL_COST", reason: "required column missing from the epd-legacy header"))
    }

    @Test func truncatedLastLine() {
        let row = Fixtures.epdLegacyRow()
        let cut = String(row.prefix(row.count - 20))
        let e = readerError { _ = try read("trunc.csv", Fixtures.epdLegacyHeader + "\n" + row + "\n" + cut) }
        #expect(e?.line == 3)
        #expect(e?.reason.contains("truncated") == true)
    }

    @Test func wrongFieldCount() {
        let e = readerError { _ = try read("fields.csv", Fixtures.epdLegacyHeader + "\n" + Fixtures.epdLegacyRow() + ",extra\n") }
        #expect(e?.line == 2)
        #expect(e?.reason == "expected 26 fields, found 27")
    }

    @Test func nonNumericValue() {
        let e = readerError { _ = try read("nan.csv", Fixtures.epdLegacyHeader + "\n" + Fixtures.epdLegacyRow() + "\n" + Fixtures.epdLegacyRow(nic: "12.3x") + "\n") }
        #expect(e == InputError(file: dir.path("nan.csv"), line: 3, field: "NIC", reason: "not a number: '12.3x'"))
    }

    @Test func fractionalItems() {
        let e = readerError { _ = try read("items.csv", Fixtures.epdLegacyHeader + "\n" + Fixtures.epdLegacyRow(items: "1.5") + "\n") }
        #expect(e?.field == "ITEMS")
    }

    @Test func overLongField() {
        let e = readerError { _ = try read("long.csv", Fixtures.epdLegacyHeader + "\n" + Fixtures.epdLegacyRow(bnf: "0105010B0BIAAAS0000") + "\n") }
        #expect(e == InputError(file: dir.path("long.csv"), line: 2, field: "BNF_CODE", reason: "BNF code is 19 characters long (at most 15)"))
    }

    @Test func unterminatedQuote() {
        let bad = Fixtures.epdLegacyRow(practiceName: "\"OPEN QUOTE")
        let e = readerError { _ = try read("quote.csv", Fixtures.epdLegacyHeader + "\n" + bad + "\n") }
        #expect(e?.field == "PRACTICE_NAME")
    }

    @Test func errorLineNumbersAcrossChunksAndThreads() {
        var lines = [Fixtures.epdLegacyHeader]
        for i in 0..<2000 { lines.append(Fixtures.epdLegacyRow(items: i == 1733 ? "x" : "1")) }
        let text = lines.joined(separator: "\n") + "\n"
        let e = readerError { _ = try read("far.csv", text, threads: 2, chunk: 5000) }
        #expect(e?.line == 1735)
        #expect(e?.field == "ITEMS")
    }

    @Test func quarantineKeepsGoodRowsAndCountsBadOnes() throws {
        let bad1 = Fixtures.epdLegacyRow(items: "one")
        let bad2 = Fixtures.epdLegacyRow() + ",x"
        let text = [Fixtures.epdLegacyHeader, Fixtures.epdLegacyRow(), bad1, Fixtures.epdLegacyRow(items: "4"), bad2, ""].joined(separator: "\n")
        let f = try read("q.csv", text, threads: 2, chunk: 700, policy: .quarantine(path: dir.path("q.bad")))
        #expect(f.summary.linesRead == 5)
        #expect(f.summary.rowsKept == 2)
        #expect(f.summary.linesQuarantined == 2)
        #expect(f.rejected.map(\.line) == [3, 5])
        #expect(f.rejected[0].text == Array(bad1.utf8))
        #expect(f.rejected[1].reason == "expected 26 fields, found 27")
        #expect(f.months[0].column(.items) == [5])
    }

    @Test func negativeValuesAreKeptAndCounted() throws {
        let text = [Fixtures.epdLegacyHeader, Fixtures.epdLegacyRow(nic: "-3.50", cost: "-3.2"), Fixtures.epdLegacyRow(bnf: "0101010R0AAABAB")]
            .joined(separator: "\n") + "\n"
        let f = try read("neg.csv", text)
        #expect(f.summary.negativeValues == ["nic": 1, "actual_cost": 1])
        #expect(f.months[0].column(.nic) == [7_538_000, -350_000])
    }
}

extension PrescribingReaderTests {
    /// Rows of docs/INGEST.md's bad-input table not covered elsewhere.
    @Test func headerOnlyTruncatedGzipAndABadBNFCode() throws {
        let headerOnly = dir.write("h.csv", Fixtures.epdLegacyHeader + "\n")
        let h = #expect(throws: InputError.self) { _ = try PrescribingReader().read(path: headerOnly) }
        #expect(h?.reason == "the file has a header but no data rows")

        var lines = [Fixtures.epdLegacyHeader]
        for i in 0..<2000 { lines.append(Fixtures.epdLegacyRow(practice: "P0000\(i % 9)", items: "\(i % 4 + 1)")) }
        let gz = try dir.gzip(dir.write("t.csv", lines.joined(separator: "\n") + "\n"))
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: gz)))
        bytes.removeLast(bytes.count / 3)
        try Data(bytes).write(to: URL(fileURLWithPath: gz))
        let t = #expect(throws: InputError.self) { _ = try PrescribingReader().read(path: gz) }
        #expect(t?.reason.contains("gzip stream is truncated") == true || t?.reason.contains("truncated") == true, "\(String(describing: t))")

        let bad = dir.write("b.csv", Fixtures.epdLegacyHeader + "\n" + Fixtures.epdLegacyRow(bnf: "0105010B0BI-AAS") + "\n")
        let b = #expect(throws: InputError.self) { _ = try PrescribingReader().read(path: bad) }
        #expect(b?.line == 2 && b?.field == "BNF_CODE" && b?.reason.hasPrefix("not a BNF code") == true, "\(String(describing: b))")
    }
}
