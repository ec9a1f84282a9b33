import RxData

/// One row of `Sources/RxReference/reference/ics/ics_dose_rules.csv`: what an ICS presentation family
/// delivers per actuation and how many actuations a day its licensed standard adult dosing uses.
///
/// A rule is keyed on the BNF chemical (chars 1–9), the generic-equivalent strength (chars
/// 14–15) and the device, so that a brand never seen before classifies with its generic. A
/// product-level rule (``product`` and ``formStrength`` set, chars 10–13) covers a brand that
/// differs from the other presentations sharing its generic equivalent (Qvar is extrafine, the
/// generic and Clenil are not) or that has no generic (`A0`).
public struct ICSDoseRule: Sendable, Equatable {
    /// BNF chemical code (9 characters).
    public var chemical: String
    /// Product code (chars 10–11) for a product-level rule, else nil.
    public var product: String?
    /// Form/strength (chars 12–13) for a product-level rule, else nil.
    public var formStrength: String?
    /// Generic-equivalent strength (chars 14–15).
    public var genericEquivalent: String
    /// The device.
    public var device: ICSDevice
    /// The corticosteroid (`beclometasone`, `budesonide`, `ciclesonide`, `fluticasone_furoate`,
    /// `fluticasone_propionate`, `mometasone`).
    public var ics: String
    /// `standard` or `extrafine` for beclometasone, empty otherwise.
    public var particle: String
    /// `none`, `laba` (ICS/LABA) or `laba_lama` (ICS/LABA/LAMA): combinations classify by their
    /// ICS component.
    public var combination: String
    /// Metered ICS micrograms per actuation (nil for a nebuliser).
    public var mcgPerActuation: Double?
    /// Actuations a day at the licensed standard adult maintenance dosing (nil for a nebuliser).
    public var actuationsPerDay: Double?
    /// A presentation it covers.
    public var example: String
    /// Where the row comes from.
    public var source: String
    /// The line of the rules file.
    public var line: Int

    /// The daily ICS dose at standard dosing, micrograms.
    public var dailyMcg: Double? {
        guard let m = mcgPerActuation, let a = actuationsPerDay else { return nil }
        return m * a
    }

    /// Whether this product-level rule covers `code` (chars 1–13 match).
    func coversProduct(_ code: String) -> Bool {
        guard let product, let formStrength, code.count == 15 else { return false }
        return code.hasPrefix(chemical + product + formStrength)
    }

    /// A short key for messages: `0302000C0 %BF pMDI` or `0302000C0 BJAB.. pMDI`.
    public var key: String {
        if let product, let formStrength { return "\(chemical)\(product)\(formStrength)\(genericEquivalent) \(device.rawValue)" }
        return "\(chemical)%\(genericEquivalent) \(device.rawValue)"
    }
}
