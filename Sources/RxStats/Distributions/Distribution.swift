import CRmath

/// Distribution functions from R's standalone maths library (`libRmath`), the routines that
/// PHEindicatormethods and FunnelPlotR themselves call, so results agree with them to the last
/// digits. Arguments follow R: `lower` selects the lower tail (`lower.tail = TRUE`).
public enum Distribution {
    /// The standard normal quantile, R's `qnorm(p)`.
    public static func normalQuantile(_ p: Double, lower: Bool = true) -> Double {
        qnorm5(p, 0, 1, lower ? 1 : 0, 0)
    }

    /// The standard normal distribution function, R's `pnorm(x)`.
    public static func normalCDF(_ x: Double, lower: Bool = true) -> Double {
        pnorm5(x, 0, 1, lower ? 1 : 0, 0)
    }

    /// The chi-square quantile with `df` degrees of freedom, R's `qchisq(p, df)`.
    public static func chiSquareQuantile(_ p: Double, df: Double, lower: Bool = true) -> Double {
        qchisq(p, df, lower ? 1 : 0, 0)
    }

    /// Student's t quantile, R's `qt(p, df)`.
    public static func tQuantile(_ p: Double, df: Double, lower: Bool = true) -> Double {
        qt(p, df, lower ? 1 : 0, 0)
    }

    /// Student's t distribution function, R's `pt(x, df)`.
    public static func tCDF(_ x: Double, df: Double, lower: Bool = true) -> Double {
        pt(x, df, lower ? 1 : 0, 0)
    }

    /// The gamma quantile with shape `a` and scale `scale`, R's `qgamma(p, a, scale = scale)`.
    public static func gammaQuantile(_ p: Double, shape a: Double, scale: Double = 1, lower: Bool = true) -> Double {
        qgamma(p, a, scale, lower ? 1 : 0, 0)
    }

    /// The gamma distribution function, R's `pgamma(x, a, scale = scale)`.
    public static func gammaCDF(_ x: Double, shape a: Double, scale: Double = 1, lower: Bool = true) -> Double {
        pgamma(x, a, scale, lower ? 1 : 0, 0)
    }

    /// The beta quantile, R's `qbeta(p, a, b)`.
    public static func betaQuantile(_ p: Double, _ a: Double, _ b: Double, lower: Bool = true) -> Double {
        qbeta(p, a, b, lower ? 1 : 0, 0)
    }

    /// The binomial distribution function, R's `pbinom(x, n, prob)`.
    public static func binomialCDF(_ x: Double, size n: Double, prob: Double, lower: Bool = true) -> Double {
        pbinom(x, n, prob, lower ? 1 : 0, 0)
    }

    /// The binomial quantile, R's `qbinom(p, n, prob)`.
    public static func binomialQuantile(_ p: Double, size n: Double, prob: Double, lower: Bool = true) -> Double {
        qbinom(p, n, prob, lower ? 1 : 0, 0)
    }

    /// The Poisson distribution function, R's `ppois(x, lambda)`.
    public static func poissonCDF(_ x: Double, lambda: Double, lower: Bool = true) -> Double {
        ppois(x, lambda, lower ? 1 : 0, 0)
    }

    /// The Poisson quantile, R's `qpois(p, lambda)`.
    public static func poissonQuantile(_ p: Double, lambda: Double, lower: Bool = true) -> Double {
        qpois(p, lambda, lower ? 1 : 0, 0)
    }
}
