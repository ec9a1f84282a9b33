/// A quantity summed per (month, practice, presentation) by ingest.
///
/// "Quantity" is always the total quantity dispensed: EPD's `TOTAL_QUANTITY`, PDPI's `QUANTITY`
/// and PHS's `PaidQuantity`, as OpenPrescribing uses it. Scotland publishes gross ingredient cost,
/// which RxAtlas keeps in the `nic` column and marks in the snapshot's source notes.
public enum Measure: Int, CaseIterable, Sendable, Codable, CustomStringConvertible {
    /// Prescription items (an integer count).
    case items = 0
    /// Total quantity dispensed.
    case quantity = 1
    /// Net ingredient cost in pounds (gross ingredient cost for Scotland).
    case nic = 2
    /// Actual cost in pounds.
    case actualCost = 3
    /// Average daily quantity usage.
    case adq = 4

    /// The column name used in outputs and JSON.
    public var description: String {
        switch self {
        case .items: "items"
        case .quantity: "quantity"
        case .nic: "nic"
        case .actualCost: "actual_cost"
        case .adq: "adq"
        }
    }

    /// The fixed-point scale of the stored integer: items are whole numbers, every other measure
    /// is held exactly in units of 10⁻⁵ (see ``FixedPoint``).
    public var scale: Int64 { self == .items ? 1 : FixedPoint.scale }

    /// Converts a stored integer to its value as a `Double`.
    @inline(__always)
    public func value(_ stored: Int64) -> Double {
        self == .items ? Double(stored) : FixedPoint.double(stored)
    }
}

/// A set of measures, e.g. the ones a source file actually publishes.
public struct MeasureSet: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The set holding one measure.
    public init(_ m: Measure) { rawValue = 1 << UInt8(m.rawValue) }
    /// Every measure.
    public static let all = MeasureSet(rawValue: 0x1F)
    /// Whether `m` is in the set.
    public func has(_ m: Measure) -> Bool { contains(MeasureSet(m)) }
    /// The measures in the set, in column order.
    public var measures: [Measure] { Measure.allCases.filter { has($0) } }
}

/// Exact decimal arithmetic for prescribing amounts.
///
/// Every non-item measure is parsed from its text into an `Int64` count of 10⁻⁵ units, so sums
/// are exact and reproducible whatever the order of addition. The published files carry at
/// most five decimals (actual cost and ADQ usage); a value with more significant decimals is
/// rounded half-to-even at the fifth and counted in the ingest summary, never silently.
public enum FixedPoint {
    /// Decimal places held.
    public static let decimals = 5
    /// 10^decimals.
    public static let scale: Int64 = 100_000

    /// The `Double` nearest a stored value.
    @inline(__always)
    public static func double(_ stored: Int64) -> Double { Double(stored) / Double(scale) }

    /// The stored value of a `Double`, rounded to the nearest 10⁻⁵ (for generated data and tests).
    public static func stored(_ value: Double) -> Int64 { Int64((value * Double(scale)).rounded()) }

    /// The decimal places a stored value needs to be written exactly (0 for a whole number).
    public static func decimalsNeeded(_ stored: Int64) -> Int {
        var frac = stored.magnitude % UInt64(scale)
        guard frac != 0 else { return 0 }
        var digits = decimals
        while frac % 10 == 0 { frac /= 10; digits -= 1 }
        return digits
    }

    /// Decimal text of a stored value with exactly `places` decimals (0…5), rounded half away
    /// from zero on the exact integer (`text(1_234_567, places: 2)` is `12.35`): money in
    /// pounds and pence, or a column written at one precision.
    public static func text(_ stored: Int64, places: Int) -> String {
        let places = min(max(places, 0), decimals)
        var unit: UInt64 = 1
        for _ in 0..<(decimals - places) { unit *= 10 }
        let neg = stored < 0
        let rounded = (stored.magnitude + unit / 2) / unit
        var perWhole: UInt64 = 1
        for _ in 0..<places { perWhole *= 10 }
        let whole = rounded / perWhole, frac = rounded % perWhole
        var s = (neg && rounded != 0 ? "-" : "") + String(whole)
        if places > 0 {
            let f = String(frac)
            s += "." + String(repeating: "0", count: places - f.count) + f
        }
        return s
    }

    /// Exact decimal text of a stored value, trailing zeros trimmed (`12.5`, `-0.00001`, `3`).
    public static func text(_ stored: Int64) -> String {
        let neg = stored < 0
        let mag = stored.magnitude
        let whole = mag / UInt64(scale)
        var frac = mag % UInt64(scale)
        var s = (neg ? "-" : "") + String(whole)
        if frac != 0 {
            var digits = decimals
            while frac % 10 == 0 { frac /= 10; digits -= 1 }
            let f = String(frac)
            s += "." + String(repeating: "0", count: digits - f.count) + f
        }
        return s
    }
}
