import RxData

/// How one ICS presentation classifies under both rules, and which rule placed it.
public struct ICSClassification: Sendable, Equatable {
    /// The presentation.
    public var code: BNFCode
    /// Its name, when the store knows it.
    public var name: String?
    /// The dose rule that matched, nil when none did (the presentation is unclassified).
    public var rule: ICSDoseRule?
    /// How the rule was found: `generic equivalent …` or `product …`, plus the device when the
    /// name chose between devices.
    public var matchedBy: String
    /// BTS/NICE/SIGN 2024 class at standard dosing (nil when unclassified or no band).
    public var nice2024: ICSDoseClass?
    /// The band arithmetic, e.g. `budesonide 400 mcg x 2/day = 800 mcg/day, > 400 and <= 800: medium`.
    public var nice2024Rule: String
    /// OpenPrescribing's per-actuation rule: `.high`, `.low` (not high dose) or `.excluded`; nil
    /// when unclassified.
    public var openPrescribing: ICSDoseClass?
    /// The threshold applied, e.g. `budesonide 400 mcg per actuation >= 320: high`.
    public var openPrescribingRule: String
    /// Why the presentation could not be classified (empty when it was).
    public var unclassifiedReason: String

    /// Whether both rules placed it.
    public var isClassified: Bool { nice2024 != nil && openPrescribing != nil }
    /// Whether it is an inhaler (not a nebuliser): inside the ICS inhaler measures. Unclassified
    /// presentations count as inhalers (the denominator keeps every ICS item that is not known
    /// to be a nebuliser).
    public var isInhaler: Bool { rule?.device != .nebuliser }
}
