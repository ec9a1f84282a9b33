/// The organisation hierarchy: every prescriber with its ancestors, and the names of the
/// organisations at each level.
public struct OrgDirectory: Sendable, Equatable {
    /// Prescribers by code.
    public var practices: [String: PracticeRecord]
    /// Organisation names by level and code (PCN, sub-ICB, ICB, region, nation).
    public var names: [OrgLevel: [String: String]]

    /// An empty directory.
    public init(practices: [String: PracticeRecord] = [:], names: [OrgLevel: [String: String]] = [:]) {
        self.practices = practices
        self.names = names
    }

    /// Adds or overlays a prescriber.
    public mutating func upsert(_ record: PracticeRecord) {
        if var existing = practices[record.code] {
            existing.merge(record)
            practices[record.code] = existing
        } else {
            practices[record.code] = record
        }
    }

    /// Records an organisation's name (empty names are ignored).
    public mutating func setName(_ name: String?, level: OrgLevel, code: String) {
        guard let name, !name.isEmpty, !code.isEmpty else { return }
        names[level, default: [:]][code] = name
    }

    /// Overlays another directory on this one (its non-empty fields win).
    public mutating func merge(_ other: OrgDirectory) {
        for r in other.practices.values { upsert(r) }
        for (level, byCode) in other.names {
            for (code, name) in byCode { setName(name, level: level, code: code) }
        }
    }

    /// Whether a prescriber is a standard GP practice: the org mapping's `setting` decides when
    /// given (`4`, `gp` or `gp practice`); otherwise a practice is standard when it has a
    /// registered list (`hasList`).
    public func isStandardPractice(_ code: String, hasList: Bool) -> Bool {
        guard let r = practices[code] else { return hasList && PrescriberCode.kind(of: code) == .practice }
        guard r.kind == .practice else { return false }
        if let s = r.setting?.lowercased(), !s.isEmpty {
            return s == "4" || s == "gp" || s == "gp practice"
        }
        return hasList
    }
}
