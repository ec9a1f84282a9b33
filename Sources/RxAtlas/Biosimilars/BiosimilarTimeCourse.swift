import RxData

/// One organisation's monthly quantities and uptake for one molecule over the period, and its
/// switch month: the first month with uptake at or above the threshold (50%) that holds for the
/// hold period (3 months). A switch month equal to the period's first month means "then or
/// earlier".
public struct BiosimilarTimeCourse: Sendable, Equatable {
    /// The molecule.
    public var molecule: String
    /// The level and organisation.
    public var level: OrgLevel
    public var orgCode: String, orgName: String?
    /// Per month of ``BiosimilarResult/months``: quantities in the groups' common units.
    public var originatorQuantity: [Double], biosimilarQuantity: [Double], genericQuantity: [Double]
    /// The switch month; nil when uptake never held.
    public var switchMonth: YearMonth?

    /// Uptake in month `t`: biosimilar / (biosimilar + originator); NaN when that is not positive.
    public func uptake(_ t: Int) -> Double {
        BiosimilarSavings.uptake(originator: originatorQuantity[t], biosimilar: biosimilarQuantity[t])
    }

    /// Uptake in every month.
    public var uptakes: [Double] { originatorQuantity.indices.map(uptake) }
}
