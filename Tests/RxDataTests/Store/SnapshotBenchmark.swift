import Dispatch
import Foundation
import Testing
import RxData

/// Timing printout for a national-scale month (not a timed assertion). Runs only when
/// `RXATLAS_STORE_BENCH` is set (its value: practices, default 6,500), preferably in release:
/// `RXATLAS_STORE_BENCH=6500 swift test -c release --filter SnapshotBenchmark`.
@Suite struct SnapshotBenchmark {
    static let practices = Int(ProcessInfo.processInfo.environment["RXATLAS_STORE_BENCH"] ?? "") ?? 6_500

    private static func median(_ runs: Int, _ body: () -> Void) -> Double {
        body()  // warm-up
        var times: [Double] = []
        for _ in 0..<runs {
            let t0 = DispatchTime.now().uptimeNanoseconds
            body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        }
        return times.sorted()[runs / 2]
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["RXATLAS_STORE_BENCH"] != nil,
                   "a timing run, not a check: set RXATLAS_STORE_BENCH=1 to run it"))
    func nationalMonth() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        // Size by column, on a smaller month: each measure written alone.
        let small = StoreTestTables.realistic(seed: 1, practices: 80)
        var empty = small
        empty.measures = []
        for m in Measure.allCases { empty.columns[m.rawValue] = [Int64](repeating: 0, count: small.rowCount) }
        let base = try SnapshotWriter.write(empty, to: dir.path + "/base.rxsnap").fileLength
        var line = "bytes/row by part (\(small.rowCount) rows): codes+offsets+presentation ids \(String(format: "%.2f", Double(base) / Double(small.rowCount)))"
        for m in Measure.allCases {
            var one = empty
            one.measures = MeasureSet(m)
            one.columns[m.rawValue] = small.columns[m.rawValue]
            let size = try SnapshotWriter.write(one, to: dir.path + "/one.rxsnap").fileLength
            line += ", \(m) \(String(format: "%.2f", Double(size - base) / Double(small.rowCount)))"
        }
        print(line)

        let t0 = DispatchTime.now().uptimeNanoseconds
        let table = StoreTestTables.realistic(seed: 2025, practices: Self.practices)
        let genMs = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6
        let path = dir.path + "/2025-03.rxsnap"
        var header: SnapshotHeader?
        let writeMs = Self.median(3) { header = try? SnapshotWriter.write(table, to: path) }
        let h = try #require(header)
        print("month: \(table.rowCount) rows, \(table.practiceCodes.count) practices, \(table.presentationCodes.count) presentations; generated in \(Int(genMs)) ms")
        print("size: \(h.fileLength) bytes = \(String(format: "%.2f", Double(h.fileLength) / Double(table.rowCount))) bytes/row")
        print("write (encode + checksum + fsync + rename): \(String(format: "%.1f", writeMs)) ms")

        let openMs = Self.median(9) { _ = try? Snapshot.open(path) }
        print("load (mmap + header + verify all checksums + sections): \(String(format: "%.1f", openMs)) ms")
        let headerMs = Self.median(9) { _ = try? SnapshotHeader.read(path) }
        print("header only: \(String(format: "%.3f", headerMs)) ms")

        let snap = try Snapshot.open(path)
        #expect((try snap.decode()) == table)
        for m in Measure.allCases {
            let ms = Self.median(5) { _ = snap.decode(m) }
            print("decode(\(m)): \(String(format: "%.1f", ms)) ms")
        }
        print("decodePresentations: \(String(format: "%.1f", Self.median(5) { _ = snap.decodePresentations() })) ms")
        print("decode() whole table: \(String(format: "%.1f", Self.median(3) { _ = try? snap.decode() })) ms")
        // A kernel: NIC per practice, block by block into a reused buffer, nothing materialised.
        var perPractice = [Int64](repeating: 0, count: snap.practiceCodes.count)
        let kernelMs = Self.median(5) {
            perPractice = [Int64](repeating: 0, count: snap.practiceCodes.count)
            var buf = [Int64](repeating: 0, count: snap.blockRows)
            var p = 0
            let starts = snap.practiceStart
            for b in 0..<snap.blockCount {
                let rows = snap.rows(inBlock: b)
                buf.withUnsafeMutableBufferPointer { snap.unpack(.nic, block: b, into: $0) }
                for (i, r) in rows.enumerated() {
                    while Int(starts[p + 1]) <= r { p += 1 }
                    perPractice[p] &+= buf[i]
                }
            }
        }
        #expect(perPractice.reduce(0, &+) == table.total(.nic))
        print("kernel: NIC per practice, block-wise, one thread: \(String(format: "%.1f", kernelMs)) ms")
    }
}
