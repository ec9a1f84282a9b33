import Testing
@testable import RxStats

/// Indirectly standardised ratios and rates against PHEindicatormethods' published values
/// (`testdata_DSR_ISR.xlsx`, sheet `testresults_ISR`), copied here with the `testdata_small`
/// inputs. Tolerance: 1e-8 relative (closed form, or R's qchisq from the same libRmath).
@Suite struct IndirectStandardisationTests {
    let rel = 1e-8
    /// The expected count of testdata_big/small/tiny against `refdata`.
    let expected = 835.8835612311743
    static let smallCounts: [Double] = [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4]
    static let populations: [Double] = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522,
                                        426, 273, 300, 288, 153, 123, 207]
    static let refCounts: [Double] = [10303, 2824, 0, 3615, 3641, 3490, 3789, 3213, 3031, 2771, 3089,
                                      3490, 3595, 4745, 5514, 7125, 5694, 6210, 5757]
    static let refPops: [Double] = [50520, 57173, 60213, 54659, 44345, 50128, 62163, 67423, 62899, 55463,
                                    60479, 49974, 44140, 40888, 37239, 30819, 18136, 15325, 13918]

    @Test func ratioFromObservedAndExpected() throws {
        // isr013 / isr014 (Byar) and isr017 / isr018 (exact, O = 9)
        let a = try IndirectStandardisation.ratio(observed: 895, expected: expected, confidence: 0.95)
        #expect(a.method == .byars)
        #expect(agrees(a.value, 1.0707232939020275, rel: rel))
        #expect(agrees(a.lower, 1.0017147712553987, rel: rel))
        #expect(agrees(a.upper, 1.143233287249895, rel: rel))
        let b = try IndirectStandardisation.ratio(observed: 9, expected: expected, confidence: 0.998)
        #expect(b.method == .exact)
        #expect(agrees(b.lower, 0.0029339306550682617, rel: rel))
        #expect(agrees(b.upper, 0.02710589651469021, rel: rel))
        // isr023: refvalue 100
        let c = try IndirectStandardisation.ratio(observed: 9, expected: expected, confidence: 0.95, refValue: 100)
        #expect(agrees(c.value, 1.0767049882813684, rel: rel))
        #expect(agrees(c.lower, 0.4923380825095776, rel: rel))
    }

    @Test func ratioAndRateFromCategories() throws {
        // isr021 (ratio per 100) and isr003 (rate per 100000) for testdata_small
        let r = try IndirectStandardisation.ratio(counts: Self.smallCounts, populations: Self.populations,
                                                  referenceCounts: Self.refCounts, referencePopulations: Self.refPops,
                                                  confidence: 0.95, refValue: 100)
        #expect(r.observed == 91)
        #expect(agrees(r.expected, expected, rel: 1e-12))
        #expect(agrees(r.interval.value, 10.886683770400502, rel: rel))
        #expect(agrees(r.interval.lower, 8.765040101829404, rel: rel))
        #expect(agrees(r.interval.upper, 13.366576328418912, rel: rel))
        let s = try IndirectStandardisation.rate(counts: Self.smallCounts, populations: Self.populations,
                                                 referenceCounts: Self.refCounts, referencePopulations: Self.refPops,
                                                 confidence: 0.998, multiplier: 100_000)
        #expect(agrees(s.referenceRate, 9349.88309221102, rel: rel))
        #expect(agrees(s.interval.value, 1017.8922051511577, rel: rel))
        #expect(agrees(s.interval.lower, 719.5132903528245, rel: rel))
        #expect(agrees(s.interval.upper, 1392.9381508991678, rel: rel))
    }

    @Test func zeroPopulationInOneBandIsAllowed() throws {
        // testdata_err2 Area1: pop 0 in band 5-9 gives expected 808.3217400918253 (isr027)
        var pops = Self.populations; pops[1] = 0
        let e = try IndirectStandardisation.expected(populations: pops, referenceCounts: Self.refCounts,
                                                     referencePopulations: Self.refPops)
        #expect(agrees(e, 808.3217400918253, rel: 1e-12))
        let r = try IndirectStandardisation.ratio(observed: 895, expected: e, confidence: 0.95, refValue: 100)
        #expect(agrees(r.lower, 103.58708281676485, rel: rel))
        #expect(agrees(r.upper, 118.22147841228508, rel: rel))
    }

    @Test func errors() {
        var negative = Self.smallCounts; negative[0] = -26
        #expect(throws: StatsError.negativeNumerator) {
            try IndirectStandardisation.ratio(counts: negative, populations: Self.populations,
                                              referenceCounts: Self.refCounts, referencePopulations: Self.refPops)
        }
        var negPop = Self.populations; negPop[2] = -5
        #expect(throws: StatsError.negativeDenominator) {
            try IndirectStandardisation.expected(populations: negPop, referenceCounts: Self.refCounts,
                                                 referencePopulations: Self.refPops)
        }
        #expect(throws: StatsError.nonPositiveDenominator) { try IndirectStandardisation.ratio(observed: 3, expected: 0) }
        #expect(throws: StatsError.confidenceOutOfRange(1.5)) {
            try IndirectStandardisation.ratio(observed: 3, expected: 2, confidence: 1.5)
        }
    }

    @Test func batchMatchesScalarForm() throws {
        let o: [Double] = [0, 1, 9, 10, 91, 895, .nan]
        let e: [Double] = [2.5, 3, expected, 8, expected, expected, 4]
        let batch = try IndirectStandardisation.ratios(observed: o, expected: e, confidence: 0.998, refValue: 100)
        for i in 0..<o.count {
            let one = try IndirectStandardisation.ratio(observed: o[i], expected: e[i], confidence: 0.998, refValue: 100)
            #expect(batch[i] == one, "unit \(i)")
        }
    }
}
