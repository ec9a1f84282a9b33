import Testing
@testable import RxStats

/// Means with Student's t intervals against PHEindicatormethods' published values
/// (`testdata_Mean.xlsx`), copied here. Tolerance: 1e-8 relative (closed form with R's qt).
@Suite struct MeanIntervalTests {
    let rel = 1e-8
    /// Area1 of `testdata_Mean` (sheet rows 2-9).
    let area1 = [33.09375, 48.38596, 64.83495, 67.98475, 22.93556, 71.23587, 38.78465, 82.37927]

    @Test func meanOfValuesWithTInterval() throws {
        // mean01 / mean02
        let a = try MeanInterval.interval(values: area1, confidence: 0.95)
        #expect(a.method == .studentT)
        #expect(agrees(a.value, 53.70434500000001, rel: rel))
        #expect(agrees(a.lower, 36.168325241336504, rel: rel))
        #expect(agrees(a.upper, 71.24036475866352, rel: rel))
        let b = try MeanInterval.interval(values: area1, confidence: 0.998)
        #expect(agrees(b.lower, 18.216705294788838, rel: rel))
        #expect(agrees(b.upper, 89.19198470521118, rel: rel))
        // NA values are dropped, as phe_mean does with na.rm = TRUE
        #expect(try MeanInterval.interval(values: area1 + [.nan], confidence: 0.95) == a)
    }

    @Test func fromSummaryStatistics() throws {
        // mean03: Area2, value_sum, value_count, stdev
        let i = try MeanInterval.interval(sum: 102221.33323999999, count: 18, standardDeviation: 2117.831716159067)
        #expect(agrees(i.value, 5678.962957777778, rel: rel))
        #expect(agrees(i.lower, 4625.790022452972, rel: rel))
        #expect(agrees(i.upper, 6732.135893102583, rel: rel))
    }

    @Test func tooFewValuesAndBadConfidence() {
        #expect(throws: StatsError.empty) { try MeanInterval.interval(values: [1.0]) }
        #expect(throws: StatsError.empty) { try MeanInterval.interval(values: []) }
        #expect(throws: StatsError.confidenceOutOfRange(0.5)) { try MeanInterval.interval(values: [1, 2, 3], confidence: 0.5) }
    }
}
