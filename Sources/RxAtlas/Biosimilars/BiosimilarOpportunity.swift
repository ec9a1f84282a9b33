import RxData

/// One organisation's position for one molecule over the period (a row of `opportunities.csv`).
///
/// Quantities are in each group's common unit, summed over the molecule's groups; costs on the
/// chosen cost basis. Savings are ≥ 0; above the practice they are sums of the practices'.
public struct BiosimilarOpportunity: Sendable, Equatable {
    /// The molecule.
    public var molecule: String
    /// The level and organisation.
    public var level: OrgLevel
    public var orgCode: String, orgName: String?
    /// Quantities: originator, biosimilar, generic-level.
    public var originatorQuantity: Double, biosimilarQuantity: Double, genericQuantity: Double
    /// Costs: originator, biosimilar, generic-level.
    public var originatorCost: Double, biosimilarCost: Double, genericCost: Double
    /// Savings over the period: full switch, target uptake, price per unit.
    public var fullSwitch: Double, targetUptake: Double, pricePerUnit: Double
    /// Target-uptake savings for every (uptake, discount) of the sensitivity table, uptake-major
    /// (``BiosimilarOptions/sensitivityUptakes`` × ``BiosimilarOptions/sensitivityDiscounts``).
    public var sensitivity: [Double]

    /// Biosimilar / (biosimilar + originator) quantity; NaN when that is not positive.
    public var uptake: Double {
        BiosimilarSavings.uptake(originator: originatorQuantity, biosimilar: biosimilarQuantity)
    }
}
