import CRmath
import Foundation

/// Maximum-likelihood estimation of the negative-binomial shape θ for known means, as
/// MASS's `theta.ml` (Venables & Ripley, *Modern Applied Statistics with S*, 4th ed., §7.4;
/// MASS `R/negbin.R`).
///
/// Newton–Raphson on the score
/// U(θ) = Σ wᵢ [ψ(θ + yᵢ) − ψ(θ) + log θ + 1 − log(θ + μᵢ) − (yᵢ + θ)/(μᵢ + θ)]
/// with expected information
/// I(θ) = Σ wᵢ [−ψ′(θ + yᵢ) + ψ′(θ) − 1/θ + 2/(μᵢ + θ) − (yᵢ + θ)/(μᵢ + θ)²],
/// started at the moment estimate θ₀ = Σwᵢ / Σ wᵢ(yᵢ/μᵢ − 1)², stopping when the Newton step
/// |Δθ| ≤ `tolerance` (MASS: `.Machine$double.eps^0.25`) or after `limit` − 1 steps. The
/// digamma ψ and trigamma ψ′ are R's (`libRmath`).
///
/// With μᵢ = eᵢ (expected counts) this is also the one-parameter Poisson–gamma model of
/// sava's `EBpoisson0` (whose score `.mle_negbin0` is the same function, solved there by
/// `uniroot`): θ is sava's α, and 1/θ the prior variance.
public struct NegativeBinomialTheta: Sendable {
    /// θ̂ (truncated at 0, as MASS does).
    public let theta: Double
    /// 1/√I(θ̂) from the last Newton step (MASS's `attr(, "SE")`).
    public let standardError: Double
    /// Newton iterations taken.
    public let iterations: Int
    /// False when the iteration limit was reached (MASS warns "iteration limit reached") or
    /// the estimate had to be truncated at zero.
    public let converged: Bool

    /// MASS's default step tolerance, `.Machine$double.eps^0.25`.
    public static let defaultTolerance = pow(Double.ulpOfOne, 0.25)

    /// Estimates θ for counts `y` with means `mu` and prior `weights` (nil: all ones).
    ///
    /// - Throws: ``StatsError/mismatchedLengths``, ``StatsError/empty``,
    ///   ``StatsError/negativeNumerator`` for a negative count, and
    ///   ``StatsError/nonPositiveDenominator`` for a mean ≤ 0.
    public init(y: [Double], mu: [Double], weights: [Double]? = nil, limit: Int = 25,
                tolerance: Double = NegativeBinomialTheta.defaultTolerance) throws {
        let n = y.count
        guard n == mu.count, weights.map({ $0.count == n }) ?? true else { throw StatsError.mismatchedLengths }
        guard n > 0 else { throw StatsError.empty }
        var sumW = 0.0, moment = 0.0
        for i in 0..<n {
            guard y[i] >= 0 else { throw StatsError.negativeNumerator }
            guard mu[i] > 0 else { throw StatsError.nonPositiveDenominator }
            let w = weights?[i] ?? 1
            sumW += w
            let r = y[i] / mu[i] - 1
            moment += w * r * r
        }
        var t0 = sumW / moment
        var it = 0
        var del = 1.0
        var info = Double.nan
        while true {
            it += 1
            guard it < limit && abs(del) > tolerance else { break }
            t0 = abs(t0)
            var score = 0.0
            info = 0
            let dgT = digamma(t0), tgT = trigamma(t0), logT = log(t0)
            for i in 0..<n {
                let w = weights?[i] ?? 1
                let yi = y[i], mi = mu[i]
                let mt = mi + t0
                let dg: Double = digamma(t0 + yi) - dgT
                let s: Double = dg + logT + 1 - log(mt) - (yi + t0) / mt
                score += w * s
                let tg: Double = tgT - trigamma(t0 + yi)
                let inf: Double = tg - 1 / t0 + 2 / mt - (yi + t0) / (mt * mt)
                info += w * inf
            }
            del = score / info
            t0 += del
        }
        var ok = it < limit
        if t0 < 0 { t0 = 0; ok = false }
        theta = t0
        standardError = (1 / info).squareRoot()
        iterations = it - 1
        converged = ok
    }

    /// The negative-binomial log-likelihood Σ wᵢ [lnΓ(θ+yᵢ) − lnΓ(θ) − lnΓ(yᵢ+1) + θ log θ +
    /// yᵢ log(μᵢ + [yᵢ = 0]) − (θ + yᵢ) log(θ + μᵢ)] (MASS `glm.nb`'s `loglik`).
    public static func logLikelihood(y: [Double], mu: [Double], theta th: Double, weights: [Double]? = nil) -> Double {
        var total = 0.0
        let lgT = lgammafn(th), tlogt = th * log(th)
        for i in 0..<y.count {
            let w = weights?[i] ?? 1
            let yi = y[i], mi = mu[i]
            let gammas: Double = lgammafn(th + yi) - lgT - lgammafn(yi + 1)
            let zero: Double = yi == 0 ? 1 : 0
            let rest: Double = tlogt + yi * log(mi + zero) - (th + yi) * log(th + mi)
            total += w * (gammas + rest)
        }
        return total
    }
}
