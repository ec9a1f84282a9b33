import RxData

/// Rules that decide which unit-months have a measure value.
public struct MeasureKernelOptions: Sendable, Equatable {
    /// A per-1,000-patients measure (a side of type list size) needs a registered list of at
    /// least this many patients; below it, or with no list, the value is undefined
    /// (``ValueStatus/smallList``). Applies at every level (to the summed list above the
    /// practice). Default 1,000.
    public var minimumListSize: Int64
    /// Who is summed into PCNs, sub-ICBs, ICBs, regions and the nation.
    public var rollUpPopulation: RollUpPopulation
    /// The minimum list size for measures of OpenPrescribing's profile (``MeasureProfile``):
    /// 0 by default, as OpenPrescribing sets none; the command line sets it only when
    /// `--min-list-size` is given.
    public var minimumListSizeForOpenPrescribing: Int64 = 0
    /// How many months a list-size extract is carried forward into months without one
    /// (``RxData/ListSizeTimeline``). Default 3.
    public var listSizeCarry: Int

    /// Creates options.
    public init(minimumListSize: Int64 = 1000, rollUpPopulation: RollUpPopulation = .standardPractices,
                listSizeCarry: Int = ListSizeTimeline.defaultCarry) {
        self.minimumListSize = minimumListSize
        self.rollUpPopulation = rollUpPopulation
        self.listSizeCarry = listSizeCarry
    }
}
