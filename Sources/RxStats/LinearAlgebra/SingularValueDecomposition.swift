import CLapack

/// The thin singular value decomposition A = U Σ Vᵀ of an n × p matrix by LAPACK's
/// divide-and-conquer driver `dgesdd` (JOBZ = 'S'), the routine R's `svd` and `prcomp` call
/// (R `La.svd`).
public struct SingularValueDecomposition: Sendable {
    /// k = min(n, p).
    public let rank: Int
    /// The n × k left singular vectors, row-major.
    public let u: [Double]
    /// The k singular values, in decreasing order.
    public let singularValues: [Double]
    /// The k × p matrix Vᵀ, row-major (row c is the c-th right singular vector).
    public let vt: [Double]

    /// Decomposes the n × p row-major matrix `a`.
    ///
    /// - Throws: ``LeastSquares/Failure/shape(_:)`` for inconsistent sizes;
    ///   ``LeastSquares/Failure/lapack(info:)`` when `dgesdd` fails (positive `info`: the
    ///   bidiagonal iteration did not converge).
    public static func decompose(_ a: [Double], rows n: Int, columns p: Int) throws -> SingularValueDecomposition {
        guard n > 0, p > 0 else { throw LeastSquares.Failure.shape("matrix must have at least one row and one column") }
        guard a.count == n * p else { throw LeastSquares.Failure.shape("matrix has \(a.count) values, expected \(n * p)") }
        let k = min(n, p)
        var work = a
        var s = [Double](repeating: 0, count: k)
        var u = [Double](repeating: 0, count: n * k)
        var vt = [Double](repeating: 0, count: k * p)
        let info = work.withUnsafeMutableBufferPointer { ap in
            s.withUnsafeMutableBufferPointer { sp in
                u.withUnsafeMutableBufferPointer { up in
                    vt.withUnsafeMutableBufferPointer { vp in
                        LAPACKE_dgesdd(LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "S")), Int32(n), Int32(p),
                                       ap.baseAddress, Int32(p), sp.baseAddress,
                                       up.baseAddress, Int32(k), vp.baseAddress, Int32(p))
                    }
                }
            }
        }
        guard info == 0 else { throw LeastSquares.Failure.lapack(info: Int32(info)) }
        return SingularValueDecomposition(rank: k, u: u, singularValues: s, vt: vt)
    }
}
