import RxData

/// How the catalogue classifies one presentation (``BiosimilarCatalogue/classify(_:)``).
public struct BiosimilarPresentationClass: Sendable, Equatable {
    /// The presentation.
    public var code: BNFCode
    /// The molecule's index in ``BiosimilarCatalogue/molecules``.
    public var molecule: Int
    /// The role (``BiosimilarRole/unclassified`` when no row gives one).
    public var role: BiosimilarRole
    /// The product code (characters 10–11).
    public var product: String
    /// The generic-equivalent strength/form (characters 14–15).
    public var equivalent: String
    /// The brand of the row that gave the role.
    public var brand: String
    /// The equivalence group (a named group, or `chemical equivalent`); nil when excluded or
    /// unclassified.
    public var group: String?
    /// The group's common unit (`quantity` for a default group).
    public var unit: String
    /// Common units per unit of quantity dispensed.
    public var factor: Double
    /// The catalogue line of the row that gave the role.
    public var line: Int?
}
