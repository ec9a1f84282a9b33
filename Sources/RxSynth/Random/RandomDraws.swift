import Foundation

/// The distributions the generator draws from, on any random number generator.
extension RandomNumberGenerator {
    /// A uniform double in [0, 1), from the top 53 bits.
    @inline(__always)
    public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// A standard normal deviate (Box–Muller; one of the pair is discarded to keep the
    /// generator's stream position independent of caching).
    public mutating func standardNormal() -> Double {
        let u1 = max(uniform(), 0x1.0p-60)
        let u2 = uniform()
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }

    /// A gamma deviate with the given shape and scale (Marsaglia & Tsang 2000; shapes below one
    /// use the boost `Gamma(a+1) * U^(1/a)`).
    public mutating func gamma(shape: Double, scale: Double = 1) -> Double {
        precondition(shape > 0 && scale > 0)
        if shape < 1 {
            return gamma(shape: shape + 1, scale: scale) * pow(max(uniform(), 0x1.0p-60), 1 / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = standardNormal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if u < 1 - 0.0331 * x * x * x * x { return d * v * scale }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v * scale }
        }
    }

    /// A gamma deviate with mean one and coefficient of variation `1/sqrt(shape)`: the
    /// practice-level random effect that gives counts their overdispersion.
    public mutating func meanOneGamma(shape: Double) -> Double { gamma(shape: shape, scale: 1 / shape) }

    /// A beta deviate, as the ratio of two gammas.
    public mutating func beta(_ a: Double, _ b: Double) -> Double {
        let x = gamma(shape: a), y = gamma(shape: b)
        return x / (x + y)
    }

    /// A Poisson deviate: multiplication of uniforms (Knuth) for small means, the rounded normal
    /// approximation with continuity correction above 30.
    @inline(__always)
    public mutating func poisson(mean: Double) -> Int {
        if mean <= 0 { return 0 }
        if mean < 30 {
            let limit = exp(-mean)
            var k = 0
            var p = uniform()
            while p > limit {
                k += 1
                p *= uniform()
            }
            return k
        }
        let x = mean + mean.squareRoot() * standardNormal() + 0.5
        return x < 0 ? 0 : Int(x)
    }
}
