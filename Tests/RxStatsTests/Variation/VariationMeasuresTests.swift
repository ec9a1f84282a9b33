import Foundation
import Testing
@testable import RxStats

/// SCV, extremal quotients and CV against sava's published TURP values.
@Suite struct VariationMeasuresTests {
    /// sava vignette: `SCV(TURP$oi, TURP$ei)` prints 0.08672256 (7 significant digits, so the
    /// printed value is within 5e-9 absolute ≈ 6e-8 relative). The same formula evaluated
    /// with numpy gives 0.08672256108944164; SCV is closed-form, so that agrees to 1e-12.
    @Test func scvDiehrMatchesSavaVignette() throws {
        let scv = try #require(try VariationMeasures.systematicComponent(
            observed: TURPData.observed, expected: TURPData.expected, form: .diehr))
        #expect(abs(scv - 0.08672256) <= 5e-9)
        #expect(relativelyClose(scv, 0.08672256108944164, 1e-12))
    }

    /// McPherson's log form (sava `approx = FALSE`), value computed independently with numpy
    /// (`computed_with_scipy.csv` cmp133): closed form, 1e-12 relative.
    @Test func scvMcPhersonMatchesIndependentComputation() throws {
        let scv = try #require(try VariationMeasures.systematicComponent(
            observed: TURPData.observed, expected: TURPData.expected, form: .mcPherson))
        #expect(relativelyClose(scv, 0.1198264870724883, 1e-12))
    }

    /// Extremal quotient and CV of crude O/E on TURP (cmp136, cmp137), closed form, 1e-12.
    @Test func extremalQuotientAndCVOfCrudeRatios() throws {
        let ratios = zip(TURPData.observed, TURPData.expected).map { $0 / $1 }
        #expect(relativelyClose(try #require(VariationMeasures.extremalQuotient(ratios)), 5.028399820217816, 1e-12))
        #expect(relativelyClose(try #require(VariationMeasures.coefficientOfVariation(ratios)), 0.32517213943560613, 1e-12))
    }

    /// sava's `EBpoisson0` on TURP: α = 10.51737, 1/α = 0.09508078, predictions
    /// (oᵢ + α)/(eᵢ + α) for HSAs 1-6, and `EQ(p)` (EQ80/20 of the predictions) = 1.694126.
    /// sava finds α with `uniroot` (default tolerance ≈ 1.2e-4 on α) and prints 7 digits, so
    /// these match to 1e-5 relative; our α is the Newton root of the same score
    /// (``NegativeBinomialTheta``).
    @Test func empiricalBayesAlphaAndEQ8020MatchSava() throws {
        let fit = try NegativeBinomialTheta(y: TURPData.observed, mu: TURPData.expected)
        #expect(fit.converged)
        let alpha = fit.theta
        #expect(relativelyClose(alpha, 10.51737, 1e-5))
        #expect(relativelyClose(1 / alpha, 0.09508078, 1e-5))
        let predicted = zip(TURPData.observed, TURPData.expected).map { ($0 + alpha) / ($1 + alpha) }
        let published = [1.0307147, 1.1600506, 1.1960988, 0.9441195, 1.5528792, 1.0861068]
        for (p, e) in zip(predicted, published) { #expect(relativelyClose(p, e, 1e-5)) }
        let eq = try #require(VariationMeasures.quantileRatio(predicted, q: 0.2))
        #expect(relativelyClose(eq, 1.694126, 1e-5))
    }

    /// sava returns NA when any expected count is zero, and when the SCV is negative or not
    /// finite (e.g. the log form with a zero count).
    @Test func scvIsMissingWhereSavaGivesNA() throws {
        #expect(try VariationMeasures.systematicComponent(observed: [3, 4, 5], expected: [3, 0, 5]) == nil)
        // Observed equal to expected: yᵢ = 0, SCV = −mean(1/e) < 0.
        #expect(try VariationMeasures.systematicComponent(observed: [3, 4, 5], expected: [3, 4, 5]) == nil)
        #expect(try VariationMeasures.systematicComponent(observed: [0, 40, 5], expected: [3, 4, 5], form: .mcPherson) == nil)
        #expect(try VariationMeasures.systematicComponent(observed: [0, 40, 5], expected: [3, 4, 5], form: .diehr) != nil)
    }

    @Test func scvRefusesBadInput() {
        #expect(throws: StatsError.negativeNumerator) {
            try VariationMeasures.systematicComponent(observed: [-1, 4], expected: [3, 4])
        }
        #expect(throws: StatsError.nonPositiveDenominator) {
            try VariationMeasures.systematicComponent(observed: [1, 4], expected: [-3, 4])
        }
        #expect(throws: StatsError.mismatchedLengths) {
            try VariationMeasures.systematicComponent(observed: [1, 4], expected: [3])
        }
        #expect(throws: StatsError.missingValue("observed/expected")) {
            try VariationMeasures.systematicComponent(observed: [1, .nan], expected: [3, 4])
        }
    }

    /// sava's `EQ` gives NA for 5 or fewer units.
    @Test func quantileRatioNeedsMoreThanFiveValues() {
        #expect(VariationMeasures.quantileRatio([1, 2, 3, 4, 5]) == nil)
        // Six values 1...6: type-7 P80 = 5, P20 = 2.
        #expect(VariationMeasures.quantileRatio([6, 1, 5, 2, 4, 3]) == 2.5)
    }

    /// The sava expectations file, when present, agrees with the literal copies above.
    @Test(.enabled(if: ReferenceValues.available, ReferenceValues.missing))
    func savaExpectedFileAgrees() throws {
        let rows = try ReferenceValues.csv("sava_expected.csv")
        let scv = try #require(rows.first { $0["case_id"] == "sava01" }.flatMap { Double($0["expected"] ?? "") })
        let eq = try #require(rows.first { $0["case_id"] == "sava16" }.flatMap { Double($0["expected"] ?? "") })
        let alpha = try #require(rows.first { $0["case_id"] == "sava02" }.flatMap { Double($0["expected"] ?? "") })
        let inputs = try ReferenceValues.csv("sava_turp_inputs.csv")
        let o = inputs.map { Double($0["oi"]!)! }, e = inputs.map { Double($0["ei"]!)! }
        #expect(abs(try #require(try VariationMeasures.systematicComponent(observed: o, expected: e)) - scv) <= 5e-9)
        let a = try NegativeBinomialTheta(y: o, mu: e).theta
        #expect(relativelyClose(a, alpha, 1e-5))
        let predicted = zip(o, e).map { ($0 + a) / ($1 + a) }
        #expect(relativelyClose(try #require(VariationMeasures.quantileRatio(predicted)), eq, 1e-5))
    }
}
