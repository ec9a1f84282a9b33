import CRmath
import Foundation

/// A log-link generalised linear model for counts (Poisson or negative binomial) with offsets,
/// fitted by iteratively reweighted least squares exactly as R's `glm.fit` (R `src/library/
/// stats/R/glm.R`; McCullagh & Nelder, *Generalized Linear Models*, 2nd ed., §2.5), and, for
/// an unknown negative-binomial θ, alternating with ``NegativeBinomialTheta`` as MASS's
/// `glm.nb` (Venables & Ripley, *Modern Applied Statistics with S*, 4th ed., §7.4).
///
/// Each IRLS step regresses the working response zᵢ = ηᵢ − oᵢ + (yᵢ − μᵢ)/μᵢ on X with
/// weights wᵢ = priorᵢ · μᵢ²/V(μᵢ) by QR (``WeightedQR``). Convergence, as `glm.control`:
/// |D − D_old| / (|D| + 0.1) < `tolerance` (default 1e-8) on the deviance D, at most
/// `maxIterations` (default 25) steps; a non-finite deviance halves the step towards the
/// previous coefficients (R's step-halving). Standard errors are √diag((XᵀWX)⁻¹) from the
/// final step's weights with dispersion 1 (`summary.glm` for the poisson and negative-binomial
/// families). `fitted` (μ̂) are the expected counts for case-mix adjustment.
public struct GeneralizedLinearModel: Sendable {
    /// The family used in the final fit (for ``fitNegativeBinomial(x:rows:columns:y:offset:weights:tolerance:maxIterations:)``
    /// it carries the estimated θ).
    public let family: GLMFamily
    /// The p coefficients on the log scale.
    public let coefficients: [Double]
    /// Their standard errors.
    public let standardErrors: [Double]
    /// (XᵀWX)⁻¹ at the final step, p × p row-major (the covariance; dispersion is 1).
    public let covariance: [Double]
    /// μ̂ = exp(Xβ̂ + offset), the fitted (expected) counts.
    public let fitted: [Double]
    /// The residual deviance.
    public let deviance: Double
    /// The log-likelihood (Poisson: Σ w (y log μ − μ − lnΓ(y+1)); negative binomial: MASS's
    /// `loglik`).
    public let logLikelihood: Double
    /// n − p, counting rows with positive prior weight.
    public let residualDegreesOfFreedom: Int
    /// IRLS iterations (for `glm.nb`: of the final inner fit).
    public let iterations: Int
    /// Whether the deviance criterion (and, for `glm.nb`, the outer criterion) was met.
    public let converged: Bool
    /// For an estimated θ: its standard error from ``NegativeBinomialTheta``; nil otherwise.
    public let thetaStandardError: Double?

    /// R's `glm.control()$epsilon`.
    public static let defaultTolerance = 1e-8
    /// R's `glm.control()$maxit`.
    public static let defaultMaxIterations = 25

    private init(family: GLMFamily, coefficients: [Double], standardErrors: [Double], covariance: [Double],
                 fitted: [Double], deviance: Double, logLikelihood: Double, residualDegreesOfFreedom: Int,
                 iterations: Int, converged: Bool, thetaStandardError: Double?) {
        self.family = family
        self.coefficients = coefficients
        self.standardErrors = standardErrors
        self.covariance = covariance
        self.fitted = fitted
        self.deviance = deviance
        self.logLikelihood = logLikelihood
        self.residualDegreesOfFreedom = residualDegreesOfFreedom
        self.iterations = iterations
        self.converged = converged
        self.thetaStandardError = thetaStandardError
    }

    /// Fits a Poisson or known-θ negative-binomial log-link GLM by IRLS.
    ///
    /// - Parameters:
    ///   - x: n × p design, row-major (include a column of ones for an intercept).
    ///   - y: n non-negative counts.
    ///   - offset: n offsets on the log scale (for example log expected counts or log
    ///     population), or nil.
    ///   - weights: n non-negative prior weights, or nil.
    ///   - start: starting linear predictor η (R's `etastart`), or nil for the family's
    ///     starting mean.
    /// - Throws: ``StatsError/negativeNumerator`` for a negative count (R: "negative values not
    ///   allowed"), ``StatsError/mismatchedLengths``, ``LeastSquares/Failure`` for a
    ///   rank-deficient design, and ``StatsError/missingValue(_:)`` when the deviance stays
    ///   non-finite after step-halving.
    public static func fit(x: [Double], rows n: Int, columns p: Int, y: [Double], offset: [Double]? = nil,
                           weights: [Double]? = nil, family: GLMFamily = .poisson, start: [Double]? = nil,
                           tolerance: Double = defaultTolerance,
                           maxIterations: Int = defaultMaxIterations) throws -> GeneralizedLinearModel {
        guard y.count == n, offset.map({ $0.count == n }) ?? true, weights.map({ $0.count == n }) ?? true,
              start.map({ $0.count == n }) ?? true, x.count == n * p else { throw StatsError.mismatchedLengths }
        for v in y where !(v >= 0) { throw StatsError.negativeNumerator }
        if case .negativeBinomial(let theta) = family, !(theta > 0) { throw StatsError.missingValue("theta") }

        var eta = [Double](repeating: 0, count: n)
        var mu = [Double](repeating: 0, count: n)
        for i in 0..<n {
            if let s = start { eta[i] = s[i]; mu[i] = exp(s[i]) } else { mu[i] = family.startingMean(y[i]); eta[i] = log(mu[i]) }
        }
        var devOld = deviance(y: y, mu: mu, weights: weights, family: family)
        var z = [Double](repeating: 0, count: n)
        var w = [Double](repeating: 0, count: n)
        var coefOld: [Double]? = nil
        var last: WeightedQR? = nil
        var converged = false
        var iterations = 0
        var dev = devOld
        for iter in 1...max(1, maxIterations) {
            iterations = iter
            for i in 0..<n {
                let o = offset?[i] ?? 0
                z[i] = eta[i] - o + (y[i] - mu[i]) / mu[i]
                w[i] = (weights?[i] ?? 1) * family.workingWeight(mu[i])
            }
            let qr = try WeightedQR.solve(x: x, rows: n, columns: p, y: z, weights: w)
            var beta = qr.coefficients
            linearPredictor(x: x, rows: n, columns: p, beta: beta, offset: offset, eta: &eta, mu: &mu)
            dev = deviance(y: y, mu: mu, weights: weights, family: family)
            var halvings = 0
            while !dev.isFinite {
                guard let old = coefOld, halvings < maxIterations else { throw StatsError.missingValue("deviance") }
                halvings += 1
                for j in 0..<p { beta[j] = (beta[j] + old[j]) / 2 }
                linearPredictor(x: x, rows: n, columns: p, beta: beta, offset: offset, eta: &eta, mu: &mu)
                dev = deviance(y: y, mu: mu, weights: weights, family: family)
            }
            last = WeightedQR(coefficients: beta, qr: qr)
            if abs(dev - devOld) / (abs(dev) + 0.1) < tolerance { converged = true; break }
            devOld = dev
            coefOld = beta
        }
        let final = last!
        let ll = logLikelihood(y: y, mu: mu, weights: weights, family: family)
        return GeneralizedLinearModel(
            family: family, coefficients: final.coefficients,
            standardErrors: (0..<p).map { final.unscaledCovariance[$0 * p + $0].squareRoot() },
            covariance: final.unscaledCovariance, fitted: mu, deviance: dev, logLikelihood: ll,
            residualDegreesOfFreedom: final.positiveWeightRows - p, iterations: iterations,
            converged: converged, thetaStandardError: nil)
    }

    /// Fits a negative-binomial log-link GLM with θ estimated by maximum likelihood, as
    /// MASS's `glm.nb`: a Poisson fit, then alternately θ by ``NegativeBinomialTheta`` (from
    /// the previous means, as MASS does) and an IRLS fit at that θ started from the previous
    /// η, until |L₀ − L|/d₁ + |Δθ|/d₂ ≤ `tolerance`, where L is the log-likelihood,
    /// d₁ = √(2 max(1, n − p)) and d₂ = 1, or `maxIterations` outer steps.
    ///
    /// - Throws: as ``fit(x:rows:columns:y:offset:weights:family:start:tolerance:maxIterations:)``.
    public static func fitNegativeBinomial(x: [Double], rows n: Int, columns p: Int, y: [Double],
                                           offset: [Double]? = nil, weights: [Double]? = nil,
                                           tolerance: Double = defaultTolerance,
                                           maxIterations: Int = defaultMaxIterations) throws -> GeneralizedLinearModel {
        var model = try fit(x: x, rows: n, columns: p, y: y, offset: offset, weights: weights, family: .poisson,
                            tolerance: tolerance, maxIterations: maxIterations)
        var mu = model.fitted
        var th = try NegativeBinomialTheta(y: y, mu: mu, weights: weights, limit: maxIterations)
        let d1 = (2 * Double(max(1, model.residualDegreesOfFreedom))).squareRoot()
        let d2 = 1.0
        var del = 1.0
        var lm = NegativeBinomialTheta.logLikelihood(y: y, mu: mu, theta: th.theta, weights: weights)
        var lm0 = lm + 2 * d1
        var outer = 0
        while true {
            outer += 1
            guard outer <= maxIterations, abs(lm0 - lm) / d1 + abs(del) / d2 > tolerance else { break }
            let eta = mu.map { log($0) }
            model = try fit(x: x, rows: n, columns: p, y: y, offset: offset, weights: weights,
                            family: .negativeBinomial(theta: th.theta), start: eta,
                            tolerance: tolerance, maxIterations: maxIterations)
            let t0 = th.theta
            th = try NegativeBinomialTheta(y: y, mu: mu, weights: weights, limit: maxIterations)
            mu = model.fitted
            del = t0 - th.theta
            lm0 = lm
            lm = NegativeBinomialTheta.logLikelihood(y: y, mu: mu, theta: th.theta, weights: weights)
        }
        let outerConverged = outer <= maxIterations
        return GeneralizedLinearModel(
            family: .negativeBinomial(theta: th.theta), coefficients: model.coefficients,
            standardErrors: model.standardErrors, covariance: model.covariance, fitted: model.fitted,
            deviance: model.deviance, logLikelihood: lm,
            residualDegreesOfFreedom: model.residualDegreesOfFreedom, iterations: model.iterations,
            converged: model.converged && outerConverged && th.converged, thetaStandardError: th.standardError)
    }

    /// η = Xβ + offset and μ = exp(η), in place.
    private static func linearPredictor(x: [Double], rows n: Int, columns p: Int, beta: [Double],
                                        offset: [Double]?, eta: inout [Double], mu: inout [Double]) {
        x.withUnsafeBufferPointer { xp in
            for i in 0..<n {
                var s = offset?[i] ?? 0
                let row = i * p
                for j in 0..<p { s += xp[row + j] * beta[j] }
                eta[i] = s
                mu[i] = exp(s)
            }
        }
    }

    /// Σ priorᵢ · unit deviance.
    private static func deviance(y: [Double], mu: [Double], weights: [Double]?, family: GLMFamily) -> Double {
        var d = 0.0
        for i in 0..<y.count { d += (weights?[i] ?? 1) * family.unitDeviance(y: y[i], mu: mu[i]) }
        return d
    }

    /// The family's log-likelihood at μ.
    private static func logLikelihood(y: [Double], mu: [Double], weights: [Double]?, family: GLMFamily) -> Double {
        switch family {
        case .poisson:
            var total = 0.0
            for i in 0..<y.count {
                let t = y[i] > 0 ? y[i] * log(mu[i]) : 0
                total += (weights?[i] ?? 1) * (t - mu[i] - lgammafn(y[i] + 1))
            }
            return total
        case .negativeBinomial(let theta):
            return NegativeBinomialTheta.logLikelihood(y: y, mu: mu, theta: theta, weights: weights)
        }
    }
}
