/// A prescribing organisation of the synthetic dataset: a GP practice or, for a few, a
/// non-standard prescriber (out-of-hours service, walk-in centre…).
public struct SynthPractice: Sendable, Equatable {
    /// Position in ``OrgHierarchy/practices`` (and in file order).
    public var index: Int
    /// ODS-style practice code: a letter and five digits (`Y` and five digits for non-standard
    /// prescribers).
    public var code: String
    /// Practice name, latin-1 text (occasionally with accented letters or commas).
    public var name: [UInt8]
    /// ADDRESS_1 … ADDRESS_4.
    public var address: [[UInt8]]
    /// Postcode (synthetic, in the UK format).
    public var postcode: String
    /// Prescribing setting: 4 for a GP practice; 1, 2 or 3 for other prescribers.
    public var setting: Int
    /// Whether the practice appears in the list-size files.
    public var hasListSize: Bool
    /// Registered patients in the first month (also the prescribing volume base for
    /// practices without a published list).
    public var baseListSize: Int
    /// Monthly relative growth of the list.
    public var monthlyGrowth: Double
    /// Parent PCN, sub-ICB, ICB and region indices.
    public var pcn: Int, subICB: Int, icb: Int, region: Int

    /// Whether this is a standard GP practice (setting 4 with a registered list).
    public var isStandardPractice: Bool { setting == 4 && hasListSize }

    /// The list size in month `offset` (0 = the first generated month).
    public func listSize(monthOffset offset: Int) -> Int {
        max(1, Int((Double(baseListSize) * (1 + monthlyGrowth * Double(offset))).rounded()))
    }
}
