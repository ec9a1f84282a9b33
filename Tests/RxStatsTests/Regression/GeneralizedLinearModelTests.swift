import Foundation
import Testing
@testable import RxStats

@Suite struct GeneralizedLinearModelTests {
    /// Dobson (1990) "An Introduction to Generalized Linear Models", p. 93, as in R's `?glm`:
    /// counts = c(18,17,15,20,10,20,25,13,12), outcome = gl(3,1,9), treatment = gl(3,3).
    static let counts: [Double] = [18, 17, 15, 20, 10, 20, 25, 13, 12]
    static var design: [Double] {
        (0..<9).flatMap { i -> [Double] in
            let outcome = i % 3, treatment = i / 3
            return [1, outcome == 1 ? 1 : 0, outcome == 2 ? 1 : 0, treatment == 1 ? 1 : 0, treatment == 2 ? 1 : 0]
        }
    }

    /// R's `summary(glm(counts ~ outcome + treatment, family = poisson()))` prints
    /// coefficients 3.045e+00, −4.543e−01, −2.930e−01, 1.338e−15, 1.421e−15, standard errors
    /// 0.1709, 0.2022, 0.1927, 0.2000, 0.2000 and residual deviance 5.1291 on 4 df. Checked
    /// to the printed precision (half a unit in the last printed digit), and more tightly
    /// against the closed form of this saturated-margins model: fitted = row total × column
    /// total / N, so β₀ = log 21, β₁ = log(40/63), β₂ = log(47/63), β₃ = β₄ = 0, and
    /// SE(β₀) = √(1/63 + 1/50 − 1/150), SE(β₁) = √(1/40 + 1/63), SE(β₂) = √(1/47 + 1/63),
    /// SE(β₃) = SE(β₄) = √(2/50). IRLS stops on a 1e-8 relative deviance change, so the
    /// closed-form check uses 1e-7 (coefficients, absolute for the zeros) and 1e-6 (SEs,
    /// which come from the weights of the step before the last).
    @Test func dobsonPoissonMatchesRGlm() throws {
        let fit = try GeneralizedLinearModel.fit(x: Self.design, rows: 9, columns: 5, y: Self.counts)
        #expect(fit.converged)
        let printed = [3.045, -0.4543, -0.2930]
        for j in 0..<3 { #expect(abs(fit.coefficients[j] - printed[j]) <= 5e-4) }
        let printedSE = [0.1709, 0.2022, 0.1927, 0.2000, 0.2000]
        for j in 0..<5 { #expect(abs(fit.standardErrors[j] - printedSE[j]) <= 5e-5) }
        #expect(abs(fit.deviance - 5.1291) <= 5e-5)
        #expect(fit.residualDegreesOfFreedom == 4)

        let exact = [log(21.0), log(40.0 / 63), log(47.0 / 63)]
        for j in 0..<3 { #expect(relativelyClose(fit.coefficients[j], exact[j], 1e-7)) }
        #expect(abs(fit.coefficients[3]) < 1e-7 && abs(fit.coefficients[4]) < 1e-7)
        let exactSE = [(1.0 / 63 + 1.0 / 50 - 1.0 / 150).squareRoot(), (1.0 / 40 + 1.0 / 63).squareRoot(),
                       (1.0 / 47 + 1.0 / 63).squareRoot(), (2.0 / 50).squareRoot(), (2.0 / 50).squareRoot()]
        for j in 0..<5 { #expect(relativelyClose(fit.standardErrors[j], exactSE[j], 1e-6)) }
        // Fitted values are the expected counts row total × column total / N.
        let rows = [63.0, 40, 47]
        for i in 0..<9 { #expect(relativelyClose(fit.fitted[i], rows[i % 3] * 50 / 150, 1e-7)) }
    }

    /// Case-mix use: with an intercept and offset log eᵢ, the Poisson MLE is
    /// exp(β₀) = Σo/Σe (closed form; 1e-9 relative after IRLS).
    @Test func offsetInterceptGivesPooledRatio() throws {
        let o = TURPData.observed, e = TURPData.expected
        let fit = try GeneralizedLinearModel.fit(x: [Double](repeating: 1, count: o.count), rows: o.count, columns: 1,
                                                 y: o, offset: e.map { log($0) })
        #expect(relativelyClose(exp(fit.coefficients[0]), o.reduce(0, +) / e.reduce(0, +), 1e-9))
        // SE of log(Σo/Σe) under Poisson is 1/√Σo.
        #expect(relativelyClose(fit.standardErrors[0], 1 / o.reduce(0, +).squareRoot(), 1e-6))
    }

    /// Known-θ negative binomial: at the solution the score s = Xᵀ[(y − μ)/(1 + μ/θ)] is zero, and a
    /// very large θ gives the Poisson fit.
    ///
    /// The bound on each |sⱼ| comes from the stopping rule, not from one machine's result. IRLS
    /// stops when a step changes the deviance by less than tol·(|D| + 0.1); a scoring step
    /// changes the deviance by sᵀI⁻¹s to leading order (I = XᵀWX, W = μ/(1 + μ/θ), the Fisher
    /// information), and the score after the last step is no larger than before it. Cauchy–Schwarz
    /// gives |sⱼ| ≤ √(Iⱼⱼ · sᵀI⁻¹s) ≤ √(Iⱼⱼ · tol · (|D| + 0.1)); a factor of 4 covers the
    /// second-order terms. On top of that, rounding in any correct BLAS kernel adds at most a few
    /// hundred ulps of Σᵢ|xᵢⱼ yᵢ/(1 + μᵢ/θ)|.
    @Test func negativeBinomialKnownThetaSolvesItsScore() throws {
        let x = Self.design, y = Self.counts, theta = 3.0
        for tolerance in [GeneralizedLinearModel.defaultTolerance, 1e-14] {
            let fit = try GeneralizedLinearModel.fit(x: x, rows: 9, columns: 5, y: y,
                                                     family: .negativeBinomial(theta: theta), tolerance: tolerance)
            #expect(fit.converged)
            for j in 0..<5 {
                var score = 0.0, information = 0.0, magnitude = 0.0
                for i in 0..<9 {
                    let mu = fit.fitted[i], xij = x[i * 5 + j]
                    score += xij * (y[i] - mu) / (1 + mu / theta)
                    information += xij * xij * mu / (1 + mu / theta)
                    magnitude += abs(xij * y[i] / (1 + mu / theta))
                }
                let stopping = 4 * (information * tolerance * (abs(fit.deviance) + 0.1)).squareRoot()
                let rounding = 256 * Double.ulpOfOne * magnitude
                #expect(abs(score) <= stopping + rounding, "score \(j) at tolerance \(tolerance)")
                // The bound is far below the score of a wrong fit (order √Iⱼⱼ, here > 1).
                #expect(stopping + rounding < 0.01 * information.squareRoot())
            }
        }
        let nearPoisson = try GeneralizedLinearModel.fit(x: x, rows: 9, columns: 5, y: y,
                                                         family: .negativeBinomial(theta: 1e10))
        #expect(relativelyClose(nearPoisson.coefficients[0], log(21.0), 1e-7))
    }

    /// θ by maximum likelihood (MASS `glm.nb`) on overdispersed TURP counts with offset log eᵢ:
    /// at convergence θ solves the theta score and the coefficients solve theirs. With an
    /// intercept only, θ differs from sava's mean-1 α; it must be finite and positive.
    @Test func negativeBinomialEstimatedThetaIsAStationaryPoint() throws {
        let o = TURPData.observed, e = TURPData.expected, n = o.count
        let fit = try GeneralizedLinearModel.fitNegativeBinomial(
            x: [Double](repeating: 1, count: n), rows: n, columns: 1, y: o, offset: e.map { log($0) })
        #expect(fit.converged)
        guard case .negativeBinomial(let theta) = fit.family else { Issue.record("family"); return }
        #expect(theta > 1 && theta < 100)
        var s = 0.0
        for i in 0..<n { s += (o[i] - fit.fitted[i]) / (1 + fit.fitted[i] / theta) }
        #expect(abs(s) < 1e-5)
        let again = try NegativeBinomialTheta(y: o, mu: fit.fitted)
        #expect(relativelyClose(again.theta, theta, 1e-6))
        #expect(try #require(fit.thetaStandardError) > 0)
    }

    @Test func negativeCountsAreRefused() {
        #expect(throws: StatsError.negativeNumerator) {
            try GeneralizedLinearModel.fit(x: [1, 1], rows: 2, columns: 1, y: [1, -1])
        }
    }

    /// A million rows, three columns: IRLS allocates per iteration, not per row.
    @Test func aMillionRows() throws {
        let n = 1_000_000
        var x = [Double](repeating: 1, count: n * 3), y = [Double](repeating: 0, count: n)
        var offset = [Double](repeating: 0, count: n)
        for i in 0..<n {
            let a = Double(i % 5) / 4, b = Double(i % 7) / 6
            x[i * 3 + 1] = a; x[i * 3 + 2] = b
            offset[i] = log(Double(50 + i % 13))
            y[i] = (exp(offset[i] + 0.2 + 0.5 * a - 0.3 * b)).rounded()
        }
        let start = Date()
        let fit = try GeneralizedLinearModel.fit(x: x, rows: n, columns: 3, y: y, offset: offset)
        let elapsed = Date().timeIntervalSince(start)
        #expect(fit.converged)
        #expect(abs(fit.coefficients[1] - 0.5) < 0.01 && abs(fit.coefficients[2] + 0.3) < 0.01)
        #expect(elapsed < 120, "took \(elapsed) s")  // catches a pathological regression only; speed is benchmarked
    }
}
