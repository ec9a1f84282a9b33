import RxData

/// The one block loop over a snapshot; every kernel's reading of the store goes through it.
///
/// Rows are streamed block by block: the block's presentation ids are decoded
/// (``RxData/Snapshot/unpackPresentations(block:into:)``); the rows whose presentation has a
/// non-zero column mask are listed (one table look-up per row), and per column the rows that
/// need it; only those values are decoded (``RxData/Snapshot/gather(_:block:positions:count:into:)``;
/// measures select a few percent of rows), or the whole block's column when at least half its
/// rows need it (``RxData/Snapshot/unpack(_:block:into:)``; chemical items read nearly every
/// row), into buffers reused for the whole call; each selected row goes to the sink with its
/// month-local practice id. The loop allocates nothing per row.
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
        // needing column c (with one column, the selected rows themselves).
        let positions = UnsafeMutableBufferPointer<Int32>.allocate(capacity: B * (C + 1))
        let gathered = UnsafeMutableBufferPointer<Int64>.allocate(capacity: B * C)
        let rowValue = UnsafeMutableBufferPointer<Int64>.allocate(capacity: C)
        let cursor = UnsafeMutableBufferPointer<Int>.allocate(capacity: C)
        defer {
            presentations.deallocate(); positions.deallocate(); gathered.deallocate()
            rowValue.deallocate(); cursor.deallocate()
        }
        rowValue.initialize(repeating: 0)
        // The sink is worked on as a local, so its fields stay in registers across the stores
        // into the accumulators, and handed back at the end.
        var local = sink
        defer { sink = local }
        mask.withUnsafeBufferPointer { cmask in
        starts.withUnsafeBufferPointer { st in
            var p = practices.lowerBound
            let hitRows = positions.baseAddress!
            // Whether the last block had most rows selected (one-column scans only).
            var dense = false
            for b in (rowLo / B)...((rowHi - 1) / B) {
                let range = snapshot.rows(inBlock: b)
                let lo = max(rowLo, range.lowerBound) &- range.lowerBound
                let hi = min(rowHi, range.upperBound) &- range.lowerBound
                snapshot.unpackPresentations(block: b, into: presentations)
                var k = 0
                for c in 0..<C { cursor[c] = 0 }
                if C == 1 && dense {
                    // One column that most rows of the last block needed (chemical items): the
                    // column is decoded whole and the rows handed over in one pass.
                    snapshot.unpack(columns[0], block: b, into: gathered)
                    var i = lo
                    while i < hi {
                        let q = Int(presentations[i])
                        if cmask[q] != 0 {
                            k &+= 1
                            rowValue[0] = gathered[i]
                            let r = range.lowerBound &+ i
                            while Int(st[p &+ 1]) <= r { p &+= 1 }
                            local.add(practice: p, presentation: q, values: rowValue)
                        }
                        i &+= 1
                    }
                    dense = k &* 2 >= range.count
                    continue
                }
                if C == 1 {
                    // One column: its rows are the selected rows.
                    for i in lo..<hi {
                        hitRows[k] = Int32(truncatingIfNeeded: i)
                        k &+= cmask[Int(presentations[i])] != 0 ? 1 : 0
                    }
                    cursor[0] = k
                    dense = k &* 2 >= range.count
                } else {
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
                }
                guard k > 0 else { continue }
                // A column most of the block's rows need is decoded whole (one pass, no
                // positions), and read by row; the others only at their rows.
                var whole: UInt8 = 0
                for c in 0..<C where cursor[c] > 0 {
                    let out = UnsafeMutableBufferPointer(rebasing: gathered[(c * B)...])
                    if cursor[c] &* 2 >= range.count {
                        snapshot.unpack(columns[c], block: b, into: out)
                        whole |= UInt8(1) << UInt8(c)
                    } else {
                        let rows = C == 1 ? hitRows : hitRows + (c + 1) * B
                        snapshot.gather(columns[c], block: b, positions: UnsafeBufferPointer(start: rows, count: B),
                                        count: cursor[c], into: out)
                    }
                    cursor[c] = 0
                }
                let first = range.lowerBound
                for j in 0..<k {
                    let i = Int(hitRows[j])
                    let q = Int(presentations[i])
                    let m = cmask[q]
                    for c in 0..<C where m & (UInt8(1) << UInt8(c)) != 0 {
                        let bit = UInt8(1) << UInt8(c)
                        rowValue[c] = gathered[c &* B &+ (whole & bit != 0 ? i : cursor[c])]
                        cursor[c] &+= 1
                    }
                    let r = first &+ i
                    while Int(st[p &+ 1]) <= r { p &+= 1 }
                    local.add(practice: p, presentation: q, values: rowValue)
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
