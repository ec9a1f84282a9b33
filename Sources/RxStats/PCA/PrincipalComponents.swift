import Foundation

/// Principal component analysis by singular value decomposition of the centred (optionally
/// scaled) data matrix, as R's `prcomp` (R `src/library/stats/R/prcomp.R`: `svd` of the
/// centred/scaled x, sdev = d/√(n − 1), rotation = V, scores x = XV), on LAPACK `dgesdd`
/// (``SingularValueDecomposition``). Used to find practices with similar prescribing profiles.
///
/// Signs of components are arbitrary in any SVD; here each component is oriented so that
/// its loading of largest magnitude is positive, making results reproducible across LAPACK
/// builds (R does not normalise signs, so compare R's loadings up to sign).
public struct PrincipalComponents: Sendable {
    /// n, the number of observations (rows).
    public let observations: Int
    /// p, the number of variables (columns).
    public let variables: Int
    /// k = min(n, p), the number of components.
    public let components: Int
    /// The column means subtracted (R's `center`).
    public let center: [Double]
    /// The column standard deviations (n − 1 denominator) divided out, or nil when not scaled
    /// (R's `scale`).
    public let scale: [Double]?
    /// The component standard deviations dₖ/√(n − 1) (R's `sdev`).
    public let standardDeviations: [Double]
    /// The loadings V, p × k row-major: `loadings[j * k + c]` is variable j's weight in
    /// component c (R's `rotation`).
    public let loadings: [Double]
    /// The scores XV, n × k row-major (R's `x`).
    public let scores: [Double]
    /// Each component's share of the total variance, sdev² / Σ sdev².
    public let explainedVarianceRatio: [Double]

    /// Runs PCA on the n × p row-major matrix `data`.
    ///
    /// - Parameters:
    ///   - scaled: divide each centred column by its standard deviation (R `scale. = TRUE`).
    /// - Throws: ``StatsError/empty`` for fewer than 2 rows, ``StatsError/mismatchedLengths``
    ///   when `data.count != rows * columns`, ``StatsError/missingValue(_:)`` for a constant
    ///   column when scaling (R: "cannot rescale a constant/zero column to unit variance") or a
    ///   non-finite value, and ``LeastSquares/Failure`` when LAPACK fails.
    public init(data: [Double], rows n: Int, columns p: Int, scaled: Bool = false) throws {
        guard n >= 2, p >= 1 else { throw StatsError.empty }
        guard data.count == n * p else { throw StatsError.mismatchedLengths }
        var mean = [Double](repeating: 0, count: p)
        for i in 0..<n {
            for j in 0..<p {
                let v = data[i * p + j]
                guard v.isFinite else { throw StatsError.missingValue("data") }
                mean[j] += v
            }
        }
        for j in 0..<p { mean[j] /= Double(n) }
        var x = [Double](repeating: 0, count: n * p)
        var ss = [Double](repeating: 0, count: p)
        for i in 0..<n {
            for j in 0..<p {
                let d = data[i * p + j] - mean[j]
                x[i * p + j] = d
                ss[j] += d * d
            }
        }
        var sd: [Double]? = nil
        if scaled {
            let s = ss.map { ($0 / Double(n - 1)).squareRoot() }
            for j in 0..<p where !(s[j] > 0) { throw StatsError.missingValue("column \(j) is constant") }
            for i in 0..<n { for j in 0..<p { x[i * p + j] /= s[j] } }
            sd = s
        }
        let svd = try SingularValueDecomposition.decompose(x, rows: n, columns: p)
        let k = svd.rank
        var v = [Double](repeating: 0, count: p * k)
        for c in 0..<k {
            var big = 0.0
            for j in 0..<p where abs(svd.vt[c * p + j]) > abs(big) { big = svd.vt[c * p + j] }
            let sign: Double = big < 0 ? -1 : 1
            for j in 0..<p { v[j * k + c] = sign * svd.vt[c * p + j] }
        }
        var scores = [Double](repeating: 0, count: n * k)
        for i in 0..<n {
            for c in 0..<k {
                var s = 0.0
                for j in 0..<p { s += x[i * p + j] * v[j * k + c] }
                scores[i * k + c] = s
            }
        }
        let sdev = svd.singularValues.map { $0 / Double(n - 1).squareRoot() }
        let total = sdev.reduce(0) { $0 + $1 * $1 }
        observations = n
        variables = p
        components = k
        center = mean
        scale = sd
        standardDeviations = sdev
        loadings = v
        self.scores = scores
        explainedVarianceRatio = sdev.map { $0 * $0 / total }
    }
}
