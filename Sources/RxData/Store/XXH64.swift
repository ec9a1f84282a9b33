/// XXH64, Yann Collet's 64-bit non-cryptographic hash (https://github.com/Cyan4973/xxHash,
/// `doc/xxhash_spec.md`), used for every checksum RxAtlas writes: snapshot headers and payload
/// chunks, and the input-file digests of the store's provenance log.
///
/// Use ``hash(_:seed:)`` for a buffer in memory, or create a value, ``update(_:)`` it with pieces
/// of any size and call ``finalize()`` for data that arrives in parts. Both give the same
/// digest as the reference implementation (the tests hold its published vectors).
public struct XXH64: Sendable {
    @usableFromInline static let p1: UInt64 = 0x9E37_79B1_85EB_CA87
    @usableFromInline static let p2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    @usableFromInline static let p3: UInt64 = 0x1656_67B1_9E37_79F9
    @usableFromInline static let p4: UInt64 = 0x85EB_CA77_C2B2_AE63
    @usableFromInline static let p5: UInt64 = 0x27D4_EB2F_1656_67C5

    private var v1: UInt64, v2: UInt64, v3: UInt64, v4: UInt64
    private let seed: UInt64
    private var totalLength: UInt64 = 0
    /// Bytes not yet consumed by a full 32-byte stripe.
    private var pending: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var pendingCount = 0

    /// Starts a streaming hash with the given seed.
    public init(seed: UInt64 = 0) {
        self.seed = seed
        v1 = seed &+ XXH64.p1 &+ XXH64.p2
        v2 = seed &+ XXH64.p2
        v3 = seed
        v4 = seed &- XXH64.p1
    }

    /// The digest of a contiguous buffer.
    public static func hash(_ buffer: UnsafeRawBufferPointer, seed: UInt64 = 0) -> UInt64 {
        guard let base = buffer.baseAddress else {
            return withUnsafeBytes(of: UInt64(0)) { hash($0.baseAddress!, count: 0, seed: seed) }
        }
        return hash(base, count: buffer.count, seed: seed)
    }

    /// The digest of a byte array.
    public static func hash(_ bytes: [UInt8], seed: UInt64 = 0) -> UInt64 {
        bytes.withUnsafeBytes { hash($0, seed: seed) }
    }

    /// The digest of `count` bytes at `base`.
    public static func hash(_ base: UnsafeRawPointer, count: Int, seed: UInt64 = 0) -> UInt64 {
        var p = base
        let end = base + count
        var h: UInt64
        if count >= 32 {
            var a = seed &+ p1 &+ p2, b = seed &+ p2, c = seed, d = seed &- p1
            let limit = end - 32
            while p <= limit {
                a = round(a, p.loadUnaligned(as: UInt64.self).littleEndian)
                b = round(b, p.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian)
                c = round(c, p.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian)
                d = round(d, p.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian)
                p += 32
            }
            h = converge(a, b, c, d)
        } else {
            h = seed &+ p5
        }
        return finish(h, length: UInt64(count), tail: p, tailCount: end - p)
    }

    /// Feeds more bytes into a streaming hash.
    public mutating func update(_ buffer: UnsafeRawBufferPointer) {
        guard var p = buffer.baseAddress, buffer.count > 0 else { return }
        var n = buffer.count
        totalLength &+= UInt64(n)
        if pendingCount > 0 {
            let take = min(32 - pendingCount, n)
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.advanced(by: pendingCount).copyMemory(from: p, byteCount: take) }
            pendingCount += take
            p += take
            n -= take
            if pendingCount < 32 { return }
            let stripe = pending
            v1 = XXH64.round(v1, stripe.0.littleEndian)
            v2 = XXH64.round(v2, stripe.1.littleEndian)
            v3 = XXH64.round(v3, stripe.2.littleEndian)
            v4 = XXH64.round(v4, stripe.3.littleEndian)
            pendingCount = 0
        }
        while n >= 32 {
            v1 = XXH64.round(v1, p.loadUnaligned(as: UInt64.self).littleEndian)
            v2 = XXH64.round(v2, p.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian)
            v3 = XXH64.round(v3, p.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian)
            v4 = XXH64.round(v4, p.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian)
            p += 32
            n -= 32
        }
        if n > 0 {
            withUnsafeMutableBytes(of: &pending) { $0.baseAddress!.copyMemory(from: p, byteCount: n) }
            pendingCount = n
        }
    }

    /// Feeds a byte array into a streaming hash.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of everything fed so far (the hash can keep being updated afterwards).
    public func finalize() -> UInt64 {
        var h = totalLength >= 32 ? XXH64.converge(v1, v2, v3, v4) : seed &+ XXH64.p5
        var tail = pending
        let count = pendingCount
        h = withUnsafeBytes(of: &tail) { XXH64.finish(h, length: totalLength, tail: $0.baseAddress!, tailCount: count) }
        return h
    }

    @inline(__always) @usableFromInline
    static func round(_ acc: UInt64, _ input: UInt64) -> UInt64 {
        var a = acc &+ input &* p2
        a = (a << 31) | (a >> 33)
        return a &* p1
    }

    @inline(__always)
    private static func merge(_ h: UInt64, _ v: UInt64) -> UInt64 {
        (h ^ round(0, v)) &* p1 &+ p4
    }

    @inline(__always)
    private static func converge(_ a: UInt64, _ b: UInt64, _ c: UInt64, _ d: UInt64) -> UInt64 {
        var h = ((a << 1) | (a >> 63)) &+ ((b << 7) | (b >> 57)) &+ ((c << 12) | (c >> 52)) &+ ((d << 18) | (d >> 46))
        h = merge(h, a)
        h = merge(h, b)
        h = merge(h, c)
        h = merge(h, d)
        return h
    }

    /// Mixes in the total length and the last `tailCount` (< 32) bytes, then avalanches.
    private static func finish(_ hIn: UInt64, length: UInt64, tail: UnsafeRawPointer, tailCount: Int) -> UInt64 {
        var h = hIn &+ length
        var p = tail
        var n = tailCount
        while n >= 8 {
            let k = round(0, p.loadUnaligned(as: UInt64.self).littleEndian)
            h ^= k
            h = ((h << 27) | (h >> 37)) &* p1 &+ p4
            p += 8
            n -= 8
        }
        if n >= 4 {
            h ^= UInt64(p.loadUnaligned(as: UInt32.self).littleEndian) &* p1
            h = ((h << 23) | (h >> 41)) &* p2 &+ p3
            p += 4
            n -= 4
        }
        while n > 0 {
            h ^= UInt64(p.load(as: UInt8.self)) &* p5
            h = ((h << 11) | (h >> 53)) &* p1
            p += 1
            n -= 1
        }
        h ^= h >> 33
        h = h &* p2
        h ^= h >> 29
        h = h &* p3
        h ^= h >> 32
        return h
    }
}
