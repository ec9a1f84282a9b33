import Foundation
import Testing
@testable import RxData

/// Items and quantity per quantity per item, as ingest keeps them from EPD's `QUANTITY`, on
/// hand-made lines: which rows hold entries, and a month with none.
struct QuantityPerItemLinesTests {
    @Test func onlyRowsThatNeedEntriesHoldThem() throws {
        let dir = TempDir()
        let rows = [
            Fixtures.epdLegacyRow(bnf: "0105010B0BIAAAS", quantity: "28", items: "2", total: "56"),
            Fixtures.epdLegacyRow(bnf: "0105010B0BIAAAS", quantity: "56", items: "1", total: "56"),
            Fixtures.epdLegacyRow(bnf: "0105010B0BIAAAS", quantity: "28", items: "1", total: "28"),   // the same as the first
            Fixtures.epdLegacyRow(bnf: "0105010B0AAAAAA", quantity: "30", items: "3", total: "90"),   // one: implicit
            Fixtures.epdLegacyRow(bnf: "0105010B0AAABAB", quantity: "10", items: "3", total: "31"),   // not the product
        ]
        let path = dir.write("a.csv", ([Fixtures.epdLegacyHeader] + rows).joined(separator: "\n") + "\n")
        let table = try PrescribingReader(threads: 1).read(path: path).months[0]
        let b = try #require(table.quantityPerItem)
        let code = { (r: Int32) in table.presentationCodes[Int(table.presentation[Int(r)])].description }
        #expect(b.row.map(code) == ["0105010B0AAABAB", "0105010B0BIAAAS", "0105010B0BIAAAS"])
        #expect(b.quantityPerItem == [10, 28, 56].map { $0 * FixedPoint.scale } && b.items == [3, 3, 1])
        #expect(b.quantity == [31, 84, 56].map { $0 * FixedPoint.scale })
        #expect(table.validate() == nil)
        // A month whose rows need no entry keeps an empty breakdown, through a snapshot.
        let plain = dir.write("b.csv", [Fixtures.epdLegacyHeader, rows[3]].joined(separator: "\n") + "\n")
        let one = try PrescribingReader(threads: 1).read(path: plain).months[0]
        #expect(one.quantityPerItem == QuantityPerItemBreakdown())
        try SnapshotWriter.write(one, to: dir.url.path + "/m.rxsnap")
        let snapshot = try Snapshot.open(dir.url.path + "/m.rxsnap")
        #expect(snapshot.keepsQuantityPerItem)
        #expect(try snapshot.decode() == one)
        var entries: [(Int64, Int64, Int64)] = []
        one.forEachQuantityPerItemEntry(ofRow: 0) { entries.append(($0, $1, $2)) }
        #expect(entries.count == 1 && entries[0] == (30 * FixedPoint.scale, 3, 90 * FixedPoint.scale))
    }
}

/// Items and quantity per quantity per item, as ingest keeps them from EPD's `QUANTITY`: checked
/// against sums per (practice, code, QUANTITY) computed here from the real published extracts.
@Suite(.enabled(if: SharedData.available, "../shared/data is absent: real-sample checks skipped"))
struct QuantityPerItemIngestTests {
    /// (practice, code, quantity per item as text) → (items, total quantity), from the CSV.
    static func independent(_ path: String) throws -> [String: (Decimal, Decimal)] {
        let text = try String(contentsOfFile: path, encoding: .isoLatin1)
        var lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let header = RealSampleTests.split(lines.removeFirst())
        let p = header.firstIndex(of: "PRACTICE_CODE")!, c = header.firstIndex(of: "BNF_CODE")!
        let q = header.firstIndex(of: "QUANTITY")!, n = header.firstIndex(of: "ITEMS")!, t = header.firstIndex(of: "TOTAL_QUANTITY")!
        var out: [String: (Decimal, Decimal)] = [:]
        for line in lines {
            let f = RealSampleTests.split(line)
            let key = "\(f[p]) \(f[c]) \(Decimal(string: f[q])!)"
            let was = out[key] ?? (0, 0)
            out[key] = (was.0 + Decimal(string: f[n])!, was.1 + Decimal(string: f[t])!)
        }
        return out
    }

    /// The same from a table's breakdown.
    static func fromTable(_ m: MonthTable) -> [String: (Decimal, Decimal)] {
        var out: [String: (Decimal, Decimal)] = [:]
        let practice = m.practiceOfRow()
        for r in 0..<m.rowCount {
            m.forEachQuantityPerItemEntry(ofRow: r) { qpi, items, quantity in
                let key = "\(m.practiceCodes[Int(practice[r])]) \(m.presentationCodes[Int(m.presentation[r])]) \(Decimal(string: FixedPoint.text(qpi))!)"
                let was = out[key] ?? (0, 0)
                out[key] = (was.0 + Decimal(items), was.1 + Decimal(string: FixedPoint.text(quantity))!)
            }
        }
        return out
    }

    @Test(arguments: ["epd_201709_4practices.csv", "epd_201710_4practices.csv"])
    func everyQuantityPerItemIsKeptExactly(file: String) throws {
        let path = SharedData.path("samples/" + file)
        let table = try PrescribingReader().read(path: path).months[0]
        let breakdown = try #require(table.quantityPerItem)
        let expected = try Self.independent(path), got = Self.fromTable(table)
        #expect(got.count == expected.count && got.count > table.rowCount)   // more (code, quantity) pairs than rows
        for (key, v) in expected { #expect(got[key]?.0 == v.0 && got[key]?.1 == v.1, "\(key)") }
        // Compact: the rows with one quantity per item hold no entry.
        #expect(breakdown.count > 0 && breakdown.count < got.count)
        #expect(table.validate() == nil)
    }

    /// Other row orders and chunkings give the same breakdown.
    @Test func rowOrderAndChunkingDoNotChangeIt() throws {
        let path = SharedData.path("samples/epd_201709_4practices.csv")
        let original = try PrescribingReader().read(path: path).months[0]
        let text = try String(contentsOfFile: path, encoding: .isoLatin1)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst()
        var generator = StoreTestRNG(seed: 11)
        lines.shuffle(using: &generator)
        let dir = TempDir()
        let shuffled = dir.url.path + "/shuffled.csv"
        try (([header] + lines).joined(separator: "\n") + "\n").write(toFile: shuffled, atomically: true, encoding: .isoLatin1)
        let read = try PrescribingReader(threads: 2, chunkSize: 4_096).read(path: shuffled).months[0]
        #expect(read.quantityPerItem == original.quantityPerItem && read == original)
    }

    @Test func aSnapshotKeepsIt() throws {
        let table = try PrescribingReader().read(path: SharedData.path("samples/epd_201710_4practices.csv")).months[0]
        let dir = TempDir()
        try SnapshotWriter.write(table, to: dir.url.path + "/m.rxsnap")
        let snapshot = try Snapshot.open(dir.url.path + "/m.rxsnap")
        #expect(snapshot.keepsQuantityPerItem)
        #expect(try snapshot.decodeQuantityPerItem() == table.quantityPerItem)
        #expect(try snapshot.decode() == table)
    }

    @Test func filesWithoutQuantityPerItemKeepNone() throws {
        let table = try PrescribingReader().read(path: SharedData.path("samples/pdpi_201410_sample.csv")).months[0]
        #expect(table.quantityPerItem == nil)
        let dir = TempDir()
        try SnapshotWriter.write(table, to: dir.url.path + "/m.rxsnap")
        let snapshot = try Snapshot.open(dir.url.path + "/m.rxsnap")
        #expect(!snapshot.keepsQuantityPerItem)
        #expect(try snapshot.decodeQuantityPerItem() == nil)
    }

    /// Merging a month with itself doubles every entry's sums; with a month keeping none, none is kept.
    @Test func mergingKeepsItOnlyWhenBothKeepIt() throws {
        let table = try PrescribingReader().read(path: SharedData.path("samples/epd_201709_4practices.csv")).months[0]
        let doubled = table.merged(with: table)
        #expect(doubled.validate() == nil)
        let once = Self.fromTable(table), twice = Self.fromTable(doubled)
        #expect(once.count == twice.count)
        for (key, v) in once { #expect(twice[key]?.0 == 2 * v.0 && twice[key]?.1 == 2 * v.1) }
        var without = table
        without.quantityPerItem = nil
        #expect(table.merged(with: without).quantityPerItem == nil)
    }

    /// A breakdown that does not sum to its row, or lists an implicit row, is invalid.
    @Test func validationFindsABreakdownThatDisagreesWithItsRows() throws {
        var table = try PrescribingReader().read(path: SharedData.path("samples/epd_201709_4practices.csv")).months[0]
        var b = try #require(table.quantityPerItem)
        b.items[0] += 1
        table.quantityPerItem = b
        #expect(table.validate()?.contains("sum to") == true)
    }
}
