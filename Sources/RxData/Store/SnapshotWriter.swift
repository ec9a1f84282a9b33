import Dispatch
import Foundation

/// Encodes a ``MonthTable`` into a snapshot file (see ``SnapshotFormat``), atomically.
public enum SnapshotWriter {
    /// Writes `table` to `path` through ``AtomicFile`` and returns the header written.
    ///
    /// - Parameters:
    ///   - notes: short source notes kept with the month (e.g. `["nic": "gross ingredient cost"]`
    ///     for Scottish data); readable as ``Snapshot/notes``.
    /// - Throws: ``StoreError`` when the table breaks its invariants or is too large for the
    ///   format; ``AtomicFileError`` when the file cannot be written.
    @discardableResult
    public static func write(_ table: MonthTable, to path: String, notes: [String: String] = [:]) throws -> SnapshotHeader {
        if let problem = table.validate() {
            throw StoreError(path: path, reason: "month \(table.month) is not a valid table: \(problem)")
        }
        guard table.rowCount < Int(Int32.max), table.practiceCodes.count < Int(Int32.max),
              table.presentationCodes.count < Int(Int32.max) else {
            throw StoreError(path: path, reason: "month \(table.month) is too large for one snapshot")
        }
        let rows = table.rowCount
        let blockRows = SnapshotFormat.blockRows
        let blockCount = (rows + blockRows - 1) / blockRows

        // Small raw sections.
        var practiceCodes = [UInt8]()
        var text = [UInt8]()
        var offsets: [UInt32] = [0]
        for code in table.practiceCodes {
            text.append(contentsOf: code.utf8)
            offsets.append(UInt32(text.count))
        }
        guard text.count < Int(UInt32.max) else { throw StoreError(path: path, reason: "practice code table too large") }
        for o in offsets { practiceCodes.appendLE(o) }
        practiceCodes.append(contentsOf: text)

        var presentationCodes = [UInt8]()
        presentationCodes.reserveCapacity(16 * table.presentationCodes.count)
        for code in table.presentationCodes {
            let b = code.bytes
            presentationCodes.append(UInt8(b.count))
            presentationCodes.append(contentsOf: b)
            presentationCodes.append(contentsOf: repeatElement(0, count: 15 - b.count))
        }

        var practiceStart = [UInt8]()
        practiceStart.reserveCapacity(4 * table.practiceStart.count)
        for s in table.practiceStart { practiceStart.appendLE(UInt32(s)) }

        // Presentation ids as gaps within each practice, with the per-block anchors.
        var gaps = [Int64](repeating: 0, count: rows)
        var anchors = [UInt8]()
        anchors.reserveCapacity(4 * blockCount)
        var anchorValues = [Int32](repeating: -1, count: blockCount)
        var practicesUsed = 0
        table.presentation.withUnsafeBufferPointer { pres in
            gaps.withUnsafeMutableBufferPointer { g in
                for p in 0..<table.practiceCodes.count {
                    let a = Int(table.practiceStart[p]), b = Int(table.practiceStart[p + 1])
                    if b > a { practicesUsed += 1 }
                    var prev: Int32 = -1
                    for r in a..<b {
                        if r % blockRows == 0 { anchorValues[r / blockRows] = prev }
                        g[r] = Int64(pres[r]) - Int64(prev) - 1
                        prev = pres[r]
                    }
                }
            }
        }
        for a in anchorValues { anchors.appendLE(UInt32(bitPattern: a)) }
        var used = [Bool](repeating: false, count: table.presentationCodes.count)
        for p in table.presentation { used[Int(p)] = true }
        let presentationsUsed = used.reduce(0) { $0 + ($1 ? 1 : 0) }

        let notesBytes: [UInt8] = notes.isEmpty ? [] : Array(try JSONSerialization.data(withJSONObject: notes, options: [.sortedKeys]))

        // Packed columns: presentation gaps, then each published measure; planned in parallel.
        let published = table.measures.measures
        var columnValues: [[Int64]] = [gaps]
        for m in published { columnValues.append(table.columns[m.rawValue]) }
        if let b = table.quantityPerItem {
            columnValues += [b.row.map(Int64.init), b.quantityPerItem, b.items, b.quantity]
        }
        let plans = StoreParallel.map(columnValues.count) { i in
            columnValues[i].withUnsafeBufferPointer { PackedColumn.plan($0, blockRows: blockRows) }
        }

        // Layout, relative to the payload start.
        typealias S = SnapshotFormat.Section
        var sections: [S] = []
        var cursor = 0
        func place(_ kind: SnapshotFormat.SectionKind, _ measure: UInt8, _ enc: SnapshotFormat.Encoding, _ count: Int, _ length: Int) {
            cursor = SnapshotFormat.align(cursor, SnapshotFormat.alignment)
            sections.append(S(kind: kind, measure: measure, encoding: enc, count: UInt32(count), offset: UInt64(cursor), length: UInt64(length)))
            cursor += length
        }
        place(.practiceCodes, 0, .raw, table.practiceCodes.count, practiceCodes.count)
        place(.presentationCodes, 0, .raw, table.presentationCodes.count, presentationCodes.count)
        place(.practiceStart, 0, .raw, table.practiceStart.count, practiceStart.count)
        place(.presentationAnchors, 0, .raw, blockCount, anchors.count)
        if !notesBytes.isEmpty { place(.notes, 0, .raw, notesBytes.count, notesBytes.count) }
        place(.presentationGaps, 0, .packed, rows, plans[0].byteLength)
        for (i, m) in published.enumerated() { place(.measure, UInt8(m.rawValue), .packed, rows, plans[i + 1].byteLength) }
        if let b = table.quantityPerItem {
            for (k, kind) in SnapshotFormat.SectionKind.quantityPerItem.enumerated() {
                place(kind, 0, .packed, b.count, plans[published.count + 1 + k].byteLength)
            }
        }
        let payloadLength = cursor
        let chunkBytes = 1 << SnapshotFormat.chunkShift
        let chunkCount = (payloadLength + chunkBytes - 1) / chunkBytes
        // The header is padded to the payload's alignment; its checksum covers the padding too.
        let directoryEnd = SnapshotFormat.fixedHeaderBytes + sections.count * SnapshotFormat.sectionEntryBytes + chunkCount * 8
        let payloadOffset = SnapshotFormat.align(SnapshotFormat.preambleBytes + directoryEnd, SnapshotFormat.alignment)
        let headerLength = payloadOffset - SnapshotFormat.preambleBytes
        let fileLength = payloadOffset + payloadLength

        // Fill the file in place: the payload first, then the header that checksums it.
        var totals = [Int64](repeating: 0, count: Measure.allCases.count)
        for m in published { totals[m.rawValue] = table.total(m) }
        try AtomicFile.withMappedFile(path, length: fileLength) { file in
            let base = file.baseAddress! + payloadOffset
            func copy(_ bytes: [UInt8], _ s: S) {
                bytes.withUnsafeBytes { (base + Int(s.offset)).copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(base), byteCount: bytes.count) }
            }
            var si = 0
            copy(practiceCodes, sections[si]); si += 1
            copy(presentationCodes, sections[si]); si += 1
            copy(practiceStart, sections[si]); si += 1
            copy(anchors, sections[si]); si += 1
            if !notesBytes.isEmpty { copy(notesBytes, sections[si]); si += 1 }
            let packedSections = Array(sections[si...])
            nonisolated(unsafe) let target = base
            _ = StoreParallel.map(columnValues.count) { i in
                columnValues[i].withUnsafeBufferPointer {
                    PackedColumn.pack($0, plan: plans[i], blockRows: blockRows, into: target + Int(packedSections[i].offset))
                }
            }
            nonisolated(unsafe) let filled = UnsafeRawPointer(base)
            let checksums = StoreParallel.map(chunkCount) { c in
                let start = c * chunkBytes
                return XXH64.hash(filled + start, count: min(chunkBytes, payloadLength - start))
            }

            // Preamble and header.
            var head = [UInt8]()
            head.reserveCapacity(payloadOffset)
            head.append(contentsOf: SnapshotFormat.magic)
            head.appendLE(SnapshotFormat.version)
            head.appendLE(UInt32(headerLength))
            head.appendLE(UInt64(fileLength))
            head.appendLE(UInt64(0))  // header checksum, filled below
            head.append(contentsOf: repeatElement(0, count: 32))
            head.appendLE(UInt32(bitPattern: table.month.ordinal))
            head.append(contentsOf: [table.measures.rawValue, 0, 0, 0])
            head.appendLE(UInt64(rows))
            head.appendLE(UInt32(table.practiceCodes.count))
            head.appendLE(UInt32(table.presentationCodes.count))
            head.appendLE(UInt32(practicesUsed))
            head.appendLE(UInt32(presentationsUsed))
            head.appendLE(UInt32(blockRows))
            head.appendLE(UInt32(SnapshotFormat.chunkShift))
            for t in totals { head.appendLE(UInt64(bitPattern: t)) }
            head.appendLE(UInt64(payloadOffset))
            head.appendLE(UInt32(sections.count))
            head.appendLE(UInt32(chunkCount))
            for s in sections {
                head.appendLE(s.kind.rawValue)
                head.append(s.measure)
                head.append(s.encoding.rawValue)
                head.appendLE(s.count)
                head.appendLE(s.offset + UInt64(payloadOffset))
                head.appendLE(s.length)
                head.appendLE(UInt64(0))
            }
            for c in checksums { head.appendLE(c) }
            precondition(head.count == SnapshotFormat.preambleBytes + directoryEnd, "snapshot header size differs from its layout")
            head.append(contentsOf: repeatElement(0, count: payloadOffset - head.count))
            let checksum = head.withUnsafeBytes { SnapshotParser.headerChecksum($0) }
            withUnsafeBytes(of: checksum.littleEndian) { c in for i in 0..<8 { head[24 + i] = c[i] } }
            head.withUnsafeBytes { file.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: head.count) }
        }
        return SnapshotHeader(formatVersion: SnapshotFormat.version, month: table.month, rowCount: rows,
                              practiceCount: table.practiceCodes.count, presentationCount: table.presentationCodes.count,
                              practicesWithRows: practicesUsed, presentationsWithRows: presentationsUsed,
                              measures: table.measures, totals: totals, fileLength: fileLength)
    }
}

extension Array where Element == UInt8 {
    /// Appends the little-endian bytes of an integer.
    @inline(__always)
    fileprivate mutating func appendLE<T: FixedWidthInteger>(_ v: T) {
        Swift.withUnsafeBytes(of: v.littleEndian) { append(contentsOf: $0) }
    }
}
