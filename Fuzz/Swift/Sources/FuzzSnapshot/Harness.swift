import Foundation
import RxData

/// The snapshot reader on mutated snapshots. The file length and the header checksum are
/// repaired first, so that mutations reach the header's directory and sections rather than stop
/// at the first checksum; payload chunks keep their checksums, which every read verifies.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshot(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    var bytes = [UInt8](UnsafeBufferPointer(start: data, count: size))
    if size >= 64 {
        withUnsafeBytes(of: UInt64(size).littleEndian) { for i in 0..<8 { bytes[16 + i] = $0[i] } }
        let headerLength = Int(UInt32(bytes[12]) | UInt32(bytes[13]) << 8 | UInt32(bytes[14]) << 16 | UInt32(bytes[15]) << 24)
        if headerLength <= size - 64 {
            var h = XXH64()
            h.update(Array(bytes[0..<24]))
            h.update([UInt8](repeating: 0, count: 8))
            h.update(Array(bytes[32..<(64 + headerLength)]))
            withUnsafeBytes(of: h.finalize().littleEndian) { for i in 0..<8 { bytes[24 + i] = $0[i] } }
        }
    }
    let path = "/dev/shm/rxatlas-fuzz-snapshot-\(getpid()).rxsnap"
    guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else { return 0 }
    if let s = try? Snapshot.open(path) { _ = try? s.decode() }
    _ = try? SnapshotHeader.read(path)
    return 0
}
