import Testing
@testable import RxData

@Suite struct DecimalParserTests {
    private func parse(_ s: String, decimals: Int = 5) -> (Result<Int64, DecimalParser.Failure>, Bool) {
        var rounded = false
        let bytes = Array(s.utf8)
        let r = bytes.withUnsafeBufferPointer { b in
            DecimalParser.parse(b.baseAddress ?? UnsafePointer(bitPattern: 1)!, count: b.count, decimals: decimals, rounded: &rounded)
        }
        return (r, rounded)
    }

    @Test(arguments: [
        ("168.0", 16_800_000 as Int64), ("69.93852", 6_993_852), ("0", 0), ("-1.5", -150_000),
        ("00000000.64", 64_000), (" 0000012", 1_200_000), ("1e-05", 1), ("1.5E+02", 15_000_000),
        ("+3.", 300_000), (".25", 25_000), ("4700.43369", 470_043_369),
    ])
    func exactValues(text: String, expected: Int64) {
        let (r, rounded) = parse(text)
        #expect(r == .success(expected))
        #expect(!rounded)
    }

    @Test func extraDecimalsRoundHalfToEvenAndAreFlagged() {
        #expect(parse("0.123455") == (.success(12_346), true))   // 12345.5 -> 12346 (even)
        #expect(parse("0.123445") == (.success(12_344), true))   // 12344.5 -> 12344 (even)
        #expect(parse("0.1234451") == (.success(12_345), true))  // above half rounds up
        #expect(parse("13.333333333") == (.success(1_333_333), true))
    }

    @Test func wholeNumbers() {
        #expect(parse("0000001", decimals: 0) == (.success(1), false))
        #expect(parse("2.0", decimals: 0) == (.success(2), false))
        #expect(parse("2.5", decimals: 0).1 == true)
    }

    @Test func failures() {
        #expect(parse("").0 == .failure(.empty))
        #expect(parse("   ").0 == .failure(.empty))
        #expect(parse("abc").0 == .failure(.notANumber))
        #expect(parse("1.2.3").0 == .failure(.notANumber))
        #expect(parse("12x").0 == .failure(.notANumber))
        #expect(parse("1e").0 == .failure(.notANumber))
        #expect(parse("99999999999999999").0 == .failure(.outOfRange))
    }
}

extension DecimalParserTests {
    /// The fixed-point range is ±(2⁶³ − 1) × 10⁻⁵: one unit past either end is refused, also when
    /// rounding the extra decimals would carry past it.
    @Test func theEdgesOfTheFixedPointRange() {
        #expect(parse("92233720368547.75807").0 == .success(Int64.max))
        #expect(parse("92233720368547.75808").0 == .failure(.outOfRange))
        #expect(parse("92233720368547.758071") == (.success(Int64.max), true), "the sixth decimal rounds down")
        #expect(parse("92233720368547.758075").0 == .failure(.outOfRange), "…75807.5 rounds to even, past the range")
        #expect(parse("92233720368547.758069") == (.success(Int64.max), true), "…75806.9 rounds up to the last unit")
        #expect(parse("1234567890123456789", decimals: 0) == (.success(1_234_567_890_123_456_789), false), "19 digits are exact")
        #expect(parse("-92233720368547.75807").0 == .success(-Int64.max))
        #expect(parse("-92233720368547.75809").0 == .failure(.outOfRange))
        #expect(parse("9223372036854775808", decimals: 0).0 == .failure(.outOfRange))
        #expect(parse("1e14").0 == .failure(.outOfRange))
    }
}
