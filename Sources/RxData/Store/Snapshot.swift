import Foundation

/// One month's snapshot, memory-mapped and verified, ready to decode.
///
/// ``open(_:)`` maps the file read-only, checks magic, version, length and the header checksum,
/// verifies every payload chunk's XXH64 (in parallel) and the structure of every section, and
/// throws a ``StoreError`` naming the file and the reason on any mismatch: a snapshot is either
/// fully trusted or refused, never half-read. Decoding is a separate step: ``decode()`` gives
/// the whole ``MonthTable``; ``decode(_:)`` one measure; ``unpack(_:block:into:)`` and
/// ``unpackPresentations(block:into:)`` one block of ``blockRows`` rows at a time, for kernels
/// that stream through a month without materialising its columns.
public final class Snapshot: @unchecked Sendable {
    /// The file the snapshot was read from.
    public let path: String
    /// Counts, measures and totals from the header.
    public let header: SnapshotHeader
    /// The month's prescriber codes, in code order (row practice ids index this).
    public let practiceCodes: [String]
    /// The month's presentation codes, in code order (row presentation ids index this).
    public let presentationCodes: [BNFCode]
    /// Row offsets per practice (`practiceCodes.count + 1` entries).
    public let practiceStart: [Int32]
    /// Source notes written with the month (empty when none).
    public let notes: [String: String]
    /// Rows per block of the packed columns.
    public let blockRows: Int

    private let mapping: SnapshotMapping
    private let gaps: UnsafeRawPointer
    private let anchors: UnsafePointer<Int32>
    private let columns: [UnsafeRawPointer?]
    /// The quantity-per-item sections (rows, values, items, quantities) and their entry count,
    /// when the month keeps them.
    private let quantityPerItemSections: (sections: [UnsafeRawPointer], count: Int)?

    /// The month.
    public var month: YearMonth { header.month }
    /// Number of rows.
    public var rowCount: Int { header.rowCount }
    /// The measures the month's sources published.
    public var measures: MeasureSet { header.measures }
    /// Number of packed blocks per column.
    public var blockCount: Int { (rowCount + blockRows - 1) / blockRows }
    /// The rows of block `b`.
    public func rows(inBlock b: Int) -> Range<Int> { b * blockRows ..< min(rowCount, (b + 1) * blockRows) }

    /// Drops the snapshot's resident pages once a pass over it is done (see
    /// ``SnapshotMapping/releaseResidentPages()``); reading it again is correct, only slower.
    public func releaseResidentPages() { mapping.releaseResidentPages() }

    /// Maps and verifies the snapshot at `path`.
    /// - Throws: ``StoreError`` when the file is missing, not a snapshot, of another format
    ///   version, truncated, or fails a checksum or structural check.
    public static func open(_ path: String) throws -> Snapshot {
        try Snapshot(path: path)
    }

    private init(path: String) throws {
        self.path = path
        let map = try SnapshotMapping(path: path)
        mapping = map
        let file = map.bytes
        if file.count < SnapshotFormat.preambleBytes {
            throw StoreError(path: path, reason: "truncated snapshot: \(file.count) bytes, shorter than the \(SnapshotFormat.preambleBytes)-byte preamble")
        }
        let headerLength = try SnapshotParser.checkPreamble(file, fileSize: file.count, path: path)
        let parsed = try SnapshotParser.parseHeader(UnsafeRawBufferPointer(rebasing: file[0..<(SnapshotFormat.preambleBytes + headerLength)]),
                                                    fileSize: file.count, path: path)
        header = parsed.header
        blockRows = parsed.blockRows
        func corrupt(_ why: String) -> StoreError { StoreError(path: path, reason: "corrupt snapshot: \(why)") }

        // Payload checksums, chunk by chunk, on every core.
        let chunk = 1 << parsed.chunkShift
        let payloadOffset = parsed.payloadOffset
        let bad = StoreParallel.map(parsed.chunkChecksums.count) { c -> Bool in
            let start = payloadOffset + c * chunk
            return XXH64.hash(file.baseAddress! + start, count: min(chunk, file.count - start)) != parsed.chunkChecksums[c]
        }
        if let c = bad.firstIndex(of: true) {
            let start = payloadOffset + c * chunk
            throw corrupt("checksum mismatch in bytes \(start)..<\(min(start + chunk, file.count))")
        }

        // Sections.
        var byKind: [SnapshotFormat.SectionKind: SnapshotFormat.Section] = [:]
        var measureSections: [UnsafeRawPointer?] = Array(repeating: nil, count: Measure.allCases.count)
        for s in parsed.sections {
            if s.kind == .measure {
                guard let m = Measure(rawValue: Int(s.measure)), header.measures.has(m), measureSections[m.rawValue] == nil,
                      s.encoding == .packed else { throw corrupt("unexpected column for measure \(s.measure)") }
                let bytes = UnsafeRawBufferPointer(rebasing: file[Int(s.offset)..<Int(s.offset + s.length)])
                if let problem = PackedColumn.validate(bytes, rows: header.rowCount, blockRows: blockRows) {
                    throw corrupt("\(m) column: \(problem)")
                }
                measureSections[m.rawValue] = bytes.baseAddress
            } else {
                guard byKind[s.kind] == nil else { throw corrupt("duplicate section \(s.kind)") }
                byKind[s.kind] = s
            }
        }
        for m in header.measures.measures where measureSections[m.rawValue] == nil {
            throw corrupt("the \(m) column is missing")
        }
        func section(_ k: SnapshotFormat.SectionKind, _ encoding: SnapshotFormat.Encoding = .raw) throws -> UnsafeRawBufferPointer {
            guard let s = byKind[k], s.encoding == encoding else { throw corrupt("the \(k) section is missing") }
            return UnsafeRawBufferPointer(rebasing: file[Int(s.offset)..<Int(s.offset + s.length)])
        }
        let rows = header.rowCount
        let practices = header.practiceCount, presentations = header.presentationCount

        let codes = try section(.practiceCodes)
        guard codes.count >= 4 * (practices + 1) else { throw corrupt("practice-code table too short") }
        var practiceCodes: [String] = []
        practiceCodes.reserveCapacity(practices)
        let textStart = 4 * (practices + 1)
        var previous = 0
        for i in 0..<practices {
            let end = Int(codes.loadUnaligned(fromByteOffset: 4 * (i + 1), as: UInt32.self).littleEndian)
            guard end >= previous, textStart + end <= codes.count else { throw corrupt("practice-code table offsets out of order") }
            practiceCodes.append(String(decoding: codes[(textStart + previous)..<(textStart + end)], as: UTF8.self))
            previous = end
        }
        self.practiceCodes = practiceCodes

        let pcodes = try section(.presentationCodes)
        guard pcodes.count == 16 * presentations else { throw corrupt("presentation-code table has the wrong size") }
        var presentationCodes: [BNFCode] = []
        presentationCodes.reserveCapacity(presentations)
        for i in 0..<presentations {
            let n = Int(pcodes[16 * i])
            guard n >= 1, n <= 15, let code = BNFCode(bytes: pcodes[(16 * i + 1)..<(16 * i + 1 + n)]) else {
                throw corrupt("presentation code \(i) is not a BNF code")
            }
            presentationCodes.append(code)
        }
        self.presentationCodes = presentationCodes

        let starts = try section(.practiceStart)
        guard starts.count == 4 * (practices + 1) else { throw corrupt("practice offsets have the wrong size") }
        var practiceStart = [Int32](repeating: 0, count: practices + 1)
        var last: UInt32 = 0
        for i in 0...practices {
            let v = starts.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self).littleEndian
            guard v >= last, Int(v) <= rows, i > 0 || v == 0 else { throw corrupt("practice offsets out of order") }
            practiceStart[i] = Int32(v)
            last = v
        }
        guard Int(last) == rows else { throw corrupt("practice offsets do not span the \(rows) rows") }
        self.practiceStart = practiceStart

        let blocks = (rows + blockRows - 1) / blockRows
        let anchorBytes = try section(.presentationAnchors)
        guard anchorBytes.count == 4 * blocks else { throw corrupt("presentation anchors have the wrong size") }
        anchors = (anchorBytes.baseAddress ?? UnsafeRawPointer(file.baseAddress!)).assumingMemoryBound(to: Int32.self)
        for b in 0..<blocks where anchors[b] < -1 || Int(anchors[b]) >= presentations {
            throw corrupt("presentation anchor of block \(b) out of range")
        }
        let gapBytes = try section(.presentationGaps, .packed)
        if let problem = PackedColumn.validate(gapBytes, rows: rows, blockRows: blockRows) {
            throw corrupt("presentation column: \(problem)")
        }
        gaps = gapBytes.baseAddress!
        columns = measureSections

        let qpiKinds = SnapshotFormat.SectionKind.quantityPerItem
        let present = qpiKinds.filter { byKind[$0] != nil }
        if present.isEmpty {
            quantityPerItemSections = nil
        } else {
            guard present.count == qpiKinds.count else { throw corrupt("the quantity-per-item sections are incomplete") }
            let count = Int(byKind[.quantityPerItemRows]!.count)
            var pointers: [UnsafeRawPointer] = []
            for kind in qpiKinds {
                let bytes = try section(kind, .packed)
                guard Int(byKind[kind]!.count) == count else { throw corrupt("the quantity-per-item sections differ in length") }
                if let problem = PackedColumn.validate(bytes, rows: count, blockRows: blockRows) { throw corrupt("\(kind): \(problem)") }
                pointers.append(bytes.baseAddress ?? UnsafeRawPointer(file.baseAddress!))
            }
            quantityPerItemSections = (pointers, count)
        }

        if let s = byKind[.notes] {
            let data = Data(UnsafeRawBufferPointer(rebasing: file[Int(s.offset)..<Int(s.offset + s.length)]))
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: String] else {
                throw corrupt("source notes are not a JSON object of strings")
            }
            notes = object
        } else {
            notes = [:]
        }
        // The checksum pass touched every page; a reader faults back in only what it reads.
        map.releaseResidentPages()
    }

    /// The exact total of a measure from the header, or nil when unpublished.
    public func total(_ m: Measure) -> Int64? { header.total(m) }

    /// Decodes block `b` of measure `m` into `out` (at least ``blockRows`` values; the block's
    /// ``rows(inBlock:)`` count are written). An unpublished measure decodes as zeros.
    public func unpack(_ m: Measure, block b: Int, into out: UnsafeMutableBufferPointer<Int64>) {
        let n = rows(inBlock: b).count
        precondition(b >= 0 && b < blockCount && out.count >= n, "block out of range or buffer too small")
        guard let section = columns[m.rawValue] else {
            out.baseAddress!.update(repeating: 0, count: n)
            return
        }
        PackedColumn.unpack(section, block: b, rows: n, blockCount: blockCount, into: out.baseAddress!)
    }

    /// Decodes only rows `positions[0 ..< count]` of block `b` of measure `m` (positions within
    /// the block, ascending) into `out[0 ..< count]`; cheaper than ``unpack(_:block:into:)`` when
    /// a kernel needs a few rows of the block. An unpublished measure decodes as zeros.
    public func gather(_ m: Measure, block b: Int, positions: UnsafeBufferPointer<Int32>, count: Int,
                       into out: UnsafeMutableBufferPointer<Int64>) {
        let n = rows(inBlock: b).count
        precondition(b >= 0 && b < blockCount && count <= positions.count && out.count >= count, "block out of range or buffer too small")
        guard count > 0 else { return }
        precondition(Int(positions[0]) >= 0 && Int(positions[count - 1]) < n, "position outside the block")
        guard let section = columns[m.rawValue] else {
            out.baseAddress!.update(repeating: 0, count: count)
            return
        }
        PackedColumn.gather(section, block: b, rows: n, blockCount: blockCount, positions: positions.baseAddress!,
                            count: count, into: out.baseAddress!)
    }

    /// Decodes the presentation ids of block `b` into `out` (at least ``blockRows`` values).
    public func unpackPresentations(block b: Int, into out: UnsafeMutableBufferPointer<Int32>) {
        let range = rows(inBlock: b)
        let n = range.count
        precondition(b >= 0 && b < blockCount && out.count >= n, "block out of range or buffer too small")
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: blockRows) { g in
            PackedColumn.unpack(gaps, block: b, rows: n, blockCount: blockCount, into: g.baseAddress!)
            practiceStart.withUnsafeBufferPointer { starts in
                // The first practice boundary after the block's first row.
                var lo = 0, hi = starts.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if Int(starts[mid]) <= range.lowerBound { lo = mid + 1 } else { hi = mid }
                }
                var next = lo < starts.count ? Int(starts[lo]) : Int.max
                var k = lo
                var prev = Int64(anchors[b])
                let o = out.baseAddress!
                var r = range.lowerBound
                var i = 0
                while i < n {
                    let stop = min(next, range.upperBound) - r
                    var j = 0
                    while j < stop {
                        prev = prev &+ g[i &+ j] &+ 1
                        o[i &+ j] = Int32(truncatingIfNeeded: prev)
                        j &+= 1
                    }
                    i &+= stop
                    r &+= stop
                    if r == next {
                        prev = -1
                        while k < starts.count && Int(starts[k]) <= r { k += 1 }
                        next = k < starts.count ? Int(starts[k]) : Int.max
                    }
                }
            }
        }
    }

    /// The whole column of a measure (zeros when unpublished), decoded on every core.
    public func decode(_ m: Measure) -> [Int64] {
        let n = rowCount
        return [Int64](unsafeUninitializedCapacity: n) { buf, count in
            nonisolated(unsafe) let out = buf
            forEachBlockRange { b in
                self.unpack(m, block: b, into: UnsafeMutableBufferPointer(rebasing: out[(b * self.blockRows)...]))
            }
            count = n
        }
    }

    /// The presentation id of every row, decoded on every core.
    public func decodePresentations() -> [Int32] {
        let n = rowCount
        return [Int32](unsafeUninitializedCapacity: n) { buf, count in
            nonisolated(unsafe) let out = buf
            forEachBlockRange { b in
                self.unpackPresentations(block: b, into: UnsafeMutableBufferPointer(rebasing: out[(b * self.blockRows)...]))
            }
            count = n
        }
    }

    /// Whether the month keeps items and quantity per quantity per item.
    public var keepsQuantityPerItem: Bool { quantityPerItemSections != nil }

    /// The month's ``QuantityPerItemBreakdown``, or nil when it keeps none (its sources publish
    /// no quantity per item, or it was written before RxAtlas kept it).
    /// - Throws: ``StoreError`` when the entries break the breakdown's row order.
    public func decodeQuantityPerItem() throws -> QuantityPerItemBreakdown? {
        guard let (sections, count) = quantityPerItemSections else { return nil }
        let blocks = (count + blockRows - 1) / blockRows
        func column(_ k: Int) -> [Int64] {
            [Int64](unsafeUninitializedCapacity: count) { buf, n in
                for b in 0..<blocks {
                    PackedColumn.unpack(sections[k], block: b, rows: min(blockRows, count - b * blockRows), blockCount: blocks,
                                        into: buf.baseAddress! + b * blockRows)
                }
                n = count
            }
        }
        let rows = column(0)
        var previous: Int64 = -1
        for r in rows {
            guard r >= previous, r < Int64(rowCount) else {
                throw StoreError(path: path, reason: "corrupt snapshot: quantity-per-item entry rows out of order or range")
            }
            previous = r
        }
        return QuantityPerItemBreakdown(row: rows.map { Int32($0) }, quantityPerItem: column(1), items: column(2), quantity: column(3))
    }

    /// The whole month as a ``MonthTable``.
    /// - Throws: ``StoreError`` when its quantity-per-item entries are corrupt.
    public func decode() throws -> MonthTable {
        var columns: [[Int64]] = []
        for m in Measure.allCases {
            columns.append(measures.has(m) ? decode(m) : [Int64](repeating: 0, count: rowCount))
        }
        return MonthTable(month: month, practiceCodes: practiceCodes, presentationCodes: presentationCodes,
                          practiceStart: practiceStart, presentation: decodePresentations(), columns: columns,
                          measures: measures, quantityPerItem: try decodeQuantityPerItem())
    }

    /// Runs `body` for every block, spread over the cores in contiguous runs.
    private func forEachBlockRange(_ body: (Int) -> Void) {
        let blocks = blockCount
        let tasks = min(blocks, 16)
        _ = StoreParallel.map(tasks) { t in
            for b in (t * blocks / tasks)..<((t + 1) * blocks / tasks) { body(b) }
        }
    }
}
