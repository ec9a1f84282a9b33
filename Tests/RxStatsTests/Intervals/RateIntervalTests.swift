import Foundation
import Testing
@testable import RxStats

/// Rates with exact (count < 10) or Byar (count ≥ 10) limits, and count-only Byar limits,
/// against PHEindicatormethods' published values (`testdata_Rate.xlsx`,
/// `testdata_Byars_Wilson.xlsx`), copied here so these run without ../shared.
/// Tolerance: 1e-8 relative (closed form, or R's own qchisq from the same libRmath).
@Suite struct RateIntervalTests {
    let rel = 1e-8

    @Test func exactBelowTenEvents() throws {
        // rate001 / rate002: x = 1, n = 100, per 100
        let a = try RateInterval.interval(count: 1, denominator: 100, confidence: 0.95, multiplier: 100)
        #expect(a.method == .exact)
        #expect(agrees(a.value, 1, rel: rel))
        #expect(agrees(a.lower, 0.025317807984289897, rel: rel))
        #expect(agrees(a.upper, 5.571643390938898, rel: rel))
        let b = try RateInterval.interval(count: 1, denominator: 100, confidence: 0.998, multiplier: 100)
        #expect(agrees(b.lower, 0.0010005003335835344, rel: rel))
        #expect(agrees(b.upper, 9.233413476451585, rel: rel))
        // rate019: x = 5 per 100000
        let c = try RateInterval.interval(count: 5, denominator: 100, confidence: 0.95, multiplier: 100_000)
        #expect(agrees(c.lower, 1623.4863901184199, rel: rel))
        #expect(agrees(c.upper, 11668.332079322669, rel: rel))
    }

    @Test func byarsFromTenEvents() throws {
        // rate005 / rate006: x = 20, n = 100, per 100
        let a = try RateInterval.interval(count: 20, denominator: 100, confidence: 0.95, multiplier: 100)
        #expect(a.method == .byars)
        #expect(agrees(a.lower, 12.211428834875937, rel: rel))
        #expect(agrees(a.upper, 30.889880369197066, rel: rel))
        let b = try RateInterval.interval(count: 20, denominator: 100, confidence: 0.998, multiplier: 100)
        #expect(agrees(b.lower, 8.922802365144193, rel: rel))
        #expect(agrees(b.upper, 38.08503562504191, rel: rel))
        // 10 itself is Byar
        #expect(try RateInterval.interval(count: 10, denominator: 100).method == .byars)
        #expect(try RateInterval.interval(count: 9, denominator: 100).method == .exact)
    }

    @Test func numeratorAboveDenominatorIsAllowedForRates() throws {
        // rate033: Area12, x = 250, n = 220, per 100000
        let i = try RateInterval.interval(count: 250, denominator: 220, confidence: 0.95, multiplier: 100_000)
        #expect(agrees(i.value, 113636.36363636365, rel: rel))
        #expect(agrees(i.lower, 99984.94738532876, rel: rel))
        #expect(agrees(i.upper, 128631.14487455782, rel: rel))
    }

    @Test func zeroEventsUseTheChiSquareWithZeroDegreesOfFreedom() throws {
        // edge_cases.csv: lower 0, upper qchisq(0.975, 2)/2/n*mult = 3.688879/n at 95%
        let i = try RateInterval.interval(count: 0, denominator: 1, confidence: 0.95, multiplier: 1)
        #expect(i.lower == 0)
        #expect(agrees(i.upper, -log(0.025), rel: 1e-12))
        #expect(agrees(i.upper, 3.688879, rel: 1e-6))   // printed to 7 digits in the source
    }

    @Test func countOnlyByarLimits() throws {
        // byars01, byars03, byars05, byars06
        #expect(agrees(try PoissonInterval.byarsLower(65), 50.163187710459454, rel: rel))
        #expect(agrees(try PoissonInterval.byarsUpper(65), 82.84913854593984, rel: rel))
        #expect(agrees(try PoissonInterval.byarsLower(1), 0.01307213290150435, rel: rel))
        #expect(agrees(try PoissonInterval.byarsUpper(1), 5.5637555824752605, rel: rel))
        #expect(agrees(try PoissonInterval.byarsLower(1045, confidence: 0.998), 947.9407035610374, rel: rel))
        #expect(agrees(try PoissonInterval.byarsUpper(10, confidence: 0.998), 24.193724927880535, rel: rel))
        // byars07: x = 1 at 99.8% is negative, so NA
        #expect(try PoissonInterval.byarsLower(1, confidence: 0.998) == nil)
        #expect(agrees(try PoissonInterval.byarsUpper(1, confidence: 0.998), 9.362180217908362, rel: rel))
        #expect(throws: StatsError.negativeNumerator) { try PoissonInterval.byarsLower(-4) }
        let count = try PoissonInterval.interval(count: 65)
        #expect(count.value == 65 && count.method == .byars)
        #expect(agrees(try PoissonInterval.exactUpper(1, confidence: 0.95), 5.571643390938898, rel: rel))
    }

    @Test func errorsAndMissingValuesAsPHEindicatormethods() throws {
        #expect(throws: StatsError.negativeNumerator) { try RateInterval.interval(count: -65, denominator: 100) }
        #expect(throws: StatsError.nonPositiveDenominator) { try RateInterval.interval(count: 65, denominator: 0) }
        #expect(throws: StatsError.nonPositiveDenominator) { try RateInterval.interval(count: 65, denominator: -100) }
        #expect(throws: StatsError.confidenceOutOfRange(0.8)) { try RateInterval.interval(count: 65, denominator: 100, confidence: 0.8) }
        // Area09: NA count → all NA, method NA; Area10: NA denominator → NA, method from the count
        let a = try RateInterval.interval(count: .nan, denominator: 100)
        #expect(a.value == nil && a.lower == nil && a.upper == nil && a.method == nil)
        let b = try RateInterval.interval(count: 10, denominator: .nan)
        #expect(b.value == nil && b.lower == nil && b.method == .byars)
    }

    @Test func batchMatchesScalarForm() throws {
        let xs: [Double] = [0, 1, 5, 9, 9.5, 10, 20, 65, 999, 250, .nan, 10]
        let ns: [Double] = [100, 100, 100, 100, 100, 100, 100, 100, 3456, 220, 100, .nan]
        for c in [0.95, 0.998] {
            let batch = try RateInterval.intervals(counts: xs, denominators: ns, confidence: c, multiplier: 100_000)
            for i in 0..<xs.count {
                let one = try RateInterval.interval(count: xs[i], denominator: ns[i], confidence: c, multiplier: 100_000)
                #expect(batch[i] == one, "unit \(i) at \(c)")
            }
        }
        #expect(throws: StatsError.negativeNumerator) { try RateInterval.intervals(counts: [1, -1], denominators: [1, 1]) }
    }
}
