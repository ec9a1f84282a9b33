import Testing
@testable import RxData

/// Fixed-point amounts as text at a chosen precision (money in pounds and pence) and at the
/// precision a value needs.
@Suite struct FixedPointTextTests {
    @Test func moneyRoundsHalfAwayFromZeroOnTheExactInteger() {
        #expect(FixedPoint.text(1_739_750_007_741, places: 2) == "17397500.08")
        #expect(FixedPoint.text(1_234_500, places: 2) == "12.35")
        #expect(FixedPoint.text(1_234_499, places: 2) == "12.34")
        #expect(FixedPoint.text(-1_234_500, places: 2) == "-12.35")
        #expect(FixedPoint.text(-400, places: 2) == "0.00", "no negative zero")
        #expect(FixedPoint.text(1_873_176_965_000, places: 2) == "18731769.65")
        #expect(FixedPoint.text(300_000, places: 2) == "3.00")
        #expect(FixedPoint.text(123_456, places: 0) == "1")
        #expect(FixedPoint.text(123_456, places: 5) == FixedPoint.text(123_456))
    }

    @Test func decimalsNeededIsTheExactPrecision() {
        #expect(FixedPoint.decimalsNeeded(300_000) == 0)
        #expect(FixedPoint.decimalsNeeded(350_000) == 1)
        #expect(FixedPoint.decimalsNeeded(-1) == 5)
        #expect(FixedPoint.decimalsNeeded(1_234_500) == 3)
        for v: Int64 in [0, 1, 10, 123_456, -98_765_432_100] {
            #expect(FixedPoint.text(v, places: FixedPoint.decimalsNeeded(v)) == FixedPoint.text(v))
        }
    }
}
