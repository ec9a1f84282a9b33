import RxData

/// An organisation's switch month for one molecule: the first month with uptake at or above the
/// threshold (50%) that holds for the hold period (3 months). When it is the first month of the
/// period, the switch happened then or earlier.
public struct BiosimilarSwitch: Sendable, Equatable {
    /// The molecule.
    public var molecule: String
    /// The level and organisation.
    public var level: OrgLevel
    public var orgCode: String, orgName: String?
    /// The switch month; nil when uptake never held.
    public var month: YearMonth?
}
