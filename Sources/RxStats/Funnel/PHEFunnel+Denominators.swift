/// PHE funnel limits at any list of denominators (for a unit's own denominator, or for a curve
/// at chosen points), rather than at PHE's 100 plotting rows.
extension PHEFunnel {
    /// Proportion limits at each denominator around `average`, clamped as PHE clamps them
    /// (``proportionLimits(population:average:multiplier:)``). One output array, no per-unit
    /// allocation.
    public static func proportionLimits(atDenominators denominators: [Double], average: Double,
                                        multiplier: Double = 100) -> [FunnelLimits] {
        let z95 = Distribution.normalQuantile(probability95)
        let z998 = Distribution.normalQuantile(probability998)
        return denominators.map { proportionLimits(population: $0, average: average, multiplier: multiplier, z95: z95, z998: z998) }
    }

    /// The observed count, read as a continuous quantity, that sits exactly on a Poisson
    /// limit at expected count `expected`: the inverse of
    /// ``poissonFunnel(observed:probability:side:method:)`` with the chi-square method.
    ///
    /// PHE defines its ratio and rate limits at whole numbers of events (the expected count λ
    /// at which O events reach the limit: `qchisq(1 − p, 2(O + 1))/2` for the lower limit,
    /// `qchisq(p, 2O)/2` for the upper). Writing those as gamma quantiles,
    /// λ = qgamma(1 − p, O + 1) and λ = qgamma(p, O), extends them to any O ≥ 0; this function
    /// solves them for O given λ, i.e. `pgamma(λ, O + 1) = 1 − p` (lower) or
    /// `pgamma(λ, O) = p` (upper), by Brent's method to 1e-13 relative. At PHE's rows it
    /// returns PHE's own event counts. Below λ = −log p there is no lower limit and 0 is
    /// returned.
    public static func observedOnLimit(expected lambda: Double, probability p: Double, side: FunnelSide) -> Double {
        guard lambda > 0 else { return 0 }
        let shift = side == .lower ? 1.0 : 0.0
        let target = side == .lower ? 1 - p : p
        let g = { (o: Double) -> Double in Distribution.gammaCDF(lambda, shape: o + shift) - target }
        if side == .lower && g(0) <= 0 { return 0 }
        let z = Distribution.normalQuantile(1 - p)
        let spread = (z + 3) * lambda.squareRoot() + 10
        var lo = max(0, lambda - spread)
        if g(lo) <= 0 { lo = 0 }
        var hi = lambda + spread
        while g(hi) > 0 { hi *= 2 }
        return brent(g, lo, hi)
    }

    /// Brent's root finder on a bracket where `f(a) > 0 ≥ f(b)` (or the reverse).
    static func brent(_ f: (Double) -> Double, _ a0: Double, _ b0: Double) -> Double {
        var a = a0, b = b0
        var fa = f(a), fb = f(b)
        if fa == 0 { return a }
        if fb == 0 { return b }
        var c = a, fc = fa
        var d = b - a, e = d
        for _ in 0..<200 {
            if (fb > 0) == (fc > 0) { c = a; fc = fa; d = b - a; e = d }
            if abs(fc) < abs(fb) { a = b; b = c; c = a; fa = fb; fb = fc; fc = fa }
            let tol = 2 * Double.ulpOfOne * abs(b) + 0.5e-13 * max(1, abs(b))
            let m = 0.5 * (c - b)
            if abs(m) <= tol || fb == 0 { return b }
            if abs(e) >= tol && abs(fa) > abs(fb) {
                let s = fb / fa
                var p: Double, q: Double
                if a == c {
                    p = 2 * m * s; q = 1 - s
                } else {
                    let qq = fa / fc, r = fb / fc
                    p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1))
                    q = (qq - 1) * (r - 1) * (s - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if 2 * p < min(3 * m * q - abs(tol * q), abs(e * q)) { e = d; d = p / q } else { d = m; e = m }
            } else {
                d = m; e = m
            }
            a = b; fa = fb
            b += abs(d) > tol ? d : (m > 0 ? tol : -tol)
            fb = f(b)
        }
        return b
    }

    /// The observed/expected ratio limits at expected count `expected`, on the ratio type's
    /// scale: each limit is O/E with O from ``observedOnLimit(expected:probability:side:)``.
    /// These pass through every row of `calculate_funnel_limits(statistic = "ratio")` (chi-square
    /// method) and are smooth between them.
    public static func ratioLimits(expected e: Double, ratioType: PHERatioType) -> FunnelLimits {
        let p95 = 1 - probability95, p998 = 1 - probability998
        return FunnelLimits(
            lower95: ratioType.express(observedOnLimit(expected: e, probability: p95, side: .lower) / e),
            upper95: ratioType.express(observedOnLimit(expected: e, probability: p95, side: .upper) / e),
            lower998: ratioType.express(observedOnLimit(expected: e, probability: p998, side: .lower) / e),
            upper998: ratioType.express(observedOnLimit(expected: e, probability: p998, side: .upper) / e))
    }

    /// ``ratioLimits(expected:ratioType:)`` at each expected count.
    public static func ratioLimits(atExpected expected: [Double], ratioType: PHERatioType) -> [FunnelLimits] {
        expected.map { ratioLimits(expected: $0, ratioType: ratioType) }
    }

    /// Rate limits at a (total, all-years) denominator `n` around `average` events per unit of
    /// denominator: the expected count is `average × n` and each limit is
    /// `O / n × multiplier` with O from ``observedOnLimit(expected:probability:side:)``. These
    /// pass through every row of `calculate_funnel_limits(statistic = "rate")` (chi-square
    /// method), whose population per year is `n / years_of_data`.
    public static func rateLimits(denominator n: Double, average: Double, multiplier: Double) -> FunnelLimits {
        let e = average * n
        let p95 = 1 - probability95, p998 = 1 - probability998
        return FunnelLimits(
            lower95: observedOnLimit(expected: e, probability: p95, side: .lower) / n * multiplier,
            upper95: observedOnLimit(expected: e, probability: p95, side: .upper) / n * multiplier,
            lower998: observedOnLimit(expected: e, probability: p998, side: .lower) / n * multiplier,
            upper998: observedOnLimit(expected: e, probability: p998, side: .upper) / n * multiplier)
    }

    /// ``rateLimits(denominator:average:multiplier:)`` at each denominator.
    public static func rateLimits(atDenominators denominators: [Double], average: Double, multiplier: Double) -> [FunnelLimits] {
        denominators.map { rateLimits(denominator: $0, average: average, multiplier: multiplier) }
    }
}
