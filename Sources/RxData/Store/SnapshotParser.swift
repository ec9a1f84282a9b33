/// Parses and checks a snapshot's preamble and header (shared by ``SnapshotHeader/read(_:)`` and
/// ``Snapshot/open(_:)``).
enum SnapshotParser {
    /// The parsed header with its directory and chunk checksums.
    struct Parsed {
        var header: SnapshotHeader
        var blockRows: Int
        var chunkShift: Int
        var payloadOffset: Int
        var sections: [SnapshotFormat.Section]
        var chunkChecksums: [UInt64]
    }

    /// Checks magic, version and length; returns the header length.
    static func checkPreamble(_ b: UnsafeRawBufferPointer, fileSize: Int, path: String) throws -> Int {
        guard b.count >= SnapshotFormat.preambleBytes else {
            throw StoreError(path: path, reason: "truncated snapshot: \(fileSize) bytes, shorter than the \(SnapshotFormat.preambleBytes)-byte preamble")
        }
        guard Array(b[0..<8]) == SnapshotFormat.magic else {
            throw StoreError(path: path, reason: "not an RxAtlas snapshot (bad magic bytes)")
        }
        let version = b.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        guard version == SnapshotFormat.version else {
            throw StoreError(path: path, reason: "snapshot format version \(version) is not supported (this build reads version \(SnapshotFormat.version))")
        }
        let headerLength = Int(b.loadUnaligned(fromByteOffset: 12, as: UInt32.self).littleEndian)
        let fileLength = b.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian
        guard fileLength == UInt64(fileSize) else {
            if UInt64(fileSize) < fileLength {
                throw StoreError(path: path, reason: "truncated snapshot: \(fileSize) bytes on disk, \(fileLength) written")
            }
            throw StoreError(path: path, reason: "snapshot has \(UInt64(fileSize) - fileLength) unexpected trailing bytes (\(fileSize) on disk, \(fileLength) written)")
        }
        guard headerLength >= SnapshotFormat.fixedHeaderBytes, SnapshotFormat.preambleBytes + headerLength <= fileSize else {
            throw StoreError(path: path, reason: "corrupt snapshot: header length \(headerLength) does not fit the file")
        }
        return headerLength
    }

    /// The header checksum of `b` (preamble + header), with the checksum field read as zero.
    static func headerChecksum(_ b: UnsafeRawBufferPointer) -> UInt64 {
        var h = XXH64()
        h.update(UnsafeRawBufferPointer(rebasing: b[0..<24]))
        h.update([UInt8](repeating: 0, count: 8))
        h.update(UnsafeRawBufferPointer(rebasing: b[32...]))
        return h.finalize()
    }

    /// Parses preamble + header held in `b` (at least `64 + header length` bytes).
    static func parseHeader(_ b: UnsafeRawBufferPointer, fileSize: Int, path: String) throws -> Parsed {
        let headerLength = try checkPreamble(b, fileSize: fileSize, path: path)
        let end = SnapshotFormat.preambleBytes + headerLength
        let stored = b.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian
        guard headerChecksum(UnsafeRawBufferPointer(rebasing: b[0..<end])) == stored else {
            throw StoreError(path: path, reason: "corrupt snapshot: header checksum mismatch")
        }
        let h = UnsafeRawBufferPointer(rebasing: b[SnapshotFormat.preambleBytes..<end])
        func u32(_ o: Int) -> UInt32 { h.loadUnaligned(fromByteOffset: o, as: UInt32.self).littleEndian }
        func u64(_ o: Int) -> UInt64 { h.loadUnaligned(fromByteOffset: o, as: UInt64.self).littleEndian }
        func corrupt(_ why: String) -> StoreError { StoreError(path: path, reason: "corrupt snapshot: \(why)") }
        // Every count and offset is checked as it is read: a header with a valid checksum but
        // impossible numbers (a crafted or a buggy file) is refused, never trapped on.
        func int(_ v: UInt64, _ what: String) throws -> Int {
            guard let i = Int(exactly: v), i <= fileSize else { throw corrupt("\(what) \(v) is beyond the file's \(fileSize) bytes") }
            return i
        }
        let month = YearMonth(ordinal: Int32(bitPattern: u32(0)))
        let measures = MeasureSet(rawValue: h[4])
        let rows = try int(u64(8), "row count")
        let blockRows = Int(u32(32))
        let chunkShift = Int(u32(36))
        let totals = (0..<5).map { Int64(bitPattern: u64(40 + 8 * $0)) }
        let payloadOffset = try int(u64(80), "payload offset")
        let sectionCount = Int(u32(88))
        let chunkCount = Int(u32(92))
        guard measures.rawValue & ~MeasureSet.all.rawValue == 0 else { throw corrupt("unknown measures in header") }
        guard blockRows >= 64, blockRows <= 65536, (10...30).contains(chunkShift) else { throw corrupt("impossible block or chunk size") }
        guard SnapshotFormat.fixedHeaderBytes + sectionCount * SnapshotFormat.sectionEntryBytes + chunkCount * 8 <= headerLength else {
            throw corrupt("section directory does not fit the header")
        }
        guard payloadOffset == end, payloadOffset % SnapshotFormat.alignment == 0, payloadOffset <= fileSize else {
            throw corrupt("payload offset \(payloadOffset) is invalid")
        }
        let payloadLength = fileSize - payloadOffset
        guard chunkCount == (payloadLength + (1 << chunkShift) - 1) >> chunkShift else {
            throw corrupt("\(chunkCount) payload checksums for \(payloadLength) payload bytes")
        }
        var sections: [SnapshotFormat.Section] = []
        for i in 0..<sectionCount {
            let o = SnapshotFormat.fixedHeaderBytes + i * SnapshotFormat.sectionEntryBytes
            guard let kind = SnapshotFormat.SectionKind(rawValue: h.loadUnaligned(fromByteOffset: o, as: UInt16.self).littleEndian) else {
                throw corrupt("unknown section kind in entry \(i)")
            }
            guard let encoding = SnapshotFormat.Encoding(rawValue: h[o + 3]) else {
                throw corrupt("unsupported encoding \(h[o + 3]) in section \(i)")
            }
            let s = SnapshotFormat.Section(kind: kind, measure: h[o + 2], encoding: encoding, count: u32(o + 4),
                                           offset: u64(o + 8), length: u64(o + 16))
            guard s.offset >= UInt64(payloadOffset), s.offset % UInt64(SnapshotFormat.alignment) == 0,
                  s.offset <= UInt64(fileSize), s.length <= UInt64(fileSize) - s.offset else {
                throw corrupt("section \(i) lies outside the file")
            }
            sections.append(s)
        }
        let chunkBase = SnapshotFormat.fixedHeaderBytes + sectionCount * SnapshotFormat.sectionEntryBytes
        let checksums = (0..<chunkCount).map { u64(chunkBase + 8 * $0) }
        let header = SnapshotHeader(formatVersion: SnapshotFormat.version, month: month, rowCount: rows,
                                    practiceCount: Int(u32(16)), presentationCount: Int(u32(20)),
                                    practicesWithRows: Int(u32(24)), presentationsWithRows: Int(u32(28)),
                                    measures: measures, totals: totals, fileLength: fileSize)
        return Parsed(header: header, blockRows: blockRows, chunkShift: chunkShift, payloadOffset: payloadOffset,
                      sections: sections, chunkChecksums: checksums)
    }
}
