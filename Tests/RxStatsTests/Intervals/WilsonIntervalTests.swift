import Testing
@testable import RxStats

/// Wilson score intervals against PHEindicatormethods' published values
/// (`testdata_Proportion.xlsx`, `testdata_Byars_Wilson.xlsx`), copied here so these run without
/// ../shared. Tolerance: 1e-8 relative (closed form).
@Suite struct WilsonIntervalTests {
    let rel = 1e-8

    @Test func publishedValuesAtBothConfidences() throws {
        // prop001 / prop002: x = 1, n = 100
        let a = try WilsonInterval.interval(numerator: 1, denominator: 100, confidence: 0.95)
        #expect(agrees(a.value, 0.01, rel: rel))
        #expect(agrees(a.lower, 0.0017674320641406511, rel: rel))
        #expect(agrees(a.upper, 0.054486196178705294, rel: rel))
        #expect(a.method == .wilson && a.confidence == 0.95)
        let b = try WilsonInterval.interval(numerator: 1, denominator: 100, confidence: 0.998)
        #expect(agrees(b.lower, 0.000873065697299977, rel: rel))
        #expect(agrees(b.upper, 0.1045544528370582, rel: rel))
        // prop011: x = 7776456, n = 7564336677 (very large n)
        let c = try WilsonInterval.interval(numerator: 7_776_456, denominator: 7_564_336_677)
        #expect(agrees(c.lower, 0.0010273201001641094, rel: rel))
        #expect(agrees(c.upper, 0.0010287644578977231, rel: rel))
    }

    @Test func multiplierScalesValueAndLimits() throws {
        // prop025: 9856 / 12345 per 100
        let i = try WilsonInterval.interval(numerator: 9856, denominator: 12345, confidence: 0.95, multiplier: 100)
        #expect(agrees(i.value, 79.83799108950991, rel: rel))
        #expect(agrees(i.lower, 79.1210175290907, rel: rel))
        #expect(agrees(i.upper, 80.53640073614909, rel: rel))
    }

    @Test func internalLimitFunctionsAcceptFractionalNumerators() throws {
        // prop043 / prop046: x = 0.445, n = 1
        #expect(agrees(try WilsonInterval.lower(numerator: 0.445, denominator: 1), 0.04381744772058822, rel: rel))
        #expect(agrees(try WilsonInterval.upper(numerator: 0.445, denominator: 1), 0.9334621276979156, rel: rel))
        #expect(agrees(try WilsonInterval.upper(numerator: 0.445, denominator: 1, confidence: 0.998), 0.9702259947019541, rel: rel))
    }

    @Test func zeroNumeratorAndFullConfidence() throws {
        // x = 0: lower 0 exactly, upper z²/(n + z²) (edge_cases.csv, from R/utils.R)
        let z = Distribution.normalQuantile(0.975)
        let i = try WilsonInterval.interval(numerator: 0, denominator: 50)
        #expect(i.lower == 0)
        #expect(agrees(i.upper, z * z / (50 + z * z), rel: 1e-14))
        // confidence = 1: lower 0, upper 1 (testWilson.R)
        #expect(try WilsonInterval.lower(numerator: 3, denominator: 7, confidence: 1) == 0)
        #expect(try WilsonInterval.upper(numerator: 3, denominator: 7, confidence: 1) == 1)
    }

    @Test func percentScaleConfidenceIsAFraction() throws {
        let a = try WilsonInterval.interval(numerator: 65, denominator: 100, confidence: 99.8)
        #expect(a.confidence == 0.998)
        #expect(agrees(a.lower, 0.4954946574070431, rel: rel))   // prop008
    }

    @Test func errorsAsPHEindicatormethods() {
        #expect(throws: StatsError.negativeNumerator) { try WilsonInterval.interval(numerator: -80, denominator: 100) }
        #expect(throws: StatsError.nonPositiveDenominator) { try WilsonInterval.interval(numerator: 65, denominator: 0) }
        #expect(throws: StatsError.nonPositiveDenominator) { try WilsonInterval.interval(numerator: 30, denominator: -100) }
        #expect(throws: StatsError.numeratorExceedsDenominator) { try WilsonInterval.interval(numerator: 101, denominator: 100) }
        for c in [0.8, 50, 130, Double.nan] {
            #expect(throws: StatsError.self) { try WilsonInterval.interval(numerator: 1, denominator: 10, confidence: c) }
        }
        #expect(StatsError.numeratorExceedsDenominator.description
                == "numerators must be less than or equal to denominator for a proportion statistic")
    }

    @Test func missingInputsGiveMissingResults() throws {
        // Area09-11 of testdata_Proportion: NA numerator and/or denominator, no error
        for (x, n) in [(Double.nan, 100.0), (10, .nan), (.nan, .nan)] {
            let i = try WilsonInterval.interval(numerator: x, denominator: n)
            #expect(i.value == nil && i.lower == nil && i.upper == nil && i.method == .wilson)
        }
    }

    @Test func batchMatchesScalarForm() throws {
        let xs: [Double] = [1, 5, 20, 65, 9856, 0, .nan, 0.445, 100]
        let ns: [Double] = [100, 100, 100, 100, 12345, 7, 100, 1, 100]
        let batch = try WilsonInterval.intervals(numerators: xs, denominators: ns, confidence: 0.998, multiplier: 100)
        #expect(batch.count == xs.count)
        for i in 0..<xs.count {
            let one = try WilsonInterval.interval(numerator: xs[i], denominator: ns[i], confidence: 0.998, multiplier: 100)
            #expect(batch[i] == one, "unit \(i)")
        }
        #expect(throws: StatsError.numeratorExceedsDenominator) {
            try WilsonInterval.intervals(numerators: [1, 11], denominators: [10, 10])
        }
        #expect(throws: StatsError.mismatchedLengths) {
            try WilsonInterval.intervals(numerators: [1, 2], denominators: [10])
        }
    }
}
