/// A BNF code: up to 15 ASCII characters, held inline as a value type.
///
/// Levels by prefix length: chapter 2, section 4, paragraph 6, sub-paragraph 7, chemical 9,
/// product 11, presentation 15. Characters 10–11 `AA` mark a generic product; characters 14–15
/// name the generic-equivalent strength/form (`A0`: none). Appliances (chapters 20–23) use
/// 11-character codes.
public struct BNFCode: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The code's bytes, packed big-endian into two words so that integer order is code order.
    public let high: UInt64
    /// Bytes 9–15 of the code (and its length in the lowest byte).
    public let low: UInt64

    /// Creates a code from ASCII bytes (1–15 of them); returns nil for anything else.
    public init?(bytes: some Collection<UInt8>) {
        let n = bytes.count
        guard n >= 1 && n <= 15 else { return nil }
        var h: UInt64 = 0, l: UInt64 = 0
        var i = 0
        for b in bytes {
            guard b > 0x20 && b < 0x7F && b != 0x2C && b != 0x22 else { return nil }
            if i < 8 { h |= UInt64(b) << UInt64(56 - 8 * i) } else { l |= UInt64(b) << UInt64(56 - 8 * (i - 8)) }
            i += 1
        }
        high = h
        low = l | UInt64(n)
    }

    /// Creates a code from text; returns nil if it is empty, longer than 15 or not printable ASCII.
    public init?(_ text: some StringProtocol) { self.init(bytes: Array(text.utf8)) }

    /// Number of characters in the code.
    public var count: Int { Int(low & 0xFF) }

    /// The code's characters as bytes.
    public var bytes: [UInt8] {
        (0..<count).map { byte(at: $0) }
    }

    /// The byte at position `i` (0-based).
    @inline(__always)
    public func byte(at i: Int) -> UInt8 {
        i < 8 ? UInt8(truncatingIfNeeded: high >> UInt64(56 - 8 * i))
              : UInt8(truncatingIfNeeded: low >> UInt64(56 - 8 * (i - 8)))
    }

    public var description: String { String(decoding: bytes, as: UTF8.self) }

    /// The first `length` characters as a code (the chapter, section, chemical… prefix).
    public func prefix(_ length: Int) -> BNFCode {
        BNFCode(bytes: bytes.prefix(length))!
    }

    /// The 9-character chemical substance code, or nil for appliances and short codes.
    public var chemical: BNFCode? { count >= 9 && !isAppliance ? prefix(9) : nil }

    /// True for chapters 20–23 (dressings, appliances, stoma and incontinence).
    public var isAppliance: Bool {
        let c0 = byte(at: 0), c1 = byte(at: 1)
        return c0 == 0x32 && c1 >= 0x30 && c1 <= 0x33
    }

    /// True when characters 10–11 are `AA`, a generic product.
    public var isGeneric: Bool { count >= 11 && byte(at: 9) == 0x41 && byte(at: 10) == 0x41 }

    /// The generic equivalent of a 15-character presentation:
    /// `code[0..<9] + "AA" + code[13..<15] + code[13..<15]`; nil when there is none (`A0`) or the
    /// code is not a full presentation.
    public var genericEquivalent: BNFCode? {
        guard count == 15, !isAppliance else { return nil }
        let b = bytes
        if b[13] == 0x41 && b[14] == 0x30 { return nil }
        return BNFCode(bytes: Array(b[0..<9]) + [0x41, 0x41] + Array(b[13..<15]) + Array(b[13..<15]))
    }

    public static func < (a: BNFCode, b: BNFCode) -> Bool {
        a.high != b.high ? a.high < b.high : a.low < b.low
    }
}

extension BNFCode: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = BNFCode(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a BNF code: \(text)"))
        }
        self = code
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
