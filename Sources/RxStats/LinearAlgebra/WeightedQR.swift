import CLapack

/// The weighted least-squares solution of X β ≈ y with weights w, by Householder QR of
/// W^½X (LAPACK `dgeqrf`, `dormqr`, `dtrtrs`), together with (XᵀWX)⁻¹ from the triangular
/// factor (LAPACK `dpotri`: R is the Cholesky factor of XᵀWX, up to the signs of its rows,
/// which cancel in RᵀR).
///
/// This is the decomposition R's `lm.wfit` and `glm.fit` use (Golub & Van Loan, *Matrix
/// Computations*, §5.3: least squares by QR), without R's column pivoting: a design whose
/// triangular factor has a diagonal element below 1e-7 × the largest (R's `qr` tolerance) is
/// refused as rank deficient rather than silently dropping a column.
public struct WeightedQR: Sendable {
    /// The p coefficients β̂.
    public let coefficients: [Double]
    /// (XᵀWX)⁻¹, p × p, row-major and symmetric.
    public let unscaledCovariance: [Double]
    /// Σ wᵢ (yᵢ − xᵢβ̂)², the weighted residual sum of squares.
    public let weightedResidualSumOfSquares: Double
    /// The number of rows with a positive weight (R's `lm` counts only these in the residual
    /// degrees of freedom).
    public let positiveWeightRows: Int
    /// p, the number of coefficients.
    public let columns: Int

    /// The relative size of a diagonal element of R below which the design is called rank
    /// deficient (R's `qr(..., tol = 1e-07)` default).
    public static let rankTolerance = 1e-7

    /// The same decomposition with replaced coefficients (used by IRLS step-halving, where the
    /// covariance still comes from the step's QR).
    init(coefficients: [Double], qr: WeightedQR) {
        self.coefficients = coefficients
        unscaledCovariance = qr.unscaledCovariance
        weightedResidualSumOfSquares = qr.weightedResidualSumOfSquares
        positiveWeightRows = qr.positiveWeightRows
        columns = qr.columns
    }

    /// Memberwise.
    init(coefficients: [Double], unscaledCovariance: [Double], weightedResidualSumOfSquares: Double,
         positiveWeightRows: Int, columns: Int) {
        self.coefficients = coefficients
        self.unscaledCovariance = unscaledCovariance
        self.weightedResidualSumOfSquares = weightedResidualSumOfSquares
        self.positiveWeightRows = positiveWeightRows
        self.columns = columns
    }

    /// Solves min Σ wᵢ (yᵢ − xᵢβ)² by QR of W^½X.
    ///
    /// - Parameters:
    ///   - x: the n × p design matrix in row-major order (`x[i * p + j]`).
    ///   - rows: n (must be ≥ p).
    ///   - columns: p (≥ 1).
    ///   - y: the n responses.
    ///   - weights: n non-negative weights, or nil for all ones.
    /// - Throws: ``LeastSquares/Failure/shape(_:)`` for inconsistent sizes or a negative or
    ///   non-finite weight; ``LeastSquares/Failure/lapack(info:)`` with a positive `info`
    ///   (the 1-based column) when the weighted design is rank deficient.
    public static func solve(x: [Double], rows n: Int, columns p: Int, y: [Double],
                             weights: [Double]? = nil) throws -> WeightedQR {
        guard n >= p, p > 0 else { throw LeastSquares.Failure.shape("need at least as many rows (\(n)) as columns (\(p))") }
        guard x.count == n * p else { throw LeastSquares.Failure.shape("design has \(x.count) values, expected \(n * p)") }
        guard y.count == n else { throw LeastSquares.Failure.shape("\(y.count) observations for \(n) rows") }
        if let w = weights, w.count != n { throw LeastSquares.Failure.shape("\(w.count) weights for \(n) rows") }

        // Column-major copy of W^½X and W^½y.
        var a = [Double](repeating: 0, count: n * p)
        var b = [Double](repeating: 0, count: n)
        var positive = 0
        var badWeight = false
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeBufferPointer { yp in
                a.withUnsafeMutableBufferPointer { ap in
                    b.withUnsafeMutableBufferPointer { bp in
                        for i in 0..<n {
                            let w = weights?[i] ?? 1
                            if !(w >= 0) || !w.isFinite { badWeight = true; return }
                            if w > 0 { positive += 1 }
                            let s = w.squareRoot()
                            bp[i] = s * yp[i]
                            let row = i * p
                            for j in 0..<p { ap[j * n + i] = s * xp[row + j] }
                        }
                    }
                }
            }
        }
        guard !badWeight else { throw LeastSquares.Failure.shape("weights must be finite and ≥ 0") }
        guard positive >= p else { throw LeastSquares.Failure.shape("only \(positive) rows have positive weight for \(p) columns") }

        var tau = [Double](repeating: 0, count: p)
        let ln = Int32(n), lp = Int32(p)
        var info = a.withUnsafeMutableBufferPointer { ap in
            tau.withUnsafeMutableBufferPointer { tp in
                LAPACKE_dgeqrf(LAPACK_COL_MAJOR, ln, lp, ap.baseAddress, ln, tp.baseAddress)
            }
        }
        guard info == 0 else { throw LeastSquares.Failure.lapack(info: Int32(info)) }

        // Rank check on the diagonal of R.
        var largest = 0.0
        for j in 0..<p { largest = max(largest, abs(a[j * n + j])) }
        for j in 0..<p where !(abs(a[j * n + j]) > rankTolerance * largest) {
            throw LeastSquares.Failure.lapack(info: Int32(j + 1))
        }

        info = a.withUnsafeMutableBufferPointer { ap in
            tau.withUnsafeMutableBufferPointer { tp in
                b.withUnsafeMutableBufferPointer { bp in
                    LAPACKE_dormqr(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), CChar(UInt8(ascii: "T")),
                                   ln, 1, lp, ap.baseAddress, ln, tp.baseAddress, bp.baseAddress, ln)
                }
            }
        }
        guard info == 0 else { throw LeastSquares.Failure.lapack(info: Int32(info)) }
        var rss = 0.0
        for i in p..<n { rss += b[i] * b[i] }

        // R (upper p × p, column-major) for the solve and the inverse.
        var r = [Double](repeating: 0, count: p * p)
        for j in 0..<p { for i in 0...j { r[j * p + i] = a[j * n + i] } }
        var beta = Array(b.prefix(p))
        info = r.withUnsafeMutableBufferPointer { rp in
            beta.withUnsafeMutableBufferPointer { bp in
                LAPACKE_dtrtrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), CChar(UInt8(ascii: "N")),
                               CChar(UInt8(ascii: "N")), lp, 1, rp.baseAddress, lp, bp.baseAddress, lp)
            }
        }
        guard info == 0 else { throw LeastSquares.Failure.lapack(info: Int32(info)) }
        info = r.withUnsafeMutableBufferPointer { rp in
            LAPACKE_dpotri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), lp, rp.baseAddress, lp)
        }
        guard info == 0 else { throw LeastSquares.Failure.lapack(info: Int32(info)) }
        // Upper triangle (column-major) → full symmetric row-major.
        var cov = [Double](repeating: 0, count: p * p)
        for j in 0..<p {
            for i in 0...j {
                let v = r[j * p + i]
                cov[i * p + j] = v
                cov[j * p + i] = v
            }
        }
        return WeightedQR(coefficients: beta, unscaledCovariance: cov,
                          weightedResidualSumOfSquares: rss, positiveWeightRows: positive, columns: p)
    }
}
