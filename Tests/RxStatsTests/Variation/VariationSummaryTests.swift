import Foundation
import Testing
@testable import RxStats

@Suite struct VariationSummaryTests {
    /// 12 units with rates 1/10, 2/10, …, 12/10 per unit (denominator 10 each, numerators
    /// 1…12), so every figure has a hand-derived value.
    @Test func summaryOfTwelveUnits() throws {
        let num = (1...12).map(Double.init)
        let den = [Double](repeating: 10, count: 12)
        let s = try VariationSummary(numerators: num.reversed(), denominators: den, multiplier: 100)
        #expect(s.units == 12)
        #expect(relativelyClose(s.pooled, 78.0 / 120.0 * 100, 1e-15))
        #expect(s.minimum == 10 && s.maximum == 120)
        #expect(relativelyClose(try #require(s.foldRange), 12, 1e-15))
        // Excluding 5 each end leaves units 6 and 7: 70/60.
        #expect(relativelyClose(try #require(s.foldRangeExcludingExtremes), 7.0 / 6.0, 1e-15))
        // Values 10…120 step 10: P(p) = 10 + 10·11p. P95 = 114.5, P5 = 15.5.
        #expect(relativelyClose(try #require(s.p95ToP5), 114.5 / 15.5, 1e-14))
        #expect(relativelyClose(try #require(s.p90ToP10), 109.0 / 21.0, 1e-14))
        for (b, e) in zip(s.quintileBreaks, [32.0, 54, 76, 98]) { #expect(relativelyClose(b, e, 1e-14)) }
        // sd of 10…120 (n − 1) = 10·√13 ; mean 65.
        #expect(relativelyClose(try #require(s.coefficientOfVariation), 10 * 13.0.squareRoot() / 65, 1e-14))
        // Crude expected = 10 × 0.65 = 6.5 each: Diehr SCV = mean(((o − 6.5)/6.5)² − 1/6.5).
        let diehr = num.map { pow(($0 - 6.5) / 6.5, 2) - 1 / 6.5 }.reduce(0, +) / 12
        #expect(relativelyClose(try #require(s.scvDiehr), diehr, 1e-13))
        let mcp = num.map { pow(log($0 / 6.5), 2) - 1 / 6.5 }.reduce(0, +) / 12
        #expect(relativelyClose(try #require(s.scvMcPherson), mcp, 1e-13))
    }

    /// The pooled interval comes from a pluggable method given Σnum, Σden and the confidence;
    /// the limits are multiplied like the value.
    @Test func pooledIntervalUsesThePluggedMethod() throws {
        let normal: VariationSummary.IntervalMethod = { x, n, c in
            let p = x / n, z = Distribution.normalQuantile((1 + c) / 2)
            let half = z * (p * (1 - p) / n).squareRoot()
            return (p - half, p + half)
        }
        let s = try VariationSummary(numerators: [30, 50], denominators: [100, 100], multiplier: 100,
                                     confidence: 0.95, interval: normal)
        let half = 1.959963984540054 * (0.4 * 0.6 / 200).squareRoot()
        #expect(relativelyClose(try #require(s.pooledLower), (0.4 - half) * 100, 1e-12))
        #expect(relativelyClose(try #require(s.pooledUpper), (0.4 + half) * 100, 1e-12))
        let none = try VariationSummary(numerators: [30, 50], denominators: [100, 100])
        #expect(none.pooledLower == nil && none.pooledUpper == nil)
    }

    /// Too few units for the trimmed fold range, a zero minimum, and a zero count for the
    /// log-form SCV give nil, never a number.
    @Test func undefinedFiguresAreMissing() throws {
        let s = try VariationSummary(numerators: [0, 2, 4], denominators: [10, 10, 10])
        #expect(s.foldRangeExcludingExtremes == nil)
        #expect(s.foldRange == nil)
        // P5 = 0.02 > 0, so P95/P5 is defined even with a zero unit.
        #expect(relativelyClose(try #require(s.p95ToP5), 0.38 / 0.02, 1e-12))
        #expect(s.scvMcPherson == nil)
    }

    @Test func badInputIsRefused() {
        #expect(throws: StatsError.negativeNumerator) { try VariationSummary(numerators: [-1], denominators: [10]) }
        #expect(throws: StatsError.nonPositiveDenominator) { try VariationSummary(numerators: [1], denominators: [0]) }
        #expect(throws: StatsError.mismatchedLengths) { try VariationSummary(numerators: [1, 2], denominators: [3]) }
        #expect(throws: StatsError.empty) { try VariationSummary(numerators: [], denominators: []) }
        #expect(throws: StatsError.confidenceOutOfRange(0.8)) {
            try VariationSummary(numerators: [1], denominators: [3], confidence: 0.8)
        }
    }

    /// A million units in one call: one value array, one sort.
    @Test func aMillionUnits() throws {
        let n = 1_000_000
        var num = [Double](repeating: 0, count: n), den = [Double](repeating: 0, count: n)
        for i in 0..<n { den[i] = Double(1000 + i % 997); num[i] = Double(50 + (i * 7919) % 101) }
        let start = Date()
        let s = try VariationSummary(numerators: num, denominators: den, multiplier: 1000)
        let elapsed = Date().timeIntervalSince(start)
        #expect(s.units == n)
        #expect(relativelyClose(s.pooled, num.reduce(0, +) / den.reduce(0, +) * 1000, 1e-12))
        // Speed is measured in Benchmarks/; this bound only catches a quadratic regression, even
        // in a debug build on a busy machine.
        #expect(elapsed < 60, "took \(elapsed) s")
    }
}
