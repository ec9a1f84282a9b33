import Foundation

/// Maps a data interval onto a pixel interval linearly (the pixel interval may run backwards, as
/// a y axis does).
public struct LinearScale: Sendable, Equatable {
    /// The data interval's ends.
    public var domain: (lower: Double, upper: Double)
    /// The pixel interval's ends (`lower` maps to `range.from`).
    public var range: (from: Double, to: Double)

    /// Creates a scale; a zero-width domain is widened by one unit each side so that it maps.
    public init(domain lower: Double, _ upper: Double, range from: Double, _ to: Double) {
        if lower == upper {
            domain = (lower - 1, upper + 1)
        } else {
            domain = (Swift.min(lower, upper), Swift.max(lower, upper))
        }
        range = (from, to)
    }

    /// The pixel position of `v`.
    public func callAsFunction(_ v: Double) -> Double {
        range.from + (v - domain.lower) / (domain.upper - domain.lower) * (range.to - range.from)
    }

    /// "Nice" tick values (1, 2 or 5 × 10ᵏ apart) inside the domain, about `count` of them.
    public func ticks(_ count: Int = 5) -> [Double] {
        Self.niceTicks(domain.lower, domain.upper, count: count)
    }

    /// The domain widened outward to the nearest nice tick step at each end.
    public static func niceDomain(_ lower: Double, _ upper: Double, count: Int = 5) -> (Double, Double) {
        guard lower.isFinite, upper.isFinite else { return (0, 1) }
        if lower == upper { return lower == 0 ? (0, 1) : (Swift.min(0, lower), Swift.max(0, upper)) }
        let step = niceStep((upper - lower) / Double(Swift.max(1, count)))
        return ((lower / step).rounded(.down) * step, (upper / step).rounded(.up) * step)
    }

    /// The nice step (1, 2 or 5 × 10ᵏ) nearest above `raw`.
    public static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let power = pow(10, (log10(raw)).rounded(.down))
        let f = raw / power
        let nice: Double = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10
        return nice * power
    }

    /// Nice tick values from `lower` to `upper`.
    public static func niceTicks(_ lower: Double, _ upper: Double, count: Int = 5) -> [Double] {
        guard lower.isFinite, upper.isFinite, upper > lower else { return lower.isFinite ? [lower] : [] }
        let step = niceStep((upper - lower) / Double(Swift.max(1, count)))
        var t = (lower / step).rounded(.up) * step
        var out: [Double] = []
        while t <= upper + step * 1e-9 {
            out.append(abs(t) < step * 1e-9 ? 0 : t)
            t += step
        }
        return out
    }

    /// Equality of domain and range.
    public static func == (a: LinearScale, b: LinearScale) -> Bool {
        a.domain == b.domain && a.range == b.range
    }
}
