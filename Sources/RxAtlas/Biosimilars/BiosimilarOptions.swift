/// The assumptions of a biosimilar analysis (the cost basis is chosen when the rows are read:
/// ``BiosimilarKernel/totals(store:catalogue:months:costBasis:)``).
public struct BiosimilarOptions: Sendable, Equatable {
    /// The target uptake t of the target-uptake saving (0…1).
    public var targetUptake: Double
    /// The target uptakes of the sensitivity table.
    public var sensitivityUptakes: [Double]
    /// The assumed confidential discounts off the best-value price in the sensitivity table.
    public var sensitivityDiscounts: [Double]
    /// The price-per-unit target's percentile of practice unit costs (OpenPrescribing: 10).
    public var pricePerUnitCentile: Double
    /// The uptake a switch month needs (0.5).
    public var switchThreshold: Double
    /// How many consecutive months it must hold (3).
    public var switchHoldMonths: Int

    /// Creates options; the defaults are the documented ones.
    public init(targetUptake: Double = 0.9,
                sensitivityUptakes: [Double] = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0],
                sensitivityDiscounts: [Double] = [0, 0.1, 0.2, 0.3, 0.4, 0.5],
                pricePerUnitCentile: Double = 10, switchThreshold: Double = 0.5, switchHoldMonths: Int = 3) {
        self.targetUptake = targetUptake
        self.sensitivityUptakes = sensitivityUptakes
        self.sensitivityDiscounts = sensitivityDiscounts
        self.pricePerUnitCentile = pricePerUnitCentile
        self.switchThreshold = switchThreshold
        self.switchHoldMonths = switchHoldMonths
    }
}
