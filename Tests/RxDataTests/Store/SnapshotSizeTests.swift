import Foundation
import Testing
import RxData

@Suite struct SnapshotSizeTests {
    /// The issue's target: 16 bytes per row or less, on a month shaped like national data.
    @Test func realisticMonthIsAtMostSixteenBytesPerRow() throws {
        let table = StoreTestTables.realistic(seed: 2025, practices: 80)
        #expect(table.rowCount > 150_000)
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let header = try SnapshotWriter.write(table, to: dir.path + "/m.rxsnap")
        let bytesPerRow = Double(header.fileLength) / Double(table.rowCount)
        print("snapshot: \(table.rowCount) rows, \(header.fileLength) bytes, \(String(format: "%.2f", bytesPerRow)) bytes/row")
        #expect(bytesPerRow <= 16)
        #expect(try Snapshot.open(dir.path + "/m.rxsnap").decode() == table)
    }
}
