import RxStats

/// Quintile classes for Atlas-style shading and maps: the breaks are the 20th, 40th, 60th and
/// 80th percentiles of the values (``RxStats/PercentileCont``, R type 7, as the Atlas summary's
/// `q20`…`q80`), and a value's class is the number of breaks it lies strictly above, 0 to 4. A
/// value equal to a break falls in the lower class, so classes are (−∞, q20], (q20, q40], …,
/// (q80, ∞).
public struct QuintileClasses: Sendable, Equatable {
    /// The four breaks, ascending.
    public var breaks: [Double]

    /// Classes with explicit breaks (four, ascending).
    public init(breaks: [Double]) {
        precondition(breaks.count == 4, "quintile classes need four breaks")
        self.breaks = breaks
    }

    /// Below this many units, fifths are not meaningful (four units leave a class empty): ranked
    /// charts draw plain ranks, and Atlas maps are not drawn.
    public static let minimumUnits = 10

    /// Classes from the values themselves (NaN values ignored); nil when no value is finite.
    public init?(values: [Double]) {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return nil }
        breaks = PercentileCont.percentiles(finite, at: [0.2, 0.4, 0.6, 0.8])
    }

    /// The class of `value`, 0 (lowest fifth) to 4 (highest); nil for NaN.
    public func classify(_ value: Double) -> Int? {
        guard !value.isNaN else { return nil }
        return breaks.filter { value > $0 }.count
    }

    /// The classes holding at least one of `values`, ascending: a legend lists only these, so
    /// it never shows an empty class (ties at a break can empty one).
    public func occupied(_ values: [Double]) -> [Int] {
        Set(values.compactMap(classify)).sorted()
    }

    /// The legend text of class `k`: "≤ q20", "q20 – q40", …, "> q80".
    public func label(_ k: Int, decimals: Int = 2) -> String {
        let f = { ChartFormat.number($0, decimals: decimals) }
        switch k {
        case 0: return "≤ \(f(breaks[0]))"
        case 4: return "> \(f(breaks[3]))"
        default: return "\(f(breaks[k - 1])) – \(f(breaks[k]))"
        }
    }
}
