import Testing
@testable import RxStats

@Suite struct LeastSquaresTests {
    /// Anscombe's first quartet: the published fit is y = 3.0001 + 0.5001 x.
    @Test func anscombeFirstQuartetMatchesPublishedFit() throws {
        let xs: [Double] = [10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5]
        let ys: [Double] = [8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68]
        let design = xs.flatMap { [1.0, $0] }
        let beta = try LeastSquares.solve(x: design, rows: xs.count, columns: 2, y: ys)
        #expect(abs(beta[0] - 3.00009) < 1e-4)
        #expect(abs(beta[1] - 0.50009) < 1e-4)
    }

    @Test func exactSystemIsRecovered() throws {
        // 3 equations, 3 unknowns with solution (1, -2, 0.5).
        let x: [Double] = [2, 1, 0, 1, 3, 1, 0, 1, 4]
        let truth: [Double] = [1, -2, 0.5]
        let y = LeastSquares.multiply(x: x, rows: 3, columns: 3, vector: truth)
        let beta = try LeastSquares.solve(x: x, rows: 3, columns: 3, y: y)
        // Householder QR is backward stable: the forward error is at most a small multiple of
        // n·κ(A)·ε·‖β‖, whatever the kernel; κ₂(A) = 3.73 for this matrix.
        let bound = 16 * 3 * 3.73 * Double.ulpOfOne * 2
        for (b, t) in zip(beta, truth) { #expect(abs(b - t) <= bound) }
    }

    /// `dgels` reports an exactly singular triangular factor; an all-zero column gives one.
    @Test func singularDesignIsAnError() {
        let x: [Double] = [1, 0, 1, 0, 1, 0]
        #expect(throws: LeastSquares.Failure.self) {
            try LeastSquares.solve(x: x, rows: 3, columns: 2, y: [1, 2, 3])
        }
    }

    @Test func shapeMismatchIsAnError() {
        #expect(throws: LeastSquares.Failure.shape("3 observations for 2 rows")) {
            try LeastSquares.solve(x: [1, 2, 3, 4], rows: 2, columns: 2, y: [1, 2, 3])
        }
    }
}
