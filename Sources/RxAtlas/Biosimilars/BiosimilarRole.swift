/// What a catalogued product is, relative to its molecule's originator.
public enum BiosimilarRole: String, Sendable, CaseIterable, Codable {
    /// The reference biological medicine (e.g. Humira for adalimumab).
    case originator
    /// A biosimilar of the originator.
    case biosimilar
    /// Generic-level prescribing (product code `AA`): the brand dispensed is not identified.
    case generic
    /// Not a biosimilar of this molecule (e.g. a different concentration sold by the
    /// originator's company); the catalogue gives the reason. Left out of uptake and savings.
    case excluded
    /// A presentation of a catalogued chemical that matches no catalogue row: reported, never
    /// counted in uptake or savings.
    case unclassified
}
