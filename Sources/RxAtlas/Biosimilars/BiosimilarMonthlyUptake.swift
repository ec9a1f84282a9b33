import RxData

/// One organisation's quantities and uptake for one molecule in one month.
public struct BiosimilarMonthlyUptake: Sendable, Equatable {
    /// The molecule.
    public var molecule: String
    /// The level and organisation.
    public var level: OrgLevel
    public var orgCode: String, orgName: String?
    /// The month.
    public var month: YearMonth
    /// Quantities in the groups' common units: originator, biosimilar, generic-level.
    public var originatorQuantity: Double, biosimilarQuantity: Double, genericQuantity: Double

    /// Biosimilar / (biosimilar + originator); NaN when that is not positive.
    public var uptake: Double {
        BiosimilarSavings.uptake(originator: originatorQuantity, biosimilar: biosimilarQuantity)
    }
}
