import RxData

/// The units of one organisation level and each prescriber's unit in it, as dense arrays over a
/// ``PracticePanel``'s prescribers.
public struct PanelLevel: Sendable {
    /// The level.
    public let level: OrgLevel
    /// The units, in code order: at the practice level the panel's prescribers; above it every
    /// ancestor code at the level of a panel prescriber in the directory.
    public let codes: [String]
    /// The units' names, when known.
    public let names: [String?]
    /// Per panel prescriber: its unit's index in ``codes``, or -1 when its record names no
    /// ancestor at the level.
    public let unitOf: [Int32]

    init(level: OrgLevel, prescribers: [String], records: [PracticeRecord?], orgs: OrgDirectory) {
        self.level = level
        if level == .practice {
            codes = prescribers
            names = records.map { $0?.name }
            unitOf = prescribers.indices.map(Int32.init)
            return
        }
        codes = Array(Set(records.compactMap { $0?.parents[level] })).sorted()
        var index: [String: Int32] = [:]
        for (i, u) in codes.enumerated() { index[u] = Int32(i) }
        unitOf = records.map { r in r?.parents[level].flatMap { index[$0] } ?? -1 }
        names = codes.map { orgs.names[level]?[$0] }
    }

    /// The number of units.
    public var count: Int { codes.count }
}

/// Values rolled up from prescribers to the units of one level (``PracticePanel/rollUp(_:width:to:including:)``).
public struct UnitSums<Value: AdditiveArithmetic & Sendable>: Sendable {
    /// The level's units.
    public let units: PanelLevel
    /// Unit-major: unit `u`, column `j` at `u * width + j`.
    public let sums: [Value]
    /// The number of prescribers summed into each unit.
    public let members: [Int]
    /// The number of columns per unit.
    public let width: Int
}

/// The units of one level that belong to one nation (``PracticePanel/nationGroups(_:)``).
public struct NationGroup: Sendable, Equatable {
    /// The nation's code, nil for units no record places in a nation.
    public var nation: String?
    /// The units' indices in the level's codes, ascending.
    public var units: [Int]
}
