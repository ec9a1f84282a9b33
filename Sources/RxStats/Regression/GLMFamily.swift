import Foundation

/// The response distribution of a log-link ``GeneralizedLinearModel``.
///
/// Variance functions as R's `poisson()` (V(μ) = μ) and MASS's `negative.binomial(theta)`
/// (V(μ) = μ + μ²/θ; Venables & Ripley, *Modern Applied Statistics with S*, 4th ed., §7.4).
public enum GLMFamily: Sendable, Equatable {
    /// Poisson counts: V(μ) = μ, dispersion fixed at 1.
    case poisson
    /// Negative binomial with a known shape θ (MASS `negative.binomial(theta)`):
    /// V(μ) = μ + μ²/θ, dispersion fixed at 1.
    case negativeBinomial(theta: Double)

    /// The IRLS working weight for the log link, μ²/V(μ) (before prior weights).
    @inline(__always)
    func workingWeight(_ mu: Double) -> Double {
        switch self {
        case .poisson: return mu
        case .negativeBinomial(let theta): return mu / (1 + mu / theta)
        }
    }

    /// One observation's deviance contribution (R `poisson()$dev.resids`, MASS
    /// `negative.binomial()$dev.resids`), before the prior weight.
    @inline(__always)
    func unitDeviance(y: Double, mu: Double) -> Double {
        switch self {
        case .poisson:
            let term = y > 0 ? y * log(y / mu) : 0
            return 2 * (term - (y - mu))
        case .negativeBinomial(let theta):
            return 2 * (y * log(max(1, y) / mu) - (y + theta) * log((y + theta) / (mu + theta)))
        }
    }

    /// The starting mean (R `poisson()$initialize`: y + 0.1; MASS `negative.binomial()`:
    /// y + (y == 0)/6).
    @inline(__always)
    func startingMean(_ y: Double) -> Double {
        switch self {
        case .poisson: return y + 0.1
        case .negativeBinomial: return y == 0 ? 1.0 / 6.0 : y
        }
    }
}
