import RxData

/// The one block loop over a snapshot; every kernel's reading of the store goes through it.
///
/// Rows are streamed block by block: the block's presentation ids are decoded
/// (``RxData/Snapshot/unpackPresentations(block:into:)``); the rows whose presentation has a
/// non-zero column mask are listed (one table look-up per row), and per column the rows that
/// need it; only those values are decoded (``RxData/Snapshot/gather(_:block:positions:count:into:)``;
/// analyses select a few percent of rows) into buffers reused for the whole call; each selected
/// row goes to the sink with its month-local practice id. The loop allocates nothing per row.
enum ScanBlocks {
    /// Scans the rows of practices `practices` (month-local ids) of `snapshot`.
    /// - Parameters:
    ///   - mask: per presentation, a bit per entry of `columns` the row needs; 0 skips the row.
    ///   - columns: the store columns (at most 8).
    static func run<S: ScanSink>(_ snapshot: Snapshot, mask: [UInt8], columns: [Measure], practices: Range<Int>,
                                 sink: inout S) {
        let C = columns.count
        guard C > 0, !practices.isEmpty, snapshot.rowCount > 0 else { return }
        let starts = snapshot.practiceStart
        let rowLo = Int(starts[practices.lowerBound]), rowHi = Int(starts[practices.upperBound])
        guard rowLo < rowHi else { return }
        let B = snapshot.blockRows
        let presentations = UnsafeMutableBufferPointer<Int32>.allocate(capacity: B)
        // positions[0 ..< B]: the block's selected rows; positions[(c + 1) * B ...]: the rows
        // needing column c.
        let positions = UnsafeMutableBufferPointer<Int32>.allocate(capacity: B * (C + 1))
        let gathered = UnsafeMutableBufferPointer<Int64>.allocate(capacity: B * C)
        let rowValue = UnsafeMutableBufferPointer<Int64>.allocate(capacity: C)
        let cursor = UnsafeMutableBufferPointer<Int>.allocate(capacity: C)
        defer {
            presentations.deallocate(); positions.deallocate(); gathered.deallocate()
            rowValue.deallocate(); cursor.deallocate()
        }
        rowValue.initialize(repeating: 0)
        mask.withUnsafeBufferPointer { cmask in
        starts.withUnsafeBufferPointer { st in
            var p = practices.lowerBound
            let hitRows = positions.baseAddress!
            for b in (rowLo / B)...((rowHi - 1) / B) {
                let range = snapshot.rows(inBlock: b)
                let lo = max(rowLo, range.lowerBound) &- range.lowerBound
                let hi = min(rowHi, range.upperBound) &- range.lowerBound
                snapshot.unpackPresentations(block: b, into: presentations)
                var k = 0
                for c in 0..<C { cursor[c] = 0 }
                for i in lo..<hi {
                    let m = cmask[Int(presentations[i])]
                    hitRows[k] = Int32(truncatingIfNeeded: i)
                    k &+= m != 0 ? 1 : 0
                    if m != 0 {
                        for c in 0..<C where m & (UInt8(1) << UInt8(c)) != 0 {
                            hitRows[(c &+ 1) &* B &+ cursor[c]] = Int32(truncatingIfNeeded: i)
                            cursor[c] &+= 1
                        }
                    }
                }
                guard k > 0 else { continue }
                for c in 0..<C where cursor[c] > 0 {
                    snapshot.gather(columns[c], block: b, positions: UnsafeBufferPointer(start: hitRows + (c + 1) * B, count: B),
                                    count: cursor[c], into: UnsafeMutableBufferPointer(rebasing: gathered[(c * B)...]))
                    cursor[c] = 0
                }
                let first = range.lowerBound
                for j in 0..<k {
                    let i = Int(hitRows[j])
                    let q = Int(presentations[i])
                    let m = cmask[q]
                    for c in 0..<C where m & (UInt8(1) << UInt8(c)) != 0 {
                        rowValue[c] = gathered[c &* B &+ cursor[c]]
                        cursor[c] &+= 1
                    }
                    let r = first &+ i
                    while Int(st[p &+ 1]) <= r { p &+= 1 }
                    sink.add(practice: p, presentation: q, values: rowValue)
                }
            }
        }}
    }

    /// Per presentation, the columns its keys read, as a bit mask over `request.columns`.
    static func mask(_ keys: ScanKeys, request: ScanRequest) -> [UInt8] {
        (0..<keys.presentationCount).map { q in
            keys.keys(of: q).reduce(UInt8(0)) { $0 | UInt8(1) << UInt8(request.keyColumn[Int($1)]) }
        }
    }
}
