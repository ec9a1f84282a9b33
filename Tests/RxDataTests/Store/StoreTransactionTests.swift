import Foundation
import Testing
@testable import RxData

/// The store never lies: a failed run changes nothing, reads go through the manifest, writers
/// lock, and what interrupted writes leave is swept.
@Suite struct StoreTransactionTests {
    let dir = TempDir()

    /// An EPD file of `rows` rows for `month` (YYYY_MM), each row its own practice × presentation.
    private func epd(_ name: String, month: String, rows: Int, badItemsAt: Int? = nil, extra: [String] = []) -> String {
        var lines = [Fixtures.epdLegacyHeader]
        for i in 0..<rows {
            lines.append(Fixtures.epdLegacyRow(month: month, practice: String(format: "P%05d", i % 40),
                                               bnf: String(format: "0105010B0BIAA%02d", i / 40),
                                               items: i == badItemsAt ? "x1" : "\(i % 5 + 1)"))
        }
        return dir.write(name, (lines + extra).joined(separator: "\n") + "\n")
    }

    private func run(_ files: [String], store: String = "store", listSizes: [String] = [], orgs: String? = nil,
                     policy: ErrorPolicy = .fail, configure: (inout IngestOptions) -> Void = { _ in }) throws -> IngestReport {
        var options = IngestOptions(files: files, listSizes: listSizes, orgMapping: orgs, errorPolicy: policy, threads: 2,
                                    softwareVersion: "test")
        configure(&options)
        return try StoreIngest(options: options).run(store: dir.path(store))
    }

    /// Every file of the store with its bytes.
    private func snapshotOfStore(_ name: String = "store") throws -> [String: Data] {
        var out: [String: Data] = [:]
        let root = dir.path(name)
        for f in StoreWrite.storeFiles(root) where f != "store.lock" {
            out[f] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + f))
        }
        return out
    }

    @Test func aFailedRunLeavesTheStoreByteForByte() throws {
        let october = epd("oct.csv", month: "2017_10", rows: 100)
        _ = try run([october])
        let before = try snapshotOfStore()
        // A good file for another month, then a bad one: the run fails and nothing changes.
        let november = epd("nov.csv", month: "2017_11", rows: 100)
        let bad = epd("bad.csv", month: "2017_10", rows: 100, badItemsAt: 53)
        #expect(throws: InputError.self) { _ = try run([november, bad]) }
        #expect(try snapshotOfStore() == before)
        // The same file twice, and a bad list-size file, also change nothing.
        #expect(throws: InputError.self) { _ = try run([november, november]) }
        let badList = dir.write("ls.csv", "PRACTICE_CODE,NUMBER_OF_PATIENTS\nP00001,x\n")
        #expect(throws: (any Error).self) { _ = try run([november], listSizes: [badList]) }
        let badOrgs = dir.write("orgs.csv", "practice_code,pcn_code\n\"unclosed,P1\n")
        #expect(throws: (any Error).self) { _ = try run([november], orgs: badOrgs) }
        // The quarantine path cannot be written: nothing changes either.
        #expect(throws: (any Error).self) {
            _ = try run([november, bad], policy: .quarantine(path: dir.path("no/such/dir/q.txt")))
        }
        #expect(try snapshotOfStore() == before)
        let store = try Store.open(at: dir.path("store"))
        #expect(try store.months() == [YearMonth(year: 2017, month: 10)!])
        #expect(try store.info(verify: true).months[0].rows == 100)
    }

    @Test func aStrayRowDoesNotReplaceAMonth() throws {
        _ = try run([epd("oct.csv", month: "2017_10", rows: 2000)])
        let stray = Fixtures.epdLegacyRow(month: "2017_10", practice: "P99999")
        let september = epd("sep.csv", month: "2017_09", rows: 2000, extra: [stray])
        let error = #expect(throws: InputError.self) { _ = try run([september]) }
        #expect(error?.line == 2002, "the stray row's line is named")
        #expect(error?.reason.contains("2017-10") == true && error?.reason.contains("--allow-partial-months") == true)
        #expect(try Store.open(at: dir.path("store")).info().months[0].rows == 2000)
        // Allowed as partial, it still may not shrink the stored month without --replace.
        let refusal = #expect(throws: StoreError.self) { _ = try run([september]) { $0.allowPartialMonths = true } }
        #expect(refusal?.reason.contains("2000 rows") == true && refusal?.reason.contains("--replace") == true)
        let report = try run([september]) { $0.allowPartialMonths = true; $0.replace = true }
        #expect(report.monthsWritten.count == 2)
        #expect(report.files[0].firstLines["2017-10"] == 2002 && report.files[0].firstLines["2017-09"] == 2)
    }

    @Test func readsTrustTheManifestNotTheDirectory() throws {
        _ = try run([epd("oct.csv", month: "2017_10", rows: 100), epd("nov.csv", month: "2017_11", rows: 60)])
        let root = dir.path("store")
        let store = try Store.open(at: root)
        let oct = store.snapshotPath(YearMonth(year: 2017, month: 10)!), nov = store.snapshotPath(YearMonth(year: 2017, month: 11)!)
        // A snapshot copied over another month's file is refused, naming the file.
        let saved = try Data(contentsOf: URL(fileURLWithPath: oct))
        try FileManager.default.removeItem(atPath: oct)
        try FileManager.default.copyItem(atPath: nov, toPath: oct)
        let copied = #expect(throws: StoreError.self) { _ = try Store.open(at: root).loadMonth(YearMonth(year: 2017, month: 10)!) }
        #expect(copied?.path == oct)
        try FileManager.default.removeItem(atPath: oct)
        try saved.write(to: URL(fileURLWithPath: oct))
        // A stray snapshot is invisible to readers and fails --verify.
        try FileManager.default.copyItem(atPath: nov, toPath: root + "/months/2017-12.rxsnap")
        #expect(try Store.open(at: root).months().count == 2)
        #expect(throws: StoreError.self) { _ = try Store.open(at: root).info(verify: true) }
        try FileManager.default.removeItem(atPath: root + "/months/2017-12.rxsnap")
        #expect(try Store.open(at: root).info(verify: true).months.count == 2)
        // A deleted snapshot fails --verify and every read of its month.
        try FileManager.default.moveItem(atPath: nov, toPath: dir.path("aside"))
        #expect(throws: StoreError.self) { _ = try Store.open(at: root).info(verify: true) }
        #expect(throws: StoreError.self) { _ = try Store.open(at: root).loadMonth(YearMonth(year: 2017, month: 11)!) }
        try FileManager.default.moveItem(atPath: dir.path("aside"), toPath: nov)
        // A side file deleted or edited is refused, not read as empty.
        let names = try #require(try store.manifest().side(.practices)).path
        let text = try String(contentsOfFile: root + "/" + names, encoding: .utf8)
        try (text + "X1,,practice,,,,,,,\n").write(toFile: root + "/" + names, atomically: true, encoding: .utf8)
        #expect(throws: StoreError.self) { _ = try Store.open(at: root).readOrgs() }
        try FileManager.default.removeItem(atPath: root + "/" + names)
        let missing = #expect(throws: StoreError.self) { _ = try Store.open(at: root).readOrgs() }
        #expect(missing?.reason.contains("missing") == true)
    }

    @Test func aSecondWriterWaitsOrFailsNamingTheFirst() throws {
        _ = try run([epd("oct.csv", month: "2017_10", rows: 10)])
        let root = dir.path("store")
        let held = try StoreLock(store: root)
        let error = #expect(throws: StoreError.self) { _ = try run([epd("nov.csv", month: "2017_11", rows: 10)]) }
        #expect(error?.reason.contains("being written by process \(getpid())") == true)
        // With --wait, it goes ahead once the first writer finishes.
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { held.release() }
        let report = try run([epd("nov2.csv", month: "2017_11", rows: 10)]) { $0.wait = 10 }
        #expect(report.monthsWritten == [YearMonth(year: 2017, month: 11)!])
    }

    @Test func leftoversOfAnInterruptedWriteAreSweptAndOldFilesRetired() throws {
        _ = try run([epd("oct.csv", month: "2017_10", rows: 10)])
        let root = dir.path("store")
        let m = try Store.open(at: root).manifest()
        // What a killed write leaves: a temporary and a staged snapshot of the next generation.
        let tmp = root + "/months/2017-11.g\(m.generation + 1).rxsnap.tmp-123"
        let staged = root + "/months/2017-11.g\(m.generation + 1).rxsnap"
        #expect(FileManager.default.createFile(atPath: tmp, contents: Data(count: 1000)))
        #expect(FileManager.default.createFile(atPath: staged, contents: Data(count: 1000)))
        // Readers ignore them; --verify does not call them damage; the next writer removes them.
        #expect(try Store.open(at: root).months().count == 1)
        #expect(try Store.open(at: root).info(verify: true).months.count == 1)
        _ = try run([epd("oct2.csv", month: "2017_10", rows: 20)]) { $0.replace = true }
        #expect(!FileManager.default.fileExists(atPath: tmp) && !FileManager.default.fileExists(atPath: staged))
        // The replaced October is kept one generation for readers of the old manifest, then removed.
        let oldOct = root + "/" + (try #require(m.snapshot(YearMonth(year: 2017, month: 10)!))).path
        #expect(FileManager.default.fileExists(atPath: oldOct))
        _ = try run([epd("nov.csv", month: "2017_11", rows: 20)])
        #expect(!FileManager.default.fileExists(atPath: oldOct))
        #expect(try Store.open(at: root).info(verify: true).months.count == 2)
    }

    @Test func aReaderKeepsItsGeneration() throws {
        _ = try run([epd("oct.csv", month: "2017_10", rows: 10)])
        let reader = try Store.open(at: dir.path("store"))
        _ = try run([epd("oct2.csv", month: "2017_10", rows: 12)]) { $0.replace = true }
        // The reader opened before the write still reads the month it saw, whole.
        #expect(try reader.loadMonth(YearMonth(year: 2017, month: 10)!).header.rowCount == 10)
        try reader.reload()
        #expect(try reader.loadMonth(YearMonth(year: 2017, month: 10)!).header.rowCount == 12)
    }

    @Test func theQuarantineFileMayNotBeAnInputOrInsideTheStore() throws {
        let october = epd("oct.csv", month: "2017_10", rows: 10, badItemsAt: 3)
        let original = try Data(contentsOf: URL(fileURLWithPath: october))
        #expect(throws: InputError.self) { _ = try run([october], policy: .quarantine(path: october)) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: october)) == original)
        _ = try run([epd("nov.csv", month: "2017_11", rows: 10)])
        let inside = #expect(throws: InputError.self) { _ = try run([october], policy: .quarantine(path: dir.path("store/q.txt"))) }
        #expect(inside?.reason.contains("inside the store") == true)
    }
}
