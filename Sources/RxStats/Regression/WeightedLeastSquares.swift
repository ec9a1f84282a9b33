/// A weighted least-squares fit with R `lm(y ~ X - 1, weights = w)`'s standard errors.
///
/// β̂ = (XᵀWX)⁻¹XᵀWy, computed by QR of W^½X (``WeightedQR``); σ̂² = Σwᵢrᵢ² / (n₊ − p), where
/// n₊ counts the rows with positive weight (as R's `lm.wfit` and `summary.lm` do); the
/// standard errors are √(σ̂² · diag (XᵀWX)⁻¹) (`summary.lm`; Draper & Smith, *Applied
/// Regression Analysis*, 3rd ed., §9.2). Include a column of ones in X for an intercept.
public struct WeightedLeastSquares: Sendable {
    /// The p coefficients.
    public let coefficients: [Double]
    /// Their standard errors.
    public let standardErrors: [Double]
    /// σ̂² · (XᵀWX)⁻¹, p × p row-major.
    public let covariance: [Double]
    /// σ̂², the residual variance (the square of R's "residual standard error").
    public let residualVariance: Double
    /// n₊ − p.
    public let residualDegreesOfFreedom: Int

    /// Fits y on the n × p row-major design `x` with non-negative `weights` (nil: all ones).
    ///
    /// When n₊ = p the fit is exact, σ̂² is NaN (R reports `NaN` standard errors too).
    /// - Throws: ``LeastSquares/Failure`` for inconsistent sizes, bad weights or a
    ///   rank-deficient design.
    public init(x: [Double], rows n: Int, columns p: Int, y: [Double], weights: [Double]? = nil) throws {
        let qr = try WeightedQR.solve(x: x, rows: n, columns: p, y: y, weights: weights)
        let df = qr.positiveWeightRows - p
        let sigma2 = df > 0 ? qr.weightedResidualSumOfSquares / Double(df) : .nan
        coefficients = qr.coefficients
        let cov = qr.unscaledCovariance.map { $0 * sigma2 }
        covariance = cov
        standardErrors = (0..<p).map { cov[$0 * p + $0].squareRoot() }
        residualVariance = sigma2
        residualDegreesOfFreedom = df
    }
}
