/// One row of `Sources/RxReference/reference/ics/ics_high_dose_thresholds.csv`: an OpenPrescribing
/// per-actuation high-dose threshold. `*` in particle, combination or device matches anything;
/// the first matching row (file order) applies, so specific rows come first.
public struct ICSHighDoseThreshold: Sendable, Equatable {
    /// The corticosteroid.
    public var ics: String
    /// `standard`, `extrafine` or `*`.
    public var particle: String
    /// `none`, `laba`, `laba_lama` or `*`.
    public var combination: String
    /// `pMDI`, `DPI` or `*`.
    public var device: String
    /// Whether the threshold itself is high (`>=`) or only above it (`>`).
    public var inclusive: Bool
    /// Micrograms per actuation.
    public var mcgPerActuation: Double
    /// Where the row comes from.
    public var source: String

    /// Whether the row applies to a rule.
    public func applies(to r: ICSDoseRule) -> Bool {
        ics == r.ics && (particle == "*" || particle == r.particle) && (combination == "*" || combination == r.combination)
            && (device == "*" || device == r.device.rawValue)
    }

    /// Whether `mcg` per actuation is high dose.
    public func isHigh(_ mcg: Double) -> Bool { inclusive ? mcg >= mcgPerActuation : mcg > mcgPerActuation }

    /// `>= 250` or `> 400`.
    public var comparisonText: String { "\(inclusive ? ">=" : ">") \(ICSNumber.text(mcgPerActuation))" }
}

/// Number formatting for rule descriptions.
enum ICSNumber {
    static func text(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(v)
    }
}
