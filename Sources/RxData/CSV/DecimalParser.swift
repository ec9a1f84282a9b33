/// Parses decimal text exactly into fixed-point integers.
///
/// Accepts optional surrounding spaces (PDPI pads fields), a sign, leading zeros, a fraction
/// and an exponent (`1.5E-05`). The value is returned in units of 10^-`decimals`; digits beyond
/// that are rounded half-to-even and reported through `rounded`, so a caller can count them.
public enum DecimalParser {
    /// Why a field is not a number.
    public enum Failure: Error, Equatable {
        /// The field is empty (or only spaces).
        case empty
        /// The field holds something other than a decimal number.
        case notANumber
        /// The value does not fit in 64 bits at the required scale.
        case outOfRange
    }

    private static let powers: [Int64] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000,
                                          100_000_000, 1_000_000_000, 10_000_000_000, 100_000_000_000,
                                          1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
                                          1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000,
                                          1_000_000_000_000_000_000]

    /// Parses `p[0..<count]` as a decimal scaled by 10^`decimals`.
    @inline(__always)
    public static func parse(_ p: UnsafePointer<UInt8>, count: Int, decimals: Int, rounded: inout Bool) -> Result<Int64, Failure> {
        var i = 0
        var n = count
        while i < n && p[i] == 0x20 { i += 1 }
        while n > i && p[n - 1] == 0x20 { n -= 1 }
        guard i < n else { return .failure(.empty) }
        var negative = false
        if p[i] == 0x2D { negative = true; i += 1 } else if p[i] == 0x2B { i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits accumulated into the mantissa
        var fraction = 0        // digits after the point that went into the mantissa
        var dropped = false     // nonzero digits beyond 19 significant ones
        var sawDigit = false
        var sawPoint = false
        var droppedScale = 0    // integer digits not accumulated (huge numbers)
        while i < n {
            let c = p[i]
            if c >= 0x30 && c <= 0x39 {
                sawDigit = true
                if mantissa == 0 && c == 0x30 {
                    if sawPoint { fraction += 1 }
                } else if digits < 18 {
                    mantissa = mantissa &* 10 &+ UInt64(c - 0x30)
                    digits += 1
                    if sawPoint { fraction += 1 }
                } else {
                    if c != 0x30 { dropped = true }
                    if !sawPoint { droppedScale += 1 }
                }
                i += 1
            } else if c == 0x2E && !sawPoint {
                sawPoint = true
                i += 1
            } else {
                break
            }
        }
        guard sawDigit else { return .failure(.notANumber) }
        var exponent = 0
        if i < n {
            guard p[i] == 0x45 || p[i] == 0x65 else { return .failure(.notANumber) }
            i += 1
            var expNegative = false
            if i < n && (p[i] == 0x2D || p[i] == 0x2B) { expNegative = p[i] == 0x2D; i += 1 }
            var e = 0
            var expDigits = 0
            while i < n && p[i] >= 0x30 && p[i] <= 0x39 {
                e = min(e * 10 + Int(p[i] - 0x30), 10_000)
                expDigits += 1
                i += 1
            }
            guard expDigits > 0, i == n else { return .failure(.notANumber) }
            exponent = expNegative ? -e : e
        }
        // value = mantissa * 10^(droppedScale + exponent - fraction); want value * 10^decimals.
        let shift = decimals + droppedScale + exponent - fraction
        var result: UInt64
        if mantissa == 0 {
            result = 0
        } else if shift >= 0 {
            guard shift < powers.count else { return .failure(.outOfRange) }
            let (r, overflow) = mantissa.multipliedReportingOverflow(by: UInt64(powers[shift]))
            guard !overflow, r <= UInt64(Int64.max) else { return .failure(.outOfRange) }
            result = r
        } else {
            let down = -shift
            if down >= powers.count {
                result = 0
                rounded = true
            } else {
                let d = UInt64(powers[down])
                let q = mantissa / d
                let r = mantissa % d
                result = q
                if r != 0 || dropped {
                    rounded = true
                    let half = d / 2
                    if r > half || (r == half && (dropped || q & 1 == 1)) { result = q + 1 }
                }
            }
        }
        if dropped && shift >= 0 { rounded = true }
        let v = Int64(result)
        return .success(negative ? -v : v)
    }
}
