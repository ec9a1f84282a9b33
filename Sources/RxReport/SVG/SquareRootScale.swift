import Foundation

/// Maps [0, upper] onto a pixel interval by the square root of the value: for funnel plots whose
/// denominators span several orders of magnitude, so that small units are not squeezed into the
/// corner while the largest still fit. Ticks are nice round values placed at their square roots.
public struct SquareRootScale: Sendable, Equatable {
    /// The data interval's upper end (the lower end is 0).
    public var upper: Double
    /// The pixel interval's ends (0 maps to `range.from`).
    public var range: (from: Double, to: Double)

    /// Creates a scale over [0, upper].
    public init(upper: Double, range from: Double, _ to: Double) {
        self.upper = upper > 0 && upper.isFinite ? upper : 1
        range = (from, to)
    }

    /// The pixel position of `v` (negative values are placed at 0).
    public func callAsFunction(_ v: Double) -> Double {
        range.from + (max(0, v) / upper).squareRoot() * (range.to - range.from)
    }

    /// About `count` ticks, evenly spaced on the square-root axis and each rounded to one or two
    /// significant figures, distinct and ascending, from 0.
    public func ticks(_ count: Int = 6) -> [Double] {
        var out: [Double] = [0]
        for t in LinearScale.niceTicks(0, upper.squareRoot(), count: count) where t > 0 {
            let raw = t * t
            let power = pow(10, log10(raw).rounded(.down))
            let nice = (raw / power * 2).rounded() / 2 * power   // 1, 1.5, 2, 2.5, … × 10ᵏ
            if nice <= upper * (1 + 1e-9), nice > out.last! { out.append(nice) }
        }
        return out
    }

    /// Whether values spread so widely that a linear axis would squeeze most of them into its
    /// first tenth: the median is under a tenth of the largest.
    public static func suits(_ values: [Double]) -> Bool {
        let v = values.filter { $0.isFinite && $0 > 0 }.sorted()
        guard let top = v.last, v.count >= 3 else { return false }
        return v[v.count / 2] < top / 10
    }

    /// Equality of domain and range.
    public static func == (a: SquareRootScale, b: SquareRootScale) -> Bool {
        a.upper == b.upper && a.range == b.range
    }
}
