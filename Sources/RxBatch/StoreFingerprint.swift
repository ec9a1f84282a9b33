import Foundation
import RxData

/// The checksums that identify a store's inputs to a job without reading the snapshots' payloads:
/// per month, the snapshot's stored header checksum (the header holds a checksum of every payload
/// chunk, so it changes whenever any byte of the month does) and the list-size file's XXH64; for
/// the store as a whole, the XXH64 of every other file but `store.json` (organisations, names).
final class StoreFingerprint: @unchecked Sendable {
    let store: Store
    private let lock = NSLock()
    private var monthCache: [YearMonth: (records: [BatchFileRecord], bytes: Int64)] = [:]
    private var shared: [BatchFileRecord]?

    init(store: Store) { self.store = store }

    /// The records and mapped bytes of `months` plus the store-wide files.
    func inputs(months: ClosedRange<YearMonth>) throws -> (records: [BatchFileRecord], bytes: Int64) {
        lock.lock()
        defer { lock.unlock() }
        var records = try storeFiles()
        var bytes: Int64 = 0
        let held = Set(try store.months())
        var m = months.lowerBound
        while m <= months.upperBound {
            if held.contains(m) {
                let r = try month(m)
                records += r.records
                bytes += r.bytes
            }
            m = m.advanced(by: 1)
        }
        return (records, bytes)
    }

    private func month(_ m: YearMonth) throws -> (records: [BatchFileRecord], bytes: Int64) {
        if let r = monthCache[m] { return r }
        let p = store.snapshotPath(m)
        let header = try SnapshotHeader.read(p)
        var records = [BatchFileRecord(path: store.path + "/months/\(m)", size: Int64(header.fileLength),
                                       checksum: ProvenanceEntry.InputFile.checksumText(try Self.storedHeaderChecksum(p)))]
        if let ls = try store.manifest().listSize(m) {
            var r = try Self.digest(store.listSizePath(m))
            r.path = store.path + "/list_sizes/\(m)"
            if !ls.checksum.isEmpty && ls.checksum != r.checksum {
                throw BatchRunError(reason: "\(store.listSizePath(m)): does not match the checksum store.json records")
            }
            records.append(r)
        }
        let r = (records, Int64(header.fileLength))
        monthCache[m] = r
        return r
    }

    private func storeFiles() throws -> [BatchFileRecord] {
        if let shared { return shared }
        let m = try store.manifest()
        var out: [BatchFileRecord] = []
        for role in StoreManifest.SideFile.allCases {
            guard let r = m.side(role) else { continue }
            var record = try Self.digest(store.path + "/" + r.path)
            record.path = store.path + "/" + role.rawValue
            out.append(record)
        }
        shared = out
        return out
    }

    /// A file's record: size and XXH64.
    static func digest(_ path: String) throws -> BatchFileRecord {
        let (size, d) = try FileDigest.xxh64(path: path)
        return BatchFileRecord(path: path, size: size, checksum: ProvenanceEntry.InputFile.checksumText(d))
    }

    /// The header checksum stored at bytes 24–31 of a snapshot (checked by ``SnapshotHeader/read(_:)`` first).
    static func storedHeaderChecksum(_ path: String) throws -> UInt64 {
        guard let h = FileHandle(forReadingAtPath: path) else { throw BatchRunError(reason: "\(path): cannot open") }
        defer { try? h.close() }
        try h.seek(toOffset: 24)
        guard let d = try h.read(upToCount: 8), d.count == 8 else { throw BatchRunError(reason: "\(path): truncated snapshot") }
        return d.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self).littleEndian }
    }

    /// The checksum of a list of lines.
    static func checksum(_ lines: [String]) -> String {
        ProvenanceEntry.InputFile.checksumText(XXH64.hash(Array(lines.joined(separator: "\n").utf8)))
    }
}
