/// Official names and code histories of organisations above the practice, applied to a
/// directory after ingest (``OrgDirectory/apply(_:)``): the bundled Scottish health boards and
/// HSCPs, for example, whose codes changed with boundary changes and which Public Health
/// Scotland's files give by code only.
public struct AreaReference: Sendable, Equatable {
    /// Names by level and code.
    public var names: [OrgLevel: [String: String]]
    /// By level: a replaced code and the code that replaced it.
    public var replacedBy: [OrgLevel: [String: String]]
    /// By level and code: the unit's own ancestors (an HSCP's health board and nation).
    public var ancestors: [OrgLevel: [String: [OrgLevel: String]]]

    /// Creates a reference.
    public init(names: [OrgLevel: [String: String]] = [:], replacedBy: [OrgLevel: [String: String]] = [:],
                ancestors: [OrgLevel: [String: [OrgLevel: String]]] = [:]) {
        self.names = names
        self.replacedBy = replacedBy
        self.ancestors = ancestors
    }

    /// Another reference laid over this one.
    public mutating func merge(_ other: AreaReference) {
        for (level, m) in other.names { names[level, default: [:]].merge(m) { _, new in new } }
        for (level, m) in other.replacedBy { replacedBy[level, default: [:]].merge(m) { _, new in new } }
        for (level, m) in other.ancestors { ancestors[level, default: [:]].merge(m) { _, new in new } }
    }
}

extension OrgDirectory {
    /// Applies a reference to every prescriber's ancestors: a replaced code becomes the code
    /// that replaced it (so one health board is one unit across the years); an ancestor the
    /// data do not give is taken from a known unit's own ancestors (an HSCP's health board);
    /// and a unit without a name from the data takes the reference's. What the data give is
    /// never overwritten.
    public mutating func apply(_ reference: AreaReference) {
        for code in practices.keys {
            var record = practices[code]!
            for (level, unit) in record.parents {
                if let current = reference.replacedBy[level]?[unit] { record.parents[level] = current }
            }
            // Finest level first, so that filled ancestors can fill theirs in turn.
            for level in OrgLevel.allCases {
                guard let unit = record.parents[level], let above = reference.ancestors[level]?[unit] else { continue }
                for (l, c) in above where record.parents[l] == nil { record.parents[l] = c }
            }
            practices[code] = record
        }
        for (level, replaced) in reference.replacedBy {
            for (old, current) in replaced {
                guard let name = names[level]?[old] else { continue }
                names[level]?[old] = nil
                if names[level]?[current] == nil { setName(name, level: level, code: current) }
            }
        }
        var used: [OrgLevel: Set<String>] = [:]
        for r in practices.values { for (l, c) in r.parents { used[l, default: []].insert(c) } }
        for (level, codes) in used {
            for code in codes where names[level]?[code] == nil {
                setName(reference.names[level]?[code], level: level, code: code)
            }
        }
    }
}
