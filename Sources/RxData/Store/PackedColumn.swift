#if _endian(big)
#error("RxAtlas snapshots are little-endian and are used in place; big-endian hosts are not supported")
#endif

/// The block codec of snapshot columns: frame-of-reference bit packing with patched exceptions
/// and a per-block power-of-ten divisor.
///
/// A column of `Int64` values is cut into blocks of `blockRows` rows. Per block:
/// 1. the largest `k ≤ 18` such that every value is a multiple of `10^k` is found and the values
///    are divided by it (costs kept to 2 decimals become pence, whole quantities lose their five
///    zero decimals);
/// 2. the minimum of the divided values is subtracted (frame of reference), leaving unsigned
///    offsets `u`;
/// 3. a bit width `w` is chosen that minimises the block's size: the low `w` bits of every `u`
///    are packed LSB-first into `UInt64` words, and the few values wider than `w` (exceptions)
///    keep their positions (`UInt16`) and high bits (`u >> w`, packed at the exceptions' own
///    width) after the packed lane.
///
/// A packed section is `blockCount` 24-byte ``BlockHeader``s, padding to 8 bytes, then the
/// words of every block in order and one trailing zero word (so the decoder may always read the
/// word after the one it needs).
enum PackedColumn {
    /// Size of one block header in the file.
    static let headerBytes = 24

    /// One block's encoding parameters, as stored in the section's header table.
    struct BlockHeader {
        /// The minimum of the block's divided values.
        var base: Int64
        /// First word of the block's data, counted from the section's word area.
        var wordOffset: UInt64
        /// Number of exceptions.
        var exceptionCount: UInt16
        /// Bits per value in the packed lane (0–64).
        var width: UInt8
        /// Bits per exception high part (0–64).
        var exceptionWidth: UInt8
        /// The block's values were divided by `10^pow10`.
        var pow10: UInt8

        /// Words of packed data this block occupies.
        func wordCount(rows n: Int) -> Int {
            let e = Int(exceptionCount)
            return (n * Int(width) + 63) / 64 + (e + 3) / 4 + (e * Int(exceptionWidth) + 63) / 64
        }

        func store(to p: UnsafeMutableRawPointer) {
            p.storeBytes(of: base.littleEndian, toByteOffset: 0, as: Int64.self)
            p.storeBytes(of: wordOffset.littleEndian, toByteOffset: 8, as: UInt64.self)
            p.storeBytes(of: exceptionCount.littleEndian, toByteOffset: 16, as: UInt16.self)
            p.storeBytes(of: width, toByteOffset: 18, as: UInt8.self)
            p.storeBytes(of: exceptionWidth, toByteOffset: 19, as: UInt8.self)
            p.storeBytes(of: pow10, toByteOffset: 20, as: UInt8.self)
            for i in 21..<24 { p.storeBytes(of: UInt8(0), toByteOffset: i, as: UInt8.self) }
        }

        @inline(__always)
        init(base: Int64, wordOffset: UInt64, exceptionCount: UInt16, width: UInt8, exceptionWidth: UInt8, pow10: UInt8) {
            self.base = base
            self.wordOffset = wordOffset
            self.exceptionCount = exceptionCount
            self.width = width
            self.exceptionWidth = exceptionWidth
            self.pow10 = pow10
        }

        @inline(__always)
        init(loadingFrom p: UnsafeRawPointer) {
            base = Int64(littleEndian: p.loadUnaligned(fromByteOffset: 0, as: Int64.self))
            wordOffset = UInt64(littleEndian: p.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            exceptionCount = UInt16(littleEndian: p.loadUnaligned(fromByteOffset: 16, as: UInt16.self))
            width = p.load(fromByteOffset: 18, as: UInt8.self)
            exceptionWidth = p.load(fromByteOffset: 19, as: UInt8.self)
            pow10 = p.load(fromByteOffset: 20, as: UInt8.self)
        }
    }

    /// The plan of a whole column: its block headers and the section's size in bytes.
    struct Plan {
        var blocks: [BlockHeader]
        var byteLength: Int
        var wordAreaOffset: Int
    }

    /// Powers of ten 10^0 … 10^18.
    static let powersOfTen: [Int64] = (0...18).map { k in (0..<k).reduce(Int64(1)) { a, _ in a * 10 } }
    /// Multiplicative inverses of 5^k modulo 2^64, k = 0 … 18 (exact division and divisibility
    /// tests by multiplication; Granlund & Montgomery 1994, §9).
    static let inverseFivePowers: [UInt64] = (0...18).map { k in
        let d = (0..<k).reduce(UInt64(1)) { a, _ in a * 5 }
        var x = d
        for _ in 0..<6 { x = x &* (2 &- d &* x) }
        return x
    }
    /// `UInt64.max / 5^k`: `a` is a multiple of 5^k exactly when `a * inverse ≤` this bound.
    static let fivePowerBounds: [UInt64] = (0...18).map { k in UInt64.max / (0..<k).reduce(UInt64(1)) { a, _ in a * 5 } }

    /// The largest `k` such that every value is a multiple of `10^k`.
    static func commonPowerOfTen(_ v: UnsafePointer<Int64>, _ n: Int) -> Int {
        var or: UInt64 = 0
        for i in 0..<n { or |= UInt64(bitPattern: v[i]) }
        if or == 0 { return 0 }
        var k = min(or.trailingZeroBitCount, 18)
        while k > 0 {
            let inv = inverseFivePowers[k], bound = fivePowerBounds[k]
            var ok = true
            for i in 0..<n where v[i].magnitude &* inv > bound { ok = false; break }
            if ok { return k }
            k -= 1
        }
        return 0
    }

    /// Plans the encoding of `values` in blocks of `blockRows`.
    static func plan(_ values: UnsafeBufferPointer<Int64>, blockRows: Int) -> Plan {
        let n = values.count
        let blockCount = (n + blockRows - 1) / blockRows
        var blocks: [BlockHeader] = []
        blocks.reserveCapacity(blockCount)
        var word: UInt64 = 0
        var scaled = [Int64](repeating: 0, count: blockRows)
        var histogram = [Int](repeating: 0, count: 65)
        scaled.withUnsafeMutableBufferPointer { s in
            histogram.withUnsafeMutableBufferPointer { hist in
                for b in 0..<blockCount {
                    let start = b * blockRows
                    let m = min(blockRows, n - start)
                    let v = values.baseAddress! + start
                    let k = commonPowerOfTen(v, m)
                    divide(v, m, k, into: s.baseAddress!)
                    var lo = Int64.max
                    for i in 0..<m { lo = min(lo, s[i]) }
                    for i in 0..<65 { hist[i] = 0 }
                    for i in 0..<m {
                        let u = UInt64(bitPattern: s[i] &- lo)
                        hist[64 - u.leadingZeroBitCount] += 1
                    }
                    var maxLen = 64
                    while maxLen > 0 && hist[maxLen] == 0 { maxLen -= 1 }
                    // cost(w) = m·w + exceptions(w)·(16 + maxLen − w); exceptions(w) = #values longer than w.
                    var best = maxLen, bestCost = m * maxLen, above = 0
                    var w = maxLen - 1
                    while w >= 0 {
                        above += hist[w + 1]
                        let cost = m * w + above * (16 + maxLen - w)
                        if cost < bestCost { bestCost = cost; best = w }
                        w -= 1
                    }
                    var exceptions = 0
                    for i in (best + 1)..<65 { exceptions += hist[i] }
                    let header = BlockHeader(base: lo, wordOffset: word, exceptionCount: UInt16(exceptions),
                                             width: UInt8(best), exceptionWidth: UInt8(exceptions > 0 ? maxLen - best : 0),
                                             pow10: UInt8(k))
                    blocks.append(header)
                    word += UInt64(header.wordCount(rows: m))
                }
            }
        }
        let wordArea = (blockCount * headerBytes + 7) & ~7
        return Plan(blocks: blocks, byteLength: wordArea + (Int(word) + 1) * 8, wordAreaOffset: wordArea)
    }

    /// Divides `m` values, all multiples of 10^k, exactly.
    @inline(__always)
    static func divide(_ v: UnsafePointer<Int64>, _ m: Int, _ k: Int, into s: UnsafeMutablePointer<Int64>) {
        if k == 0 {
            s.update(from: v, count: m)
        } else {
            let inv = inverseFivePowers[k]
            let shift = Int64(k)
            for i in 0..<m { s[i] = Int64(bitPattern: UInt64(bitPattern: v[i] &>> shift) &* inv) }
        }
    }

    /// Writes the planned column into `out` (which must hold `plan.byteLength` bytes).
    static func pack(_ values: UnsafeBufferPointer<Int64>, plan: Plan, blockRows: Int, into out: UnsafeMutableRawPointer) {
        let n = values.count
        for (b, h) in plan.blocks.enumerated() { h.store(to: out + b * headerBytes) }
        for i in (plan.blocks.count * headerBytes)..<plan.wordAreaOffset { out.storeBytes(of: 0, toByteOffset: i, as: UInt8.self) }
        let words = (out + plan.wordAreaOffset).bindMemory(to: UInt64.self, capacity: (plan.byteLength - plan.wordAreaOffset) / 8)
        var scaled = [Int64](repeating: 0, count: blockRows)
        var excPos = [UInt16](repeating: 0, count: blockRows)
        var excHigh = [UInt64](repeating: 0, count: blockRows)
        var end = 0
        scaled.withUnsafeMutableBufferPointer { s in
            for (b, h) in plan.blocks.enumerated() {
                let start = b * blockRows
                let m = min(blockRows, n - start)
                divide(values.baseAddress! + start, m, Int(h.pow10), into: s.baseAddress!)
                let w = Int(h.width)
                var p = words + Int(h.wordOffset)
                let mask: UInt64 = w == 64 ? ~0 : (UInt64(1) &<< UInt64(w)) &- 1
                var e = 0
                var acc: UInt64 = 0, filled = 0
                for i in 0..<m {
                    let u = UInt64(bitPattern: s[i] &- h.base)
                    if u > mask {
                        excPos[e] = UInt16(i)
                        excHigh[e] = u &>> UInt64(w)
                        e += 1
                    }
                    if w == 0 { continue }
                    let low = u & mask
                    acc |= low &<< UInt64(filled)
                    filled += w
                    if filled >= 64 {
                        p.pointee = acc.littleEndian
                        p += 1
                        filled -= 64
                        acc = filled == 0 ? 0 : low &>> UInt64(w - filled)
                    }
                }
                if filled > 0 { p.pointee = acc.littleEndian; p += 1 }
                // Exception positions, four per word.
                var i = 0
                while i < e {
                    var word: UInt64 = 0
                    for j in 0..<4 where i + j < e { word |= UInt64(excPos[i + j]) &<< UInt64(16 * j) }
                    p.pointee = word.littleEndian
                    p += 1
                    i += 4
                }
                // Exception high parts, packed at the exception width.
                let ew = Int(h.exceptionWidth)
                acc = 0; filled = 0
                if ew > 0 {
                    for j in 0..<e {
                        let x = excHigh[j]
                        acc |= x &<< UInt64(filled)
                        filled += ew
                        if filled >= 64 {
                            p.pointee = acc.littleEndian
                            p += 1
                            filled -= 64
                            acc = filled == 0 ? 0 : x &>> UInt64(ew - filled)
                        }
                    }
                    if filled > 0 { p.pointee = acc.littleEndian; p += 1 }
                }
                end = p - words
                precondition(end == Int(h.wordOffset) + h.wordCount(rows: m), "packed block size differs from its plan")
            }
        }
        words[end] = 0
    }

    /// Checks that a section's block table describes data inside the section; returns the first
    /// problem found. O(blocks): exception positions are not scanned here; the decoders ignore a
    /// position outside its block, so a damaged position can never write out of bounds (and the
    /// snapshot's checksums catch the damage itself).
    static func validate(_ section: UnsafeRawBufferPointer, rows: Int, blockRows: Int) -> String? {
        let blockCount = (rows + blockRows - 1) / blockRows
        let wordArea = (blockCount * headerBytes + 7) & ~7
        guard section.count >= wordArea + 8, (section.count - wordArea) % 8 == 0 else {
            return "packed column of \(section.count) bytes is too short for \(blockCount) blocks"
        }
        let wordLimit = (section.count - wordArea) / 8 - 1
        let base = section.baseAddress!
        var expected: UInt64 = 0
        for b in 0..<blockCount {
            let h = BlockHeader(loadingFrom: base + b * headerBytes)
            let m = min(blockRows, rows - b * blockRows)
            guard h.width <= 64, h.exceptionWidth <= 64, Int(h.width) + Int(h.exceptionWidth) <= 64, h.pow10 <= 18,
                  Int(h.exceptionCount) <= m, h.exceptionCount == 0 || (h.width < 64 && h.exceptionWidth > 0) else {
                return "block \(b) has impossible encoding parameters"
            }
            guard h.wordOffset == expected else { return "block \(b) does not follow the previous block" }
            expected += UInt64(h.wordCount(rows: m))
            guard expected <= UInt64(wordLimit) else { return "block \(b) runs past the end of its column" }
        }
        return nil
    }

    /// A mask of the low `w` bits (0–64).
    @inline(__always)
    static func lowBits(_ w: Int) -> UInt64 { w == 64 ? ~0 : (UInt64(1) &<< UInt64(w)) &- 1 }

    /// The bits of a packed lane from bit `bit` on, masked: reads the word holding the bit and
    /// the next (the section's trailing zero word makes that always safe).
    @inline(__always)
    static func field(_ words: UnsafePointer<UInt64>, at bit: Int, mask: UInt64) -> UInt64 {
        let wi = bit &>> 6
        let sh = UInt64(truncatingIfNeeded: bit & 63)
        return ((words[wi] &>> sh) | ((words[wi &+ 1] &<< 1) &<< (63 &- sh))) & mask
    }

    /// One block of a validated section, located: its header, its packed lane and its
    /// exceptions, for the decoders below.
    struct Block {
        let header: BlockHeader
        /// The block's words (the packed lane first).
        let words: UnsafePointer<UInt64>
        /// Bits per value in the lane.
        let width: Int
        /// The exceptions' in-block positions and packed high parts.
        let positions: UnsafePointer<UInt16>
        let highs: UnsafePointer<UInt64>
        let exceptionMask: UInt64

        @inline(__always)
        init(_ section: UnsafeRawPointer, block b: Int, rows m: Int, blockCount: Int) {
            let wordArea = (blockCount * headerBytes + 7) & ~7
            header = BlockHeader(loadingFrom: section + b * headerBytes)
            words = (section + wordArea).assumingMemoryBound(to: UInt64.self) + Int(header.wordOffset)
            width = Int(header.width)
            let posWords = (m * width + 63) / 64
            positions = UnsafeRawPointer(words + posWords).assumingMemoryBound(to: UInt16.self)
            highs = words + posWords + (Int(header.exceptionCount) + 3) / 4
            exceptionMask = lowBits(Int(header.exceptionWidth))
        }

        /// Exception `x`'s position in the block.
        @inline(__always)
        func exceptionPosition(_ x: Int) -> Int { Int(UInt16(littleEndian: positions[x])) }

        /// What exception `x` adds to the value at its position.
        @inline(__always)
        func exceptionAddend(_ x: Int) -> Int64 {
            Int64(bitPattern: field(highs, at: x &* Int(header.exceptionWidth), mask: exceptionMask) &<< UInt64(width))
        }

        /// Multiplies `out[0 ..< n]` back by the block's power of ten.
        @inline(__always)
        func scale(_ out: UnsafeMutablePointer<Int64>, count n: Int) {
            let k = Int(header.pow10)
            guard k > 0 else { return }
            let f = powersOfTen[k]
            for i in 0..<n { out[i] = out[i] &* f }
        }
    }

    /// Decodes block `b` of a validated section into `out` (room for `rows` values).
    @inline(__always)
    static func unpack(_ section: UnsafeRawPointer, block b: Int, rows m: Int, blockCount: Int, into out: UnsafeMutablePointer<Int64>) {
        let block = Block(section, block: b, rows: m, blockCount: blockCount)
        let w = block.width, base = block.header.base
        if w == 0 {
            out.update(repeating: base, count: m)
        } else {
            let mask = lowBits(w)
            var bit = 0
            for i in 0..<m {
                out[i] = base &+ Int64(bitPattern: field(block.words, at: bit, mask: mask))
                bit &+= w
            }
        }
        for x in 0..<Int(block.header.exceptionCount) {
            let pos = block.exceptionPosition(x)
            if pos < m { out[pos] &+= block.exceptionAddend(x) }
        }
        block.scale(out, count: m)
    }
}

extension PackedColumn {
    /// Decodes only the values at in-block positions `positions[0 ..< k]` (ascending) of block
    /// `b` of a validated section into `out[0 ..< k]`: the fast path for kernels that need a few
    /// rows of a block. Exceptions are merged in by position.
    @inline(__always)
    static func gather(_ section: UnsafeRawPointer, block b: Int, rows m: Int, blockCount: Int,
                       positions sel: UnsafePointer<Int32>, count k: Int, into out: UnsafeMutablePointer<Int64>) {
        let block = Block(section, block: b, rows: m, blockCount: blockCount)
        let w = block.width, base = block.header.base
        if w == 0 {
            out.update(repeating: base, count: k)
        } else {
            let mask = lowBits(w)
            for j in 0..<k {
                out[j] = base &+ Int64(bitPattern: field(block.words, at: Int(sel[j]) &* w, mask: mask))
            }
        }
        var j = 0
        for x in 0..<Int(block.header.exceptionCount) {
            let pos = Int32(block.exceptionPosition(x))
            while j < k && sel[j] < pos { j &+= 1 }
            if j == k { break }
            guard sel[j] == pos else { continue }
            out[j] &+= block.exceptionAddend(x)
        }
        block.scale(out, count: k)
    }
}
