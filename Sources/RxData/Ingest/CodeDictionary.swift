/// Dictionary-encodes short byte strings (up to 16 bytes) to dense ids with open addressing.
///
/// Keys live in the slots as two words, so a lookup is one hash and usually one cache line;
/// no `String` is built for a key that has been seen before.
struct CodeDictionary {
    private var keys0: [UInt64]
    private var keys1: [UInt64]
    private var ids: [Int32]          // -1 = empty
    private var mask: Int
    /// Keys in id order, as (word0, word1) pairs.
    private(set) var entries: [(UInt64, UInt64)] = []

    init(capacity: Int = 1 << 12) {
        var cap = 16
        while cap < capacity * 2 { cap <<= 1 }
        keys0 = [UInt64](repeating: 0, count: cap)
        keys1 = [UInt64](repeating: 0, count: cap)
        ids = [Int32](repeating: -1, count: cap)
        mask = cap - 1
    }

    var count: Int { entries.count }

    /// Packs up to 16 bytes into two words (length in the top byte of the second word, so keys
    /// of different lengths never collide). Returns nil for longer keys.
    @inline(__always)
    static func pack(_ p: UnsafePointer<UInt8>, count: Int) -> (UInt64, UInt64)? {
        guard count <= 15 else { return nil }
        var w0: UInt64 = 0, w1: UInt64 = 0
        var i = 0
        while i < count && i < 8 { w0 |= UInt64(p[i]) << UInt64(8 * i); i += 1 }
        while i < count { w1 |= UInt64(p[i]) << UInt64(8 * (i - 8)); i += 1 }
        return (w0, w1 | (UInt64(count) << 56))
    }

    /// ``pack(_:count:)`` with two unaligned word loads instead of a byte loop; `readable` is how
    /// many bytes from `p` may be read (at least 16 for the fast path).
    @inline(__always)
    static func packFast(_ p: UnsafePointer<UInt8>, count: Int, readable: Int) -> (UInt64, UInt64)? {
        guard count <= 15 else { return nil }
        guard readable >= 16 else { return pack(p, count: count) }
        let raw = UnsafeRawPointer(p)
        var w0 = raw.loadUnaligned(as: UInt64.self)
        var w1 = raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        if count < 8 {
            w0 &= (UInt64(1) << UInt64(8 * count)) &- 1
            w1 = 0
        } else {
            w1 &= (UInt64(1) << UInt64(8 * (count - 8))) &- 1
        }
        return (UInt64(littleEndian: w0), UInt64(littleEndian: w1) | (UInt64(count) << 56))
    }

    /// The bytes of a packed key.
    static func unpack(_ key: (UInt64, UInt64)) -> [UInt8] {
        let n = Int(key.1 >> 56)
        var out: [UInt8] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            out.append(i < 8 ? UInt8(truncatingIfNeeded: key.0 >> UInt64(8 * i)) : UInt8(truncatingIfNeeded: key.1 >> UInt64(8 * (i - 8))))
        }
        return out
    }

    @inline(__always)
    private static func hash(_ a: UInt64, _ b: UInt64) -> Int {
        var h = a &* 0x9E37_79B9_7F4A_7C15
        h ^= (b &+ 0x632B_E59B_D9B4_E019) &* 0xC2B2_AE3D_27D4_EB4F
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    /// The id of a key, inserting it if new; `isNew` tells which.
    @inline(__always)
    mutating func id(_ key: (UInt64, UInt64), isNew: inout Bool) -> Int32 {
        var slot = CodeDictionary.hash(key.0, key.1) & mask
        while true {
            let id = ids[slot]
            if id < 0 { break }
            if keys0[slot] == key.0 && keys1[slot] == key.1 { isNew = false; return id }
            slot = (slot + 1) & mask
        }
        let newID = Int32(entries.count)
        keys0[slot] = key.0
        keys1[slot] = key.1
        ids[slot] = newID
        entries.append(key)
        isNew = true
        if entries.count * 2 > mask { grow() }
        return newID
    }

    private mutating func grow() {
        let cap = (mask + 1) * 2
        keys0 = [UInt64](repeating: 0, count: cap)
        keys1 = [UInt64](repeating: 0, count: cap)
        ids = [Int32](repeating: -1, count: cap)
        mask = cap - 1
        for (i, key) in entries.enumerated() {
            var slot = CodeDictionary.hash(key.0, key.1) & mask
            while ids[slot] >= 0 { slot = (slot + 1) & mask }
            keys0[slot] = key.0
            keys1[slot] = key.1
            ids[slot] = Int32(i)
        }
    }
}
