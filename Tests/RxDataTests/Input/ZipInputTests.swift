import Foundation
import Testing
import ZIPFoundation
@testable import RxData

/// Zip archives as NHSBSA publishes them: one CSV member of many megabytes.
@Suite struct ZipInputTests {
    let dir = TempDir()

    /// A plain EPD file of about `rows` rows.
    func plainFile(rows: Int) -> String {
        var lines = [Fixtures.epdLegacyHeader]
        lines.reserveCapacity(rows + 1)
        for i in 0..<rows {
            lines.append(Fixtures.epdLegacyRow(practice: "P0000\(i % 97)", bnf: String(format: "0105010B0BIAA%02d", i % 89), items: "\(i % 7 + 1)"))
        }
        return dir.write("epd.csv", lines.joined(separator: "\n") + "\n")
    }

    /// A multi-megabyte zip goes through the whole ingest (companion detection reads only the
    /// first chunk) and gives the plain file's months exactly.
    @Test func aZipOfRealSizeIngestsLikeThePlainFile() throws {
        let plain = plainFile(rows: 40_000)
        let zip = dir.path("epd.zip")
        try FileManager.default.zipItem(at: URL(fileURLWithPath: plain), to: URL(fileURLWithPath: zip))
        let size = try #require(try FileManager.default.attributesOfItem(atPath: plain)[.size] as? Int)
        #expect(size > 8 << 20, "the member is larger than any reader chunk")
        let fromZip = try StoreIngest(options: IngestOptions(files: [zip], softwareVersion: "t")).run(store: dir.path("a"))
        let fromPlain = try StoreIngest(options: IngestOptions(files: [plain], softwareVersion: "t")).run(store: dir.path("b"))
        #expect(fromZip.files.map(\.rowsKept) == fromPlain.files.map(\.rowsKept))
        let a = try Store.open(at: dir.path("a")), b = try Store.open(at: dir.path("b"))
        #expect(try a.months() == b.months())
        for m in try a.months() { #expect(try a.loadMonth(m).decode() == b.loadMonth(m).decode()) }
    }

    /// A member whose bytes no longer match its CRC-32 is refused, naming the member.
    @Test func aDamagedMemberIsRefused() throws {
        let plain = plainFile(rows: 2_000)
        let zip = dir.path("stored.zip")
        try FileManager.default.zipItem(at: URL(fileURLWithPath: plain), to: URL(fileURLWithPath: zip), compressionMethod: .none)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: zip)))
        // Change one digit of ITEMS far into the stored member: still a valid CSV, wrong data.
        let text = [UInt8](try Data(contentsOf: URL(fileURLWithPath: plain)))
        let needle = Array(",168.0,1,168.0,".utf8)
        var at = bytes.count / 2
        while at < bytes.count - needle.count, Array(bytes[at..<(at + needle.count)]) != needle { at += 1 }
        #expect(at < bytes.count - needle.count && text.count > 0)
        bytes[at + 7] = UInt8(ascii: "2")
        try Data(bytes).write(to: URL(fileURLWithPath: zip))
        #expect {
            _ = try PrescribingReader().read(path: zip)
        } throws: { error in
            guard let e = error as? InputError else { return false }
            return e.file.contains("stored.zip!") && e.reason.contains("CRC-32")
        }
    }
}

extension ZipInputTests {
    /// An empty archive is named as one, not as an unknown CSV layout.
    @Test func anEmptyZipSaysSo() throws {
        let path = dir.write("empty.zip", bytes: [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18))
        let error = #expect(throws: InputError.self) { _ = try PrescribingReader().read(path: path) }
        #expect(error?.reason.contains("zip archive must hold exactly one CSV file") == true, "\(String(describing: error))")
    }
}
