import CLapack

/// Dense linear least squares on LAPACK (OpenBLAS's `dgels`).
public enum LeastSquares {
    /// Errors from the LAPACK call.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The design matrix's shape does not match the observations.
        case shape(String)
        /// LAPACK reported an illegal argument (negative info) or a rank-deficient matrix
        /// (positive info).
        case lapack(info: Int32)

        public var description: String {
            switch self {
            case .shape(let s): "least squares: \(s)"
            case .lapack(let info) where info > 0: "least squares: design matrix is rank deficient (LAPACK info \(info))"
            case .lapack(let info): "least squares: LAPACK argument \(-info) is invalid"
            }
        }
    }

    /// Solves min ‖X β − y‖₂ for β by QR factorisation (LAPACK `dgels`).
    ///
    /// - Parameters:
    ///   - x: the n × p design matrix in row-major order (`x[i * p + j]`).
    ///   - rows: n, the number of observations (must be ≥ p).
    ///   - columns: p, the number of coefficients.
    ///   - y: the n observations.
    /// - Returns: the p coefficients.
    public static func solve(x: [Double], rows n: Int, columns p: Int, y: [Double]) throws -> [Double] {
        guard n >= p, p > 0 else { throw Failure.shape("need at least as many rows (\(n)) as columns (\(p))") }
        guard x.count == n * p else { throw Failure.shape("design has \(x.count) values, expected \(n * p)") }
        guard y.count == n else { throw Failure.shape("\(y.count) observations for \(n) rows") }
        var a = x
        var b = y
        let info = a.withUnsafeMutableBufferPointer { ap in
            b.withUnsafeMutableBufferPointer { bp in
                LAPACKE_dgels(LAPACK_ROW_MAJOR, Int8(UInt8(ascii: "N")), Int32(n), Int32(p), 1,
                              ap.baseAddress, Int32(p), bp.baseAddress, 1)
            }
        }
        guard info == 0 else { throw Failure.lapack(info: Int32(info)) }
        return Array(b.prefix(p))
    }

    /// X·v for a row-major n × p matrix, on BLAS `dgemv`.
    public static func multiply(x: [Double], rows n: Int, columns p: Int, vector v: [Double]) -> [Double] {
        precondition(x.count == n * p && v.count == p)
        var out = [Double](repeating: 0, count: n)
        x.withUnsafeBufferPointer { xp in
            v.withUnsafeBufferPointer { vp in
                out.withUnsafeMutableBufferPointer { op in
                    cblas_dgemv(CblasRowMajor, CblasNoTrans, Int32(n), Int32(p), 1.0, xp.baseAddress, Int32(p),
                                vp.baseAddress, 1, 0.0, op.baseAddress, 1)
                }
            }
        }
        return out
    }
}
