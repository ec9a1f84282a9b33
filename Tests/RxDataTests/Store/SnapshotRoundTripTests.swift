import Foundation
import Testing
import RxData

@Suite struct SnapshotRoundTripTests {
    private func roundTrip(_ table: MonthTable, notes: [String: String] = [:]) throws -> (Snapshot, SnapshotHeader) {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let path = dir.path + "/m.rxsnap"
        let written = try SnapshotWriter.write(table, to: path, notes: notes)
        let snap = try Snapshot.open(path)  // the mapping outlives the file's directory entry
        return (snap, written)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func randomTables(seed: UInt64) throws {
        let table = StoreTestTables.random(seed: seed, practices: Int(seed) * 7 + 1, presentations: 3000, density: 0.02 * Double(seed))
        #expect(table.validate() == nil)
        let (snap, written) = try roundTrip(table)
        #expect(snap.header == written)
        #expect((try snap.decode()) == table)
        for m in Measure.allCases { #expect(snap.total(m) == table.total(m)) }
        #expect(snap.header.presentationsWithRows == table.presentationsUsed)
    }

    @Test func emptyMonth() throws {
        let table = StoreTestTables.table(month: YearMonth(year: 2019, month: 4)!, practiceCodes: [], presentationCount: 0,
                                          rowsPerPractice: [], measures: .all) { _, _, _ in 0 }
        let (snap, _) = try roundTrip(table)
        #expect(snap.rowCount == 0)
        #expect(snap.blockCount == 0)
        #expect((try snap.decode()) == table)
        #expect(snap.total(.items) == 0)
    }

    @Test func practicesWithoutRowsAndASinglePractice() throws {
        let lists: [[Int32]] = [[], Array(0..<2500).map { Int32($0 * 3) }, []]
        let table = StoreTestTables.table(month: YearMonth(year: 2020, month: 2)!, practiceCodes: ["-", "A81001", "Z99999"],
                                          presentationCount: 7500, rowsPerPractice: lists, measures: .all) { m, _, id in
            Int64(id) * (m == .items ? 1 : 10_000) - 3
        }
        let (snap, _) = try roundTrip(table)
        #expect((try snap.decode()) == table)
        #expect(snap.header.practicesWithRows == 1)
        #expect(snap.practiceCodes == ["-", "A81001", "Z99999"])
    }

    @Test func absentMeasuresDecodeAsZerosAndHaveNoTotal() throws {
        let measures: MeasureSet = [MeasureSet(.items), MeasureSet(.quantity), MeasureSet(.nic)]  // PDPI publishes neither ADQ nor (before 2014) all costs
        let table = StoreTestTables.random(seed: 42, practices: 30, presentations: 2000, density: 0.05, measures: measures)
        let (snap, _) = try roundTrip(table, notes: ["nic": "gross ingredient cost"])
        #expect(snap.measures == measures)
        #expect(snap.total(.adq) == nil)
        #expect(snap.total(.actualCost) == nil)
        #expect(snap.decode(.adq) == [Int64](repeating: 0, count: table.rowCount))
        #expect((try snap.decode()) == table)
        #expect(snap.notes == ["nic": "gross ingredient cost"])
    }

    @Test func blockwiseUnpackMatchesWholeColumns() throws {
        let table = StoreTestTables.realistic(seed: 7, practices: 5, rowsPerPractice: 900)
        let (snap, _) = try roundTrip(table)
        var values = [Int64](repeating: 0, count: snap.blockRows)
        var ids = [Int32](repeating: 0, count: snap.blockRows)
        var sum: Int64 = 0
        var presentations: [Int32] = []
        for b in 0..<snap.blockCount {
            let n = snap.rows(inBlock: b).count
            values.withUnsafeMutableBufferPointer { snap.unpack(.nic, block: b, into: $0) }
            ids.withUnsafeMutableBufferPointer { snap.unpackPresentations(block: b, into: $0) }
            sum += values[0..<n].reduce(0, +)
            presentations += ids[0..<n]
        }
        #expect(sum == table.total(.nic))
        #expect(presentations == table.presentation)
    }

    @Test(arguments: [11, 12, 13] as [UInt64])
    func gatherMatchesUnpackAtAnyPositions(seed: UInt64) throws {
        // Realistic amounts have wide blocks with exceptions; the random table has dense ones.
        let table = seed == 11 ? StoreTestTables.realistic(seed: seed, practices: 7, rowsPerPractice: 1300)
            : StoreTestTables.random(seed: seed, practices: 40, presentations: 3000, density: 0.05)
        let (snap, _) = try roundTrip(table)
        var rng = StoreTestRNG(seed: seed)
        var full = [Int64](repeating: 0, count: snap.blockRows)
        var picked = [Int64](repeating: 0, count: snap.blockRows)
        for m in Measure.allCases {
            for b in 0..<snap.blockCount {
                let n = snap.rows(inBlock: b).count
                full.withUnsafeMutableBufferPointer { snap.unpack(m, block: b, into: $0) }
                // Every row, no row, and a random ascending subset.
                let keep = rng.next() % 4
                let positions = (0..<n).filter { _ in keep == 0 || (keep != 1 && rng.next() % 3 == 0) }.map { Int32($0) }
                positions.withUnsafeBufferPointer { pos in
                    picked.withUnsafeMutableBufferPointer { snap.gather(m, block: b, positions: pos, count: pos.count, into: $0) }
                }
                #expect(Array(picked[0..<positions.count]) == positions.map { full[Int($0)] })
            }
        }
    }

    @Test func rejectsAnInvalidTable() throws {
        var table = StoreTestTables.random(seed: 3, practices: 4, presentations: 100, density: 0.3)
        table.presentation.swapAt(0, 1)
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        #expect(throws: StoreError.self) { try SnapshotWriter.write(table, to: dir.path + "/bad.rxsnap") }
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/bad.rxsnap"))
    }
}

