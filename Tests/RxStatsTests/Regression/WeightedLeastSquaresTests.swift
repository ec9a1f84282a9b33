import Foundation
import Testing
@testable import RxStats

@Suite struct WeightedLeastSquaresTests {
    /// Anscombe (1973), quartet I: the published fit is y = 3.00 + 0.500 x with standard
    /// errors 1.125 (intercept) and 0.118 (slope) (as R's `summary(lm(y1 ~ x1, anscombe))`:
    /// 3.0001 (1.1247), 0.5001 (0.1179)); checked to R's printed digits.
    @Test func unitWeightsReproduceAnscombe() throws {
        let xs: [Double] = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
        let ys: [Double] = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]
        let fit = try WeightedLeastSquares(x: xs.flatMap { [1.0, $0] }, rows: 11, columns: 2, y: ys)
        #expect(abs(fit.coefficients[0] - 3.0001) < 5e-5)
        #expect(abs(fit.coefficients[1] - 0.5001) < 5e-5)
        #expect(abs(fit.standardErrors[0] - 1.1247) < 5e-5)
        #expect(abs(fit.standardErrors[1] - 0.1179) < 5e-5)
        #expect(fit.residualDegreesOfFreedom == 9)
    }

    /// Weighted simple regression against its closed form: slope = Σw(x−x̄)(y−ȳ)/Σw(x−x̄)²
    /// with weighted means, σ̂² = Σw r²/(n−2), SE(slope) = σ̂/√Σw(x−x̄)². Closed form: 1e-10.
    /// A zero weight drops its row from the residual degrees of freedom, as R's `lm` does.
    @Test func weightedFitMatchesClosedForm() throws {
        let xs: [Double] = [1, 2, 3, 4, 5, 6, 7]
        let ys: [Double] = [2.1, 3.9, 6.2, 7.8, 10.1, 12.2, 50]
        let ws: [Double] = [1, 2, 0.5, 3, 1.5, 2, 0]
        let fit = try WeightedLeastSquares(x: xs.flatMap { [1.0, $0] }, rows: 7, columns: 2, y: ys, weights: ws)
        let sw = ws.reduce(0, +)
        let xbar = zip(ws, xs).map(*).reduce(0, +) / sw
        let ybar = zip(ws, ys).map(*).reduce(0, +) / sw
        var sxy = 0.0, sxx = 0.0
        for i in 0..<7 { sxy += ws[i] * (xs[i] - xbar) * (ys[i] - ybar); sxx += ws[i] * (xs[i] - xbar) * (xs[i] - xbar) }
        let slope = sxy / sxx, intercept = ybar - slope * xbar
        var rss = 0.0
        for i in 0..<7 { let r = ys[i] - intercept - slope * xs[i]; rss += ws[i] * r * r }
        let sigma2 = rss / 4
        #expect(fit.residualDegreesOfFreedom == 4)
        #expect(relativelyClose(fit.coefficients[1], slope, 1e-10))
        #expect(relativelyClose(fit.coefficients[0], intercept, 1e-10))
        #expect(relativelyClose(fit.residualVariance, sigma2, 1e-10))
        #expect(relativelyClose(fit.standardErrors[1], (sigma2 / sxx).squareRoot(), 1e-10))
        #expect(relativelyClose(fit.standardErrors[0], (sigma2 * (1 / sw + xbar * xbar / sxx)).squareRoot(), 1e-10))
    }

    @Test func collinearDesignIsRefused() {
        #expect(throws: LeastSquares.Failure.self) {
            try WeightedLeastSquares(x: [1, 2, 1, 2, 1, 2], rows: 3, columns: 2, y: [1, 2, 3])
        }
        #expect(throws: LeastSquares.Failure.self) {
            try WeightedLeastSquares(x: [1, 2, 3], rows: 3, columns: 1, y: [1, 2, 3], weights: [1, -1, 1])
        }
    }
}
