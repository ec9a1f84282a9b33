/// What a catalogue presentation is, as far as the generator's random effects and planted
/// outliers are concerned.
public enum PresentationCategory: String, Sendable, CaseIterable {
    /// Everything not listed below (statins, PPIs, antihypertensives, antidepressants…).
    case general
    /// Inhaled corticosteroid at or above OpenPrescribing's 2024 per-actuation high-dose threshold.
    case icsHigh = "ics_high"
    /// Inhaled corticosteroid, NICE 2024 medium dose band (below the high-dose threshold).
    case icsMedium = "ics_medium"
    /// Inhaled corticosteroid, NICE 2024 low dose band.
    case icsLow = "ics_low"
    /// Inhaled corticosteroid nebuliser solution (outside the high-dose ICS denominator).
    case icsNebuliser = "ics_nebuliser"
    /// Short-acting beta-2 agonist inhaler (salbutamol, terbutaline).
    case saba
    /// Oral prednisolone (tablets and oral liquids).
    case oralPrednisolone = "oral_prednisolone"
    /// A biologic (including insulin analogues and enoxaparin) prescribed by its originator brand.
    case biologicOriginator = "biologic_originator"
    /// A biologic prescribed by a biosimilar brand.
    case biologicBiosimilar = "biologic_biosimilar"
    /// A biologic prescribed generically (VMP level, product code `AA`).
    case biologicGeneric = "biologic_generic"
    /// A biologic brand with no biosimilar relation (another strength or indication).
    case biologicOther = "biologic_other"

    /// True for the inhaled corticosteroid categories.
    public var isInhaledCorticosteroid: Bool {
        switch self {
        case .icsHigh, .icsMedium, .icsLow, .icsNebuliser: return true
        default: return false
        }
    }

    /// True for the biologic categories.
    public var isBiologic: Bool {
        switch self {
        case .biologicOriginator, .biologicBiosimilar, .biologicGeneric, .biologicOther: return true
        default: return false
        }
    }
}
