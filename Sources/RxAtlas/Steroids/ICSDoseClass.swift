/// The dose class of an ICS presentation under one rule.
public enum ICSDoseClass: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Low dose.
    case low
    /// Medium (BTS/NICE/SIGN: "moderate") dose.
    case medium
    /// High dose.
    case high
    /// Not an inhaler (nebuliser solutions): outside the ICS inhaler measures, as in
    /// OpenPrescribing's `icsdose` denominator.
    case excluded
}

/// Which classification rule.
public enum ICSDoseRuleKind: String, Sendable, Equatable, CaseIterable {
    /// The BTS/NICE/SIGN 2024 adult daily-dose bands at the licensed standard dosing.
    case nice2024
    /// OpenPrescribing's `icsdose` per-actuation high-dose thresholds (high or not: `high`/`low`).
    case openPrescribing
}
