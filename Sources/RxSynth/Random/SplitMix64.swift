/// SplitMix64 (Steele, Lea & Flood 2014): a tiny 64-bit generator, used here to seed
/// ``Xoshiro256StarStar`` and to hash keys (seed, practice, month, presentation) into
/// independent streams, so that any part of the output can be generated in any order.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The generator's state; advanced by the golden-ratio increment on every draw.
    public var state: UInt64

    /// Creates a generator whose first output is a function of `seed` alone.
    public init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective avalanche of 64 bits.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Hashes a sequence of keys into 64 well-mixed bits (order matters).
    @inline(__always)
    public static func hash(_ a: UInt64, _ b: UInt64, _ c: UInt64 = 0, _ d: UInt64 = 0) -> UInt64 {
        var h = mix(a &+ 0x9E37_79B9_7F4A_7C15)
        h = mix(h ^ (b &* 0xD6E8_FEB8_6659_FD93))
        h = mix(h ^ (c &* 0xA076_1D64_78BD_642F))
        return mix(h ^ (d &* 0xE703_7ED1_A0B4_28DB))
    }

    /// A uniform number in [0, 1) from hashed keys; see ``hash(_:_:_:_:)``.
    @inline(__always)
    public static func unit(_ a: UInt64, _ b: UInt64, _ c: UInt64 = 0, _ d: UInt64 = 0) -> Double {
        Double(hash(a, b, c, d) >> 11) * 0x1.0p-53
    }
}
