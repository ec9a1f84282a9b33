import Foundation
import Testing
@testable import RxData

/// A damaged snapshot is refused with a StoreError naming the file, never half-read.
@Suite struct SnapshotCorruptionTests {
    /// Writes a realistic snapshot (a few MB: several checksum chunks) and returns its bytes.
    private static func sample(_ dir: StoreTempDir) throws -> (String, [UInt8]) {
        let path = dir.path + "/2025-03.rxsnap"
        try SnapshotWriter.write(StoreTestTables.realistic(seed: 11, practices: 200, rowsPerPractice: 2000), to: path,
                                 notes: ["source": "test"])
        return (path, try [UInt8](Data(contentsOf: URL(fileURLWithPath: path))))
    }

    private func refused(_ path: String, _ bytes: [UInt8], mentioning text: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try Snapshot.open(path) }
        #expect(error?.path == path)
        #expect(error?.reason.contains(text) == true, "reason: \(error?.reason ?? "none")")
    }

    @Test func everyByteFlipIsRefused() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let (path, good) = try Self.sample(dir)
        #expect(good.count > 3 << 20)
        _ = try Snapshot.open(path)
        var rng = StoreTestRNG(seed: 99)
        // The preamble, the header, and random places across the payload (sections and padding).
        var positions = [0, 8, 12, 16, 24, 40, 64, 70, 100, 200, good.count - 1]
        for _ in 0..<40 { positions.append(Int.random(in: 0..<good.count, using: &rng)) }
        for pos in positions {
            var bad = good
            bad[pos] ^= UInt8(1 << Int.random(in: 0..<8, using: &rng))
            try Data(bad).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: StoreError.self, "flip at byte \(pos)") { try Snapshot.open(path) }
            #expect(error?.path == path)
        }
    }

    @Test func payloadFlipNamesTheChecksum() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let (path, good) = try Self.sample(dir)
        var bad = good
        bad[good.count / 2] ^= 0x10
        try refused(path, bad, mentioning: "checksum mismatch in bytes")
        var badHeader = good
        badHeader[64 + 8] ^= 0x01  // the row count
        try refused(path, badHeader, mentioning: "header checksum mismatch")
    }

    @Test func truncationIsRefused() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let (path, good) = try Self.sample(dir)
        for keep in [0, 10, 63, 64, 500, good.count / 2, good.count - 1] {
            try refused(path, Array(good[0..<keep]), mentioning: "truncated")
        }
        try refused(path, good + [0], mentioning: "trailing bytes")
    }

    @Test func wrongMagicOrVersionIsRefused() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let (path, good) = try Self.sample(dir)
        var magic = good
        magic[1] = 0x51
        try refused(path, magic, mentioning: "not an RxAtlas snapshot")
        var csv = Array("month,practice\n".utf8)
        csv += [UInt8](repeating: 0x41, count: 100)
        try refused(path, csv, mentioning: "not an RxAtlas snapshot")
        var version = good
        version[8] = 2
        try refused(path, version, mentioning: "format version 2 is not supported")
    }

    @Test func headerOnlyReadChecksTheHeader() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let (path, good) = try Self.sample(dir)
        let header = try SnapshotHeader.read(path)
        #expect(header.month == YearMonth(year: 2025, month: 3))
        var bad = good
        bad[64 + 40] ^= 0x01  // the items total
        try Data(bad).write(to: URL(fileURLWithPath: path))
        #expect(throws: StoreError.self) { try SnapshotHeader.read(path) }
    }
}

extension SnapshotCorruptionTests {
    /// Found by the snapshot fuzzer: a header whose checksum is right but whose counts and
    /// offsets are impossible (2⁶⁴ − 1 for the payload offset or the row count, a section past
    /// the end) is refused, where it used to trap converting the numbers.
    @Test func impossibleNumbersUnderAValidChecksumAreRefused() throws {
        let dir = try StoreTempDir()
        defer { dir.cleanup() }
        let (path, original) = try Self.sample(dir)
        func withValidChecksum(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
            var b = original
            change(&b)
            let headerLength = Int(b.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian })
            let sum = b.withUnsafeBytes { SnapshotParser.headerChecksum(UnsafeRawBufferPointer(rebasing: $0[0..<(64 + headerLength)])) }
            withUnsafeBytes(of: sum.littleEndian) { for i in 0..<8 { b[24 + i] = $0[i] } }
            return b
        }
        for offset in [64 + 80, 64 + 8] {   // payload offset, row count
            let bytes = withValidChecksum { b in for i in 0..<8 { b[offset + i] = 0xFF } }
            try refused(path, bytes, mentioning: "beyond the file")
        }
        // The first section's offset at 2⁶⁴ − 64: offset + length would overflow.
        let section = withValidChecksum { b in for i in 0..<8 { b[64 + 96 + 8 + i] = i == 0 ? 0xC0 : 0xFF } }
        try refused(path, section, mentioning: "outside the file")
    }
}
