import CRxScan

/// Parses decimal text exactly into fixed-point integers: the Swift face of the C kernel
/// `rx_parse_decimal` (Sources/CRxScan/decimal.c).
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

    /// Parses `p[0..<count]` as a decimal scaled by 10^`decimals`.
    @inline(__always)
    public static func parse(_ p: UnsafePointer<UInt8>, count: Int, decimals: Int, rounded: inout Bool) -> Result<Int64, Failure> {
        var v: Int64 = 0
        switch rx_parse_decimal(p, count, Int32(decimals), &v) {
        case Int32(RX_DECIMAL_OK): return .success(v)
        case Int32(RX_DECIMAL_ROUNDED):
            rounded = true
            return .success(v)
        case Int32(RX_DECIMAL_EMPTY): return .failure(.empty)
        case Int32(RX_DECIMAL_OUT_OF_RANGE): return .failure(.outOfRange)
        default: return .failure(.notANumber)
        }
    }
}
