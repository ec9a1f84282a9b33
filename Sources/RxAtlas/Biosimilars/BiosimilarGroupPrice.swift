/// One equivalence group's national figures over the period: quantities and costs by role, the
/// best-value unit cost u_g and the product that sets it, and the price-per-unit target.
public struct BiosimilarGroupPrice: Sendable, Equatable {
    /// The molecule.
    public var molecule: String
    /// The group (a named group, or `chemical equivalent`).
    public var group: String
    /// The group's common unit.
    public var unit: String
    /// National quantities in the common unit: originator, biosimilar, generic-level.
    public var originatorQuantity: Double, biosimilarQuantity: Double, genericQuantity: Double
    /// National costs (cost basis): originator, biosimilar, generic-level.
    public var originatorCost: Double, biosimilarCost: Double, genericCost: Double
    /// The national unit cost of the originator products (NaN without quantity).
    public var originatorUnitCost: Double
    /// u_g: the lowest national unit cost among the group's biosimilar products with quantity > 0
    /// (NaN when none).
    public var bestValueUnitCost: Double
    /// The product (chemical + product code) that sets u_g, and its brand.
    public var bestValueProduct: String?, bestValueBrand: String?
    /// Biosimilar products with quantity > 0 in the period.
    public var biosimilarProducts: Int
    /// OpenPrescribing's price-per-unit target for the group, and how many peer practices had a
    /// unit cost.
    public var pricePerUnitTarget: Double, peerPractices: Int
    /// A plain-English note (e.g. why there is no saving).
    public var note: String
    /// The nation whose prescribing set these prices (a GSS code), nil when not known: a period
    /// holding two nations' prescribing has each nation's prices apart.
    public var nation: String? = nil
}
