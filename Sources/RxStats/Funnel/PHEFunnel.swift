/// PHE (OHID/UKHSA) funnel plot control limits and significance, following
/// PHEindicatormethods v2.1.0 (`R/Funnels.R`: `calculate_funnel_limits`,
/// `assign_funnel_significance`; `R/utils.R`: `poisson_funnel`, `funnel_ratio_significance`)
/// and the Fingertips technical guidance
/// (https://fingertips.phe.org.uk/profile/guidance/supporting-information/PH-methods).
///
/// - Proportions: the closed-form inversion of the Wilson score interval around the pooled
///   average (``proportionLimit(probability:population:average:side:multiplier:)``).
/// - Ratios and rates: exact Poisson limits (``poissonFunnel(observed:probability:side:method:)``).
/// - Limits at 95% (probabilities 0.025/0.975) and 99.8% (0.001/0.999).
///
/// The curve builders (100 plotting points, as the package) are in `PHEFunnel+Curves.swift`,
/// the significance labels in `PHEFunnel+Significance.swift`, and limits at any list of
/// denominators in `PHEFunnel+Denominators.swift`.
public enum PHEFunnel {
    /// The one-sided probabilities of the 95% limits (2 sigma).
    public static let probability95 = 0.975
    /// The one-sided probabilities of the 99.8% limits (3 sigma).
    public static let probability998 = 0.999

    /// One proportion funnel limit: PHEindicatormethods' `sigma_adjustment` (R/Funnels.R),
    /// the value of a proportion at `population` whose Wilson score interval at the one-sided
    /// probability `p` just reaches `average`.
    ///
    /// With z = qnorm(p), A = average and n = population:
    /// `first = A (n/z² + 1)`,
    /// `adj = sqrt((−8 A (n/z² + 1))² − 64 (1/z² + 1/n) A (n (A (n/z² + 2) − 1) + z² (A − 1)))`,
    /// `last = 1/z² + 1/n`, and the limit is `(first ∓ adj/8) / last / n × multiplier`
    /// (− for the lower side). No clamping is applied here; see
    /// ``proportionLimits(population:average:multiplier:)``.
    @inlinable
    public static func proportionLimit(probability p: Double, population n: Double, average a: Double,
                                       side: FunnelSide, multiplier: Double = 100) -> Double {
        let z = Distribution.normalQuantile(p)
        return proportionLimit(z: z, population: n, average: a, side: side, multiplier: multiplier)
    }

    /// ``proportionLimit(probability:population:average:side:multiplier:)`` with the normal
    /// quantile already computed (the batch form).
    @inlinable
    public static func proportionLimit(z: Double, population n: Double, average a: Double,
                                       side: FunnelSide, multiplier: Double) -> Double {
        let z2 = z * z
        let first = a * (n / z2 + 1)
        let t = -8 * a * (n / z2 + 1)
        let adj = (t * t - 64 * (1 / z2 + 1 / n) * a * (n * (a * (n / z2 + 2) - 1) + z2 * (a - 1))).squareRoot()
        let last = 1 / z2 + 1 / n
        let limit = side == .lower ? (first - adj / 8) / last : (first + adj / 8) / last
        return limit / n * multiplier
    }

    /// The four proportion funnel limits at `population`, clamped as
    /// `calculate_funnel_limits(statistic = "proportion")` clamps them: lower limits at
    /// `max(0, ·)` and upper limits at `min(100, ·)`. The package hard-codes 100 whatever the
    /// multiplier, and so does this function.
    @inlinable
    public static func proportionLimits(population n: Double, average a: Double, multiplier: Double = 100) -> FunnelLimits {
        proportionLimits(population: n, average: a, multiplier: multiplier,
                         z95: Distribution.normalQuantile(probability95),
                         z998: Distribution.normalQuantile(probability998))
    }

    /// ``proportionLimits(population:average:multiplier:)`` with the normal quantiles given.
    @inlinable
    public static func proportionLimits(population n: Double, average a: Double, multiplier: Double,
                                        z95: Double, z998: Double) -> FunnelLimits {
        FunnelLimits(
            lower95: max(0, proportionLimit(z: z95, population: n, average: a, side: .lower, multiplier: multiplier)),
            upper95: min(100, proportionLimit(z: z95, population: n, average: a, side: .upper, multiplier: multiplier)),
            lower998: max(0, proportionLimit(z: z998, population: n, average: a, side: .lower, multiplier: multiplier)),
            upper998: min(100, proportionLimit(z: z998, population: n, average: a, side: .upper, multiplier: multiplier)))
    }

    /// The expected count at which `observed` events sit exactly on a Poisson funnel limit:
    /// PHEindicatormethods' `poisson_funnel(obs, p, side)` (R/utils.R).
    ///
    /// - For the lower limit (`side = "high"` in the package) the expected count λ solves
    ///   P(X ≤ obs | λ) = p; the lower limit of the ratio is then obs/λ.
    /// - For the upper limit (`side = "low"`) λ solves P(X ≥ obs | λ) = p; the upper limit
    ///   of the ratio is obs/λ.
    ///
    /// - Parameters:
    ///   - observed: the observed count (a whole number ≥ 0; the upper side needs ≥ 1).
    ///   - probability: the tail probability, 0.025 for 95% limits or 0.001 for 99.8%.
    ///   - side: which limit.
    ///   - method: PHE's bisection (default) or the exact chi-square quantile.
    public static func poissonFunnel(observed obs: Double, probability p: Double, side: FunnelSide,
                                     method: PoissonFunnelMethod = .bisection) -> Double {
        switch method {
        case .chiSquare:
            switch side {
            case .lower: return Distribution.chiSquareQuantile(1 - p, df: 2 * (obs + 1)) / 2
            case .upper: return obs <= 0 ? 0 : Distribution.chiSquareQuantile(p, df: 2 * obs) / 2
            }
        case .bisection:
            if side == .upper && obs <= 0 { return 0 }
            var v = 0.5
            var dv = 0.5
            // poisson_cis(z, x_a, x_b) is the Poisson probability of x_a ≤ X ≤ x_b.
            let atLeast = (obs.rounded(.up)) - 1       // P(X ≥ obs) = P(X > ceil(obs) − 1)
            while dv > 1e-7 {
                dv /= 2
                let lambda = (1 + obs) * v / (1 - v)
                switch side {
                case .upper:
                    if Distribution.poissonCDF(atLeast, lambda: lambda, lower: false) > p { v -= dv } else { v += dv }
                case .lower:
                    if Distribution.poissonCDF(obs, lambda: lambda) < p { v -= dv } else { v += dv }
                }
            }
            return (1 + obs) * v / (1 - v)
        }
    }

    /// The expected counts at which `observed` events sit on each of the four Poisson funnel
    /// limits (PHE's `lower_2s_exp_events`, `upper_2s_exp_events`, `lower_3s_exp_events`,
    /// `upper_3s_exp_events` columns).
    public static func poissonExpectedCounts(observed obs: Double, method: PoissonFunnelMethod = .bisection) -> FunnelLimits {
        FunnelLimits(
            lower95: poissonFunnel(observed: obs, probability: 1 - probability95, side: .lower, method: method),
            upper95: poissonFunnel(observed: obs, probability: 1 - probability95, side: .upper, method: method),
            lower998: poissonFunnel(observed: obs, probability: 1 - probability998, side: .lower, method: method),
            upper998: poissonFunnel(observed: obs, probability: 1 - probability998, side: .upper, method: method))
    }

    /// PHEindicatormethods' `funnel_ratio_significance(obs, expected, p, side)` (R/utils.R):
    /// the confidence limit of the observed count divided by the expected count, used to test
    /// a ratio or rate against its target.
    ///
    /// - Under 10 events, exact: `qchisq(0.5 + p/2, 2·obs, lower.tail = FALSE)/2` for the
    ///   lower side and `qchisq(0.5 + p/2, 2·obs + 2)/2` for the upper side.
    /// - From 10 events, Byar's: `obs (1 − 1/(9 obs) − z/(3√obs))³` for the lower side and
    ///   `(obs+1) (1 − 1/(9(obs+1)) + z/(3√(obs+1)))³` for the upper, z = qnorm(0.5 + p/2).
    /// - No events, lower side: 0.
    ///
    /// - Parameters:
    ///   - observed: the observed count.
    ///   - expected: the expected count (for rates, the derived denominator).
    ///   - confidence: 0.95 or 0.998 (the package's `p`).
    ///   - side: which limit of the observed count.
    @inlinable
    public static func ratioTestStatistic(observed obs: Double, expected: Double, confidence p: Double,
                                          side: FunnelSide) -> Double {
        let z = Distribution.normalQuantile(0.5 + p / 2)
        return ratioTestStatistic(observed: obs, expected: expected, confidence: p, z: z, side: side)
    }

    /// ``ratioTestStatistic(observed:expected:confidence:side:)`` with `z = qnorm(0.5 + p/2)`
    /// given (the batch form).
    @inlinable
    public static func ratioTestStatistic(observed obs: Double, expected: Double, confidence p: Double,
                                          z: Double, side: FunnelSide) -> Double {
        let statistic: Double
        if obs == 0 && side == .lower {
            statistic = 0
        } else if obs < 10 {
            switch side {
            case .lower:
                statistic = Distribution.chiSquareQuantile(0.5 + p / 2, df: 2 * obs, lower: false) / 2
            case .upper:
                statistic = Distribution.chiSquareQuantile(0.5 + p / 2, df: 2 * obs + 2) / 2
            }
        } else {
            switch side {
            case .lower:
                let b = 1 - 1 / (9 * obs) - z / 3 / obs.squareRoot()
                statistic = obs * b * b * b
            case .upper:
                let o = obs + 1
                let b = 1 - 1 / (9 * o) + z / 3 / o.squareRoot()
                statistic = o * b * b * b
            }
        }
        return statistic / expected
    }
}
