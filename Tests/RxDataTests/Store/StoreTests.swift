import Foundation
import Testing
@testable import RxData

@Suite struct StoreTests {
    @Test func createOpenAndRefuseNonStores() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let path = dir.path + "/store"
        let store = try Store.create(at: path, softwareVersion: "9.9.9")
        #expect(try store.months().isEmpty)
        #expect(try store.manifest().softwareVersion == "9.9.9")
        _ = try Store.open(at: path)
        #expect(throws: StoreError.self) { try Store.create(at: path, softwareVersion: "9.9.9") }

        let plain = dir.path + "/plain"
        try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
        try "x".write(toFile: plain + "/notes.txt", atomically: true, encoding: .utf8)
        let notStore = #expect(throws: StoreError.self) { try Store.open(at: plain) }
        #expect(notStore?.reason.contains("not an RxAtlas store") == true)
        #expect(throws: StoreError.self) { try Store.create(at: plain, softwareVersion: "1") }
        #expect(throws: StoreError.self) { try Store.open(at: dir.path + "/missing") }

        try "{\"format_version\": 7, \"software_version\": \"x\", \"months\": [], \"ingests\": []}"
            .write(toFile: path + "/store.json", atomically: true, encoding: .utf8)
        let version = #expect(throws: StoreError.self) { try Store.open(at: path) }
        #expect(version?.reason.contains("store format version 7") == true)
    }

    @Test func monthsInfoTotalsAndReplacement() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let store = try Store.create(at: dir.path + "/s", softwareVersion: "0.1.0")
        var a = StoreTestTables.realistic(seed: 1, practices: 12, rowsPerPractice: 700)
        a.month = YearMonth(year: 2024, month: 11)!
        var b = StoreTestTables.random(seed: 5, practices: 9, presentations: 800, density: 0.1, measures: [MeasureSet(.items), MeasureSet(.nic)])
        b.month = YearMonth(year: 2017, month: 9)!
        try store.writeMonth(a)
        try store.writeMonth(b)
        #expect(try store.months() == [b.month, a.month])
        #expect(try store.manifest().months == [b.month, a.month])

        let info = try store.info()
        let verified = try store.info(verify: true)
        #expect(info == verified)
        #expect(info.months.map(\.month) == [b.month, a.month])
        for (m, table) in zip(info.months, [b, a]) {
            // Totals from the header agree with totals computed from the decoded data.
            let decoded = try store.loadMonth(table.month).decode()
            #expect(m.rows == decoded.rowCount)
            #expect(m.practices == (0..<decoded.practiceCodes.count).filter { decoded.practiceStart[$0 + 1] > decoded.practiceStart[$0] }.count)
            #expect(m.presentations == decoded.presentationsUsed)
            #expect(m.items == decoded.total(.items))
            #expect(m.quantity == (table.measures.has(.quantity) ? decoded.total(.quantity) : nil))
            #expect(m.nic == decoded.total(.nic))
            #expect(m.actualCost == (table.measures.has(.actualCost) ? decoded.total(.actualCost) : nil))
        }

        // JSON keys and exact decimals; null for an unpublished measure.
        let json = try info.json(pretty: false)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let months = object["months"] as! [[String: Any]]
        #expect(Set(months[0].keys) == ["month", "rows", "practices", "presentations", "items", "quantity", "nic", "actual_cost"])
        #expect(months[0]["month"] as? String == "2017-09")
        #expect(months[0]["quantity"] is NSNull)
        #expect(json.contains("\"nic\":\(FixedPoint.text(a.total(.nic)))"))
        #expect(try JSONDecoder().decode(StoreInfo.self, from: Data(json.utf8)) == info)
        let text = info.textTable()
        #expect(text.split(separator: "\n").count == 3)
        // Money in pounds and pence; every money cell has exactly two decimals.
        #expect(text.contains(FixedPoint.text(a.total(.actualCost), places: 2)))
        let moneyCells = text.split(separator: "\n").dropFirst().flatMap { $0.split(separator: " ").suffix(2) }
        #expect(moneyCells.allSatisfy { $0 == "-" || $0.split(separator: ".").last?.count == 2 }, "\(moneyCells)")

        // Re-writing a month replaces it, leaving the other untouched.
        var a2 = StoreTestTables.random(seed: 8, practices: 3, presentations: 50, density: 0.5)
        a2.month = a.month
        let before = try Data(contentsOf: URL(fileURLWithPath: store.snapshotPath(b.month)))
        try store.writeMonth(a2)
        #expect(try store.loadMonth(a.month).decode() == a2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: store.snapshotPath(b.month))) == before)
        #expect(try store.months() == [b.month, a.month])
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path + "/s/months").filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
        #expect(throws: StoreError.self) { try store.loadMonth(YearMonth(year: 2001, month: 1)!) }
    }

    @Test func orgDirectoryRoundTripsWithAwkwardNames() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let store = try Store.create(at: dir.path + "/s", softwareVersion: "0.1.0")
        #expect(try store.readOrgs() == OrgDirectory())
        var d = OrgDirectory()
        d.upsert(PracticeRecord(code: "A81001", name: "THE DENSHAM SURGERY, \"NORTH\"", kind: .practice, setting: "4",
                                postcode: "TS18 1HU", parents: [.pcn: "U12345", .subICB: "16C", .icb: "QHM", .region: "Y63", .nation: "E92000001"]))
        d.upsert(PracticeRecord(code: "-@11M00", name: nil, kind: .unidentified, parents: [.subICB: "11M00"]))
        d.upsert(PracticeRecord(code: "99996", name: "Line one\nline two", kind: .nonPractice, setting: nil, postcode: " SPACED "))
        d.setName("BATH,GLOS,SWINDON & WILTSHIRE AREA TEAM", level: .icb, code: "Q64")
        d.setName("Say \"hi\"", level: .pcn, code: "U12345")
        d.setName("NORTH EAST AND YORKSHIRE", level: .region, code: "Y63")
        try store.writeOrgs(d)
        #expect(try store.readOrgs() == d)
    }

    @Test func listSizesRoundTrip() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let store = try Store.create(at: dir.path + "/s", softwareVersion: "0.1.0")
        let m1 = YearMonth(year: 2023, month: 4)!, m2 = YearMonth(year: 2016, month: 1)!
        var sizes = ListSizeMonth(month: m1)
        sizes.practices["A81001"] = PracticeList(total: 4321, male: ["0_4": 100, "75+": 50, "5,9": 7], female: ["0_4": 95, "\"old\"": 3])
        sizes.practices["B82002"] = PracticeList(total: 12)
        try store.writeListSizes(sizes)
        try store.writeListSizes(ListSizeMonth(month: m2, practices: ["C1": PracticeList(total: 0)]))
        #expect(try store.listSizeMonths() == [m2, m1])
        #expect(try store.readListSizes(m1) == sizes)
        #expect(try store.readListSizes(YearMonth(year: 2000, month: 1)!) == nil)
        // The kernels' fast path reads the same totals, awkward band labels and all.
        #expect(try store.readListTotals(m1) == ["A81001": 4321, "B82002": 12])
        #expect(try store.readListTotals(m2) == ["C1": 0])
        #expect(try store.readListTotals(YearMonth(year: 2000, month: 1)!) == nil)
    }

    @Test func keptSnapshotsAreOpenedOnceAndForgottenOnRewrite() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let store = try Store.create(at: dir.path + "/s", softwareVersion: "0.1.0")
        let table = StoreTestTables.random(seed: 5, practices: 3, presentations: 200, density: 0.2)
        try store.writeMonth(table)
        #expect(try store.loadMonth(table.month) !== store.loadMonth(table.month))  // off: a fresh map each time
        store.keepsSnapshots = true
        let first = try store.loadMonth(table.month)
        #expect(try store.loadMonth(table.month) === first)
        try store.writeMonth(table)  // a rewritten month is opened anew
        let second = try store.loadMonth(table.month)
        #expect(second !== first)
        #expect(try second.decode() == table)
        store.keepsSnapshots = false
        #expect(try store.loadMonth(table.month) !== second)
    }

    @Test func listTotalsFastPathNamesBadLines() throws {
        let cases = [
            "practice_code,sex,age_band,patients\nA1,ALL,ALL,12\nA1,ALL,ALL,13\n": "line 3",
            "practice_code,sex,age_band,patients\nA1,ALL,ALL,1x\n": "line 2",
            "practice_code,sex,age_band,patients\nA1,ALL,ALL,5\nA1,X,0_4,1\n": "line 3",
            "code,sex,band,patients\nA1,ALL,ALL,5\n": "header",
        ]
        for (text, named) in cases {
            let error = #expect(throws: StoreError.self) {
                try Array(text.utf8).withUnsafeBytes { try StoreListSizeFile.totals($0, path: "list_sizes/2024-02.g1.csv") }
            }
            #expect(error.map { "\($0)".contains(named) } == true, "\(String(describing: error)) should name \(named)")
        }
    }

    @Test func presentationNamesMergeAndProvenance() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let store = try Store.create(at: dir.path + "/s", softwareVersion: "0.1.0")
        let c1 = BNFCode("0101010G0AAABAB")!, c2 = BNFCode("0302000C0AAAAAA")!
        try store.mergePresentationNames([c1: "Co-magaldrox_Susp 195mg/220mg/5ml S/F", c2: "Beclometasone, \"Easi\" 100mcg"])
        try store.mergePresentationNames([c2: "Beclometasone 100mcg inhaler", BNFCode("21220000250")!: "Bandage £"])
        let names = try store.readPresentationNames()
        #expect(names.count == 3)
        #expect(names[c1] == "Co-magaldrox_Susp 195mg/220mg/5ml S/F")
        #expect(names[c2] == "Beclometasone 100mcg inhaler")

        let input = dir.path + "/in.csv"
        try "a,b\n1,2\n".write(toFile: input, atomically: true, encoding: .utf8)
        let file = try ProvenanceEntry.InputFile(describing: input)
        #expect(file.size == 8)
        #expect(file.checksum == ProvenanceEntry.InputFile.checksumText(XXH64.hash(Array("a,b\n1,2\n".utf8))))
        let entry = ProvenanceEntry(time: Date(timeIntervalSince1970: 1_700_000_000), softwareVersion: "0.1.0",
                                    inputs: [file], monthsWritten: [YearMonth(year: 2024, month: 1)!], notes: ["on_error": "fail"])
        try store.appendProvenance(entry)
        try store.appendProvenance(entry)
        let reopened = try Store.open(at: dir.path + "/s")
        #expect(try reopened.manifest().ingests == [entry, entry])
        let raw = try String(contentsOfFile: store.manifestPath, encoding: .utf8)
        #expect(raw.contains("\"months_written\""))
        #expect(raw.contains("2023-11-14T22:13:20Z"))
    }
}
