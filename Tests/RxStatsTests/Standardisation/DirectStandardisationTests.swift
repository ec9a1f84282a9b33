import Testing
@testable import RxStats

/// Directly standardised rates (Dobson) against PHEindicatormethods' published values
/// (`testdata_DSR_ISR.xlsx`, sheet `testresults_DSR`), with the `testdata_small` inputs and the
/// European Standard Population 2013 copied here. Tolerance: 1e-8 relative (closed form);
/// the non-independent results are rounded to 8 decimal places in the sheet, an absolute error
/// of at most 5e-9, far inside 1e-8 relative for values of several hundred.
@Suite struct DirectStandardisationTests {
    let rel = 1e-8
    /// ESP2013, 19 five-year bands (PHEindicatormethods `esp2013`).
    static let esp2013: [Double] = [5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000,
                                    7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000]
    /// `testdata_small` counts and populations (testdata_multiarea rows 21-39).
    static let smallCounts: [Double] = [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4]
    static let populations: [Double] = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522,
                                        426, 273, 300, 288, 153, 123, 207]

    @Test func dobsonRateForTestdataSmall() throws {
        // dsr003 / dsr004 (per 10000) and dsr011 (per 100000)
        let a = try DirectStandardisation.rate(counts: Self.smallCounts, populations: Self.populations,
                                               standardPopulation: Self.esp2013, confidence: 0.95, multiplier: 10_000)
        #expect(a.totalCount == 91 && a.totalPopulation == 8970)
        #expect(a.interval.method == .dobson)
        #expect(agrees(a.interval.value, 110.3212025300104, rel: rel))
        #expect(agrees(a.interval.lower, 87.7455767536709, rel: rel))
        #expect(agrees(a.interval.upper, 136.70882227251795, rel: rel))
        let b = try DirectStandardisation.rate(counts: Self.smallCounts, populations: Self.populations,
                                               standardPopulation: Self.esp2013, confidence: 0.998, multiplier: 10_000)
        #expect(agrees(b.interval.lower, 76.36420357939879, rel: rel))
        #expect(agrees(b.interval.upper, 153.00328948244763, rel: rel))
        let c = try DirectStandardisation.rate(counts: Self.smallCounts, populations: Self.populations,
                                               standardPopulation: Self.esp2013)
        #expect(agrees(c.interval.value, 1103.212025300104, rel: rel))
        #expect(agrees(c.interval.lower, 877.455767536709, rel: rel))
        #expect(agrees(c.interval.upper, 1367.0882227251795, rel: rel))
    }

    @Test func totalCountUnderTenIsMissing() throws {
        // testdata_tiny has 9 events: value and limits NA, totals still reported
        var tiny = [Double](repeating: 0, count: 19)
        tiny[0] = 4; tiny[10] = .nan; tiny[18] = 5
        let r = try DirectStandardisation.rate(counts: tiny, populations: Self.populations, standardPopulation: Self.esp2013)
        #expect(r.totalCount == 9 && r.totalPopulation == 8970)
        #expect(r.interval.value == nil && r.interval.lower == nil && r.interval.upper == nil)
        #expect(r.interval.method == .dobson)
    }

    @Test func nonIndependentEventsWidenTheInterval() throws {
        // dsr021: testdata_nonind_small, persons by event frequency 1...4 (rows 40-58)
        let f1: [Double] = [7, 4, 3, 0, 3, 4, 5, 2, 2, 3, 4, 5, 3, 5, 5, 3, 5, 5, 4]
        var f3 = [Double](repeating: 0, count: 19)
        for i in [0, 6, 12, 13, 15] { f3[i] = 1 }
        var f2 = [Double](repeating: 0, count: 19)
        f2[0] = 1
        let r = try DirectStandardisation.rate(persons: [f1, f2, f3], eventFrequencies: [1, 2, 3],
                                               populations: Self.populations, standardPopulation: Self.esp2013,
                                               confidence: 0.95, multiplier: 100_000)
        #expect(r.totalCount == 89)
        #expect(r.interval.method == .dobsonNonIndependent)
        #expect(agrees(r.interval.value, 1082.95419841, rel: rel))
        #expect(agrees(r.interval.lower, 817.68609755, rel: rel))
        #expect(agrees(r.interval.upper, 1393.55884927, rel: rel))
    }

    @Test func errorsAsPHEindicatormethods() {
        var negative = Self.smallCounts; negative[3] = -26
        #expect(throws: StatsError.negativeNumerator) {
            try DirectStandardisation.rate(counts: negative, populations: Self.populations, standardPopulation: Self.esp2013)
        }
        var zeroPop = Self.populations; zeroPop[1] = 0
        #expect(throws: StatsError.nonPositiveDenominator) {
            try DirectStandardisation.rate(counts: Self.smallCounts, populations: zeroPop, standardPopulation: Self.esp2013)
        }
        var naPop = Self.populations; naPop[1] = .nan
        #expect(throws: StatsError.missingValue("n")) {
            try DirectStandardisation.rate(counts: Self.smallCounts, populations: naPop, standardPopulation: Self.esp2013)
        }
        var badStd = Self.esp2013; badStd[0] = -1
        #expect(throws: StatsError.negativeStandardPopulation) {
            try DirectStandardisation.rate(counts: Self.smallCounts, populations: Self.populations, standardPopulation: badStd)
        }
        #expect(throws: StatsError.nonPositiveMultiplier) {
            try DirectStandardisation.rate(counts: Self.smallCounts, populations: Self.populations,
                                           standardPopulation: Self.esp2013, multiplier: 0)
        }
        #expect(throws: StatsError.mismatchedLengths) {
            try DirectStandardisation.rate(counts: [1, 2], populations: Self.populations, standardPopulation: Self.esp2013)
        }
    }

    @Test func batchMatchesScalarForm() throws {
        var tiny = [Double](repeating: 0, count: 19); tiny[0] = 9
        let doubled = Self.smallCounts.map { $0 * 3 }
        let counts = Self.smallCounts + tiny + doubled
        let pops = Self.populations + Self.populations + Self.populations
        let batch = try DirectStandardisation.rates(counts: counts, populations: pops, standardPopulation: Self.esp2013,
                                                    confidence: 0.998, multiplier: 10_000)
        #expect(batch.count == 3)
        for (u, rows) in [Self.smallCounts, tiny, doubled].enumerated() {
            let one = try DirectStandardisation.rate(counts: rows, populations: Self.populations,
                                                     standardPopulation: Self.esp2013, confidence: 0.998, multiplier: 10_000)
            #expect(agrees(batch[u].value, one.interval.value ?? .nan, rel: 1e-13))
            #expect(agrees(batch[u].lower, one.interval.lower ?? .nan, rel: 1e-13))
            #expect(agrees(batch[u].upper, one.interval.upper ?? .nan, rel: 1e-13))
        }
    }
}
