/// Numbers as output text, written straight into bytes.
///
/// A whole number is written without a decimal point. Any other finite value is written with at
/// most 15 significant digits (the most every double carries exactly, so a total of exact
/// fixed-point amounts such as `812345678.12345` prints back exactly), trailing zeros trimmed:
/// `0.1`, `12.5`, `0.333333333333333`. Values below 1e-5 or from 1e15 in magnitude fall back to
/// Swift's shortest round-trip form. NaN and infinities write nothing (an empty field).
public enum DecimalText {
    /// The most bytes ``write(_:to:)-(Double,_)`` writes for one number.
    public static let maximumLength = 32

    /// Powers of ten 10^0 … 10^22, all exact doubles.
    private static let powers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { a, _ in a * 10 } }

    /// Writes a whole number at `p`; returns the bytes written (at most 20).
    @inline(__always)
    public static func write(_ value: Int64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 0
        if value < 0 { p[0] = 0x2D; n = 1 }
        return n + writeDigits(value.magnitude, to: p + n)
    }

    /// "00", "01", … "99": two digits per look-up.
    private static let pairs: [UInt8] = {
        var out: [UInt8] = []
        for k in 0..<100 {
            let tens = UInt8(k / 10), ones = UInt8(k % 10)
            out.append(0x30 + tens)
            out.append(0x30 + ones)
        }
        return out
    }()
    /// 10^0 … 10^19 as integers, for digit counts.
    private static let integerPowers: [UInt64] = (0...19).map { k in (0..<k).reduce(UInt64(1)) { a, _ in a * 10 } }

    /// Writes the decimal digits of `m` at `p`; returns how many.
    @inline(__always)
    static func writeDigits(_ m: UInt64, to p: UnsafeMutablePointer<UInt8>) -> Int {
        var n = 1
        while n < 20 && m >= integerPowers[n] { n += 1 }
        var v = m
        var i = n
        pairs.withUnsafeBufferPointer { pair in
            while v >= 100 {
                let d = Int(v % 100) &* 2
                v /= 100
                i -= 2
                p[i] = pair[d]
                p[i + 1] = pair[d + 1]
            }
            if v >= 10 {
                let d = Int(v) &* 2
                p[i - 2] = pair[d]
                p[i - 1] = pair[d + 1]
            } else {
                p[i - 1] = 0x30 &+ UInt8(truncatingIfNeeded: v)
            }
        }
        return n
    }

    /// Writes a number at `p` (room for ``maximumLength`` bytes) as the type describes; returns
    /// the bytes written (0 for NaN or an infinity).
    public static func write(_ value: Double, to p: UnsafeMutablePointer<UInt8>) -> Int {
        guard value.isFinite else { return 0 }
        let a = value.magnitude
        if value == value.rounded() && a < 1e15 {
            return write(Int64(value), to: p)
        }
        guard a >= 1e-5 && a < 1e15 else {
            var n = 0
            for b in value.description.utf8 where n < maximumLength { p[n] = b; n += 1 }
            return n
        }
        // Decimal exponent e with 10^e <= a < 10^(e+1), for e in -5 ... 14.
        var e = min(max(Int((Double(a.exponent) * 0.30102999566398120).rounded(.down)), -5), 14)
        while e > -5 && tenTo(e) > a { e -= 1 }
        while e < 14 && tenTo(e + 1) <= a { e += 1 }
        // 15 significant digits: m = round(a × 10^(14 − e)), 10^14 <= m <= 10^15.
        var m = UInt64((a * powers[14 - e]).rounded())
        if m >= 1_000_000_000_000_000 { m /= 10; e += 1 }
        // Trim trailing zeros that fall after the decimal point.
        var digits = 15
        let intDigits = max(e + 1, 0)
        while digits > intDigits && m % 10 == 0 { m /= 10; digits -= 1 }
        var n = 0
        if value < 0 { p[0] = 0x2D; n = 1 }
        if e >= 0 {
            // digits ≥ e + 1: integer part, then any fraction.
            let written = writeDigits(m, to: p + n)
            if digits > e + 1 {
                // Move the fraction one place right for the point.
                let fraction = digits - (e + 1)
                let start = p + n + e + 1
                var k = fraction
                while k > 0 { start[k] = start[k - 1]; k -= 1 }
                start.pointee = 0x2E
                return n + written + 1
            }
            return n + written
        }
        p[n] = 0x30; p[n + 1] = 0x2E
        n += 2
        for _ in 0..<(-e - 1) { p[n] = 0x30; n += 1 }
        return n + writeDigits(m, to: p + n)
    }

    /// 10^-k for k in 0 ... 22, each the correctly rounded double (as the literal would be).
    private static let inversePowers: [Double] = powers.map { 1 / $0 }

    /// 10^e for e in -5 ... 15.
    @inline(__always)
    private static func tenTo(_ e: Int) -> Double {
        e >= 0 ? powers[e] : inversePowers[-e]
    }

    /// The number as a string, as ``write(_:to:)-(Double,_)`` writes it.
    public static func string(_ value: Double) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLength) { b in
            let n = write(value, to: b.baseAddress!)
            return String(decoding: UnsafeBufferPointer(rebasing: b[0..<n]), as: UTF8.self)
        }
    }
}
