import RxData

/// The prescribers of a period, once: global ids, what each prescriber is, its unit at every
/// organisation level, and its list size in every month. Every analysis works in these ids, so
/// they all see the same practices, list sizes and hierarchy.
///
/// **The one standard-practice rule.** Being a standard GP practice is an attribute of the
/// prescriber, not of the month: the org mapping's `setting` decides where it is given;
/// otherwise a practice is standard when it has a list size in any month of the store's
/// list-size data; otherwise it is not (``RxData/ListSizeTimeline``).
///
/// **List sizes.** A month with its own extract uses it; a month without takes the nearest
/// earlier extract up to ``listSizeCarry`` months back, marked as carried; beyond that the month
/// has none (``listSizeSources``).
public struct PracticePanel: Sendable {
    /// The months, ascending.
    public let months: [YearMonth]
    /// Every prescriber in the organisation directory or in any month, in code order; a
    /// prescriber's id is its index here.
    public let codes: [String]
    /// Each prescriber's class.
    public let classes: [PrescriberClass]
    /// Registered patients per prescriber × month (`p * months.count + t`), own or carried;
    /// -1 where there is none.
    public let listSizes: [Int64]
    /// Where each month's list sizes come from.
    public let listSizeSources: [ListSizeTimeline.Source]
    /// The carry window applied, in months.
    public let listSizeCarry: Int
    /// The organisation directory.
    public let orgs: OrgDirectory
    /// The nations of the panel's prescribers (GSS codes such as `E92000001`, `S92000003`), in
    /// code order; empty when no record names one.
    public let nations: [String]
    private let index: [String: Int32]
    private let levels: [OrgLevel: PanelLevel]
    private let unitNations: [OrgLevel: [Int32]]

    /// The panel of the months `scan` opened: the directory, the months' prescribers and the
    /// list sizes the carry rule gives them.
    public init(store: Store, scan: StoreScan, listSizeCarry: Int = ListSizeTimeline.defaultCarry) throws {
        let orgs = try store.readOrgs()
        var universe = Set(orgs.practices.keys), prescribing = Set<String>()
        for s in scan.snapshots {
            universe.formUnion(s.practiceCodes)
            for code in s.practiceCodes where orgs.practices[code]?.kind ?? PrescriberCode.kind(of: code) == .practice {
                prescribing.insert(orgs.practices[code]?.parents[.nation] ?? "")
            }
        }
        // Every extract of the store is read only when some practice's standard status rests on
        // the list-size data (no setting in the org mapping).
        let settingless = universe.contains { code in
            guard let r = orgs.practices[code] else { return PrescriberCode.kind(of: code) == .practice }
            return r.kind == .practice && (r.setting ?? "").isEmpty
        }
        let timeline = try ListSizeTimeline(store: store, months: scan.months, carry: listSizeCarry, orgs: orgs, nations: prescribing,
                                            everyExtract: settingless)
        let codes = universe.sorted()
        let T = scan.months.count
        var sizes = [Int64](repeating: -1, count: codes.count * T)
        for t in 0..<T {
            guard let totals = timeline.totals[t] else { continue }
            for (p, code) in codes.enumerated() { if let n = totals[code] { sizes[p * T + t] = n } }
        }
        self.init(months: scan.months, codes: codes, orgs: orgs,
                  isStandard: codes.map { timeline.isStandardPractice($0, orgs: orgs) },
                  listSizes: sizes, listSizeSources: timeline.sources, listSizeCarry: listSizeCarry)
    }

    /// A panel from its parts (tests and callers with their own prescribers).
    /// - Parameters:
    ///   - isStandard: per prescriber, whether it is a standard GP practice.
    ///   - listSizes: per prescriber × month, -1 for none (default: none).
    ///   - listSizeSources: per month (default: missing where no list size is given, else own).
    public init(months: [YearMonth], codes: [String], orgs: OrgDirectory, isStandard: [Bool], listSizes: [Int64]? = nil,
                listSizeSources: [ListSizeTimeline.Source]? = nil, listSizeCarry: Int = ListSizeTimeline.defaultCarry) {
        precondition(isStandard.count == codes.count, "one standard flag per prescriber")
        let T = months.count
        let sizes = listSizes ?? [Int64](repeating: -1, count: codes.count * T)
        precondition(sizes.count == codes.count * T, "one list size per prescriber × month")
        self.months = months
        self.codes = codes
        self.orgs = orgs
        self.listSizes = sizes
        self.listSizeSources = listSizeSources ?? (0..<T).map { t in
            codes.indices.contains { sizes[$0 * T + t] >= 0 } ? .own : .missing
        }
        self.listSizeCarry = listSizeCarry
        var index: [String: Int32] = [:]
        index.reserveCapacity(codes.count)
        for (i, c) in codes.enumerated() { index[c] = Int32(i) }
        self.index = index
        let records = codes.map { orgs.practices[$0] }
        let classes = codes.indices.map { p in
            PrescriberClass(kind: records[p]?.kind ?? PrescriberCode.kind(of: codes[p]), standard: isStandard[p])
        }
        self.classes = classes
        self.isStandard = classes.map { $0 == .standardPractice }
        var levels: [OrgLevel: PanelLevel] = [:]
        for level in OrgLevel.allCases { levels[level] = PanelLevel(level: level, prescribers: codes, records: records, orgs: orgs) }
        self.levels = levels
        let nationCodes = Array(Set(records.compactMap { $0?.parents[.nation] })).sorted()
        self.nations = nationCodes
        let nationIndex = Dictionary(uniqueKeysWithValues: nationCodes.enumerated().map { ($1, Int32($0)) })
        let prescriberNation = records.map { r in r?.parents[.nation].flatMap { nationIndex[$0] } ?? -1 }
        var unitNations: [OrgLevel: [Int32]] = [:]
        for (level, units) in levels {
            var of = [Int32](repeating: -1, count: units.count)
            for p in codes.indices where units.unitOf[p] >= 0 && prescriberNation[p] >= 0 { of[Int(units.unitOf[p])] = prescriberNation[p] }
            unitNations[level] = of
        }
        self.unitNations = unitNations
    }

    /// The number of prescribers.
    public var count: Int { codes.count }

    /// Whether each prescriber is a standard GP practice.
    public let isStandard: [Bool]

    /// A prescriber's id, or nil when it is not in the panel.
    public func id(of code: String) -> Int? { index[code].map(Int.init) }

    /// The units of `level` and each prescriber's unit.
    public func level(_ level: OrgLevel) -> PanelLevel { levels[level]! }

    /// A prescriber's names from the directory, in id order.
    public var names: [String?] { level(.practice).names }

    /// A prescriber's nation code, when its record names one.
    public func nation(of p: Int) -> String? {
        let l = level(.nation)
        return l.unitOf[p] >= 0 ? l.codes[Int(l.unitOf[p])] : nil
    }

    /// The units of `level` grouped by nation, so that rankings, deciles, funnels and national
    /// rates compare a unit only with units of its own nation.
    ///
    /// With one nation (or none) there is one group of every unit, named by that nation. With
    /// more, there is a group per nation in code order, then (when any) a group of the units no
    /// record places in a nation, named nil.
    public func nationGroups(_ level: OrgLevel) -> [NationGroup] {
        let of = unitNations[level]!
        guard nations.count > 1 else { return [NationGroup(nation: nations.first, units: Array(of.indices))] }
        var groups = nations.map { NationGroup(nation: $0, units: []) }
        var none: [Int] = []
        for (u, n) in of.enumerated() {
            if n >= 0 { groups[Int(n)].units.append(u) } else { none.append(u) }
        }
        return groups.filter { !$0.units.isEmpty } + (none.isEmpty ? [] : [NationGroup(nation: nil, units: none)])
    }

    /// The prescribers of each nation, as a mask over the panel's ids: with one nation (or none)
    /// one group of everyone, named by it; with more, a group per nation in code order, then
    /// (when any) the prescribers no record places in a nation, named nil. The prescriber-level
    /// counterpart of ``nationGroups(_:)``, for analyses that compute within each nation.
    public func prescribersByNation() -> [(nation: String?, members: [Bool])] {
        guard nations.count > 1 else { return [(nations.first, Array(repeating: true, count: count))] }
        let l = level(.nation)
        let of = codes.indices.map { p in l.unitOf[p] >= 0 ? l.codes[Int(l.unitOf[p])] : nil }
        return (nations.map(Optional.some) + [nil]).compactMap { nation in
            let members = of.map { $0 == nation }
            return members.contains(true) ? (nation, members) : nil
        }
    }

    /// The panel ids of a month's prescribers, in the month's own order.
    /// - Throws: ``RxData/StoreError`` for a prescriber the panel does not hold (a month from
    ///   another period or store).
    public func ids(of snapshot: Snapshot) throws -> [Int32] {
        try snapshot.practiceCodes.map { code in
            guard let i = index[code] else {
                throw StoreError(path: snapshot.path, reason: "prescriber \(code) is not in the period's panel")
            }
            return i
        }
    }

    /// The list-size extract month `t` uses (own or carried), with its age–sex bands; nil when
    /// the month has none.
    public func listSizeExtract(month t: Int, store: Store) throws -> ListSizeMonth? {
        switch listSizeSources[t] {
        case .own: try store.readListSizes(months[t])
        case .carried(let from): try store.readListSizes(from)
        case .missing: nil
        }
    }

    /// The one roll-up: sums prescriber-major rows of `width` columns (`values[p * width + j]`)
    /// into the units of `level`, over the prescribers `including` admits (all when nil) that
    /// have a unit at the level, in prescriber order (so floating-point sums are reproducible).
    @_specialize(where V == Int64)
    @_specialize(where V == Double)
    public func rollUp<V: AdditiveArithmetic & Sendable>(_ values: [V], width: Int, to level: OrgLevel,
                                                          including: [Bool]? = nil) -> UnitSums<V> {
        precondition(values.count == count * width, "one row per prescriber")
        let units = self.level(level)
        var sums = [V](repeating: .zero, count: units.count * width)
        var members = [Int](repeating: 0, count: units.count)
        for p in 0..<count where units.unitOf[p] >= 0 && (including?[p] ?? true) {
            let u = Int(units.unitOf[p])
            members[u] += 1
            let row = p * width, out = u * width
            // Zeros are skipped: prescriber rows are sparse (a practice prescribes a few hundred
            // of the chemicals), and adding zero changes no sum.
            for j in 0..<width {
                let v = values[row + j]
                if v != .zero { sums[out + j] += v }
            }
        }
        return UnitSums(units: units, sums: sums, members: members, width: width)
    }
}
