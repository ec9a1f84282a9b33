/// Spiegelhalter's exact funnel limits for binomial and Poisson data with interpolation
/// (Spiegelhalter 2005, "Funnel plots for comparing institutional performance", Statistics in
/// Medicine 24:1185–1202, appendix A.1.1 and A.1.2).
///
/// For a discrete count the p-quantile r_p is the smallest r with P(R ≤ r) ≥ p. To draw a
/// smooth funnel the appendix interpolates between counts:
/// `α = (P(R ≤ r_p) − p) / (P(R ≤ r_p) − P(R ≤ r_p − 1))` and the limit is `(r_p − α)/n`.
/// The quantiles and distribution functions are R's `qbinom`/`pbinom` and `qpois`/`ppois`.
public enum SpiegelhalterExact {
    /// The binomial limit at probability `p` for a proportion with target θ₀ and denominator n.
    public static func binomialLimit(probability p: Double, target: Double, denominator n: Double) -> Double {
        let r = Distribution.binomialQuantile(p, size: n, prob: target)
        let upper = Distribution.binomialCDF(r, size: n, prob: target)
        let lower = r > 0 ? Distribution.binomialCDF(r - 1, size: n, prob: target) : 0
        let alpha = (upper - p) / (upper - lower)
        return (r - alpha) / n
    }

    /// The Poisson limit at probability `p` for a rate with target θ₀ per unit of denominator
    /// and denominator n (for an SMR, target 1 and n the expected count): with λ = θ₀ n,
    /// r_p = qpois(p, λ) and the limit is `(r_p − α)/n`.
    public static func poissonLimit(probability p: Double, target: Double, denominator n: Double) -> Double {
        let lambda = target * n
        let r = Distribution.poissonQuantile(p, lambda: lambda)
        let upper = Distribution.poissonCDF(r, lambda: lambda)
        let lower = r > 0 ? Distribution.poissonCDF(r - 1, lambda: lambda) : 0
        let alpha = (upper - p) / (upper - lower)
        return (r - alpha) / n
    }

    /// The four binomial limits (probabilities 0.025, 0.975, 0.001, 0.999), times `multiplier`.
    public static func binomialLimits(target: Double, denominator n: Double, multiplier: Double = 1) -> FunnelLimits {
        FunnelLimits(lower95: binomialLimit(probability: 0.025, target: target, denominator: n),
                     upper95: binomialLimit(probability: 0.975, target: target, denominator: n),
                     lower998: binomialLimit(probability: 0.001, target: target, denominator: n),
                     upper998: binomialLimit(probability: 0.999, target: target, denominator: n)).scaled(by: multiplier)
    }

    /// The four Poisson limits (probabilities 0.025, 0.975, 0.001, 0.999), times `multiplier`.
    public static func poissonLimits(target: Double, denominator n: Double, multiplier: Double = 1) -> FunnelLimits {
        FunnelLimits(lower95: poissonLimit(probability: 0.025, target: target, denominator: n),
                     upper95: poissonLimit(probability: 0.975, target: target, denominator: n),
                     lower998: poissonLimit(probability: 0.001, target: target, denominator: n),
                     upper998: poissonLimit(probability: 0.999, target: target, denominator: n)).scaled(by: multiplier)
    }
}
