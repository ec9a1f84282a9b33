/// Everything known about one prescriber: its name, kind and the code of each organisation
/// above it. Roll-ups read the ancestor codes directly, one column per level.
public struct PracticeRecord: Sendable, Equatable, Codable {
    /// The prescriber code as stored (see ``PrescriberCode``).
    public var code: String
    /// The name, when known.
    public var name: String?
    /// The kind of prescriber.
    public var kind: PrescriberKind
    /// The prescribing setting from an org mapping (`4` or `gp` marks a standard GP practice),
    /// when given; it overrides the list-size rule.
    public var setting: String?
    /// Postcode, when known.
    public var postcode: String?
    /// Ancestor codes by level (PCN, sub-ICB, ICB, region, nation); absent when unknown.
    public var parents: [OrgLevel: String]

    /// Creates a record.
    public init(code: String, name: String? = nil, kind: PrescriberKind, setting: String? = nil,
                postcode: String? = nil, parents: [OrgLevel: String] = [:]) {
        self.code = code
        self.name = name
        self.kind = kind
        self.setting = setting
        self.postcode = postcode
        self.parents = parents
    }

    /// Overlays the non-empty fields of `other` on this record.
    public mutating func merge(_ other: PracticeRecord) {
        if let n = other.name, !n.isEmpty { name = n }
        if other.kind != .practice { kind = other.kind }
        if let s = other.setting, !s.isEmpty { setting = s }
        if let p = other.postcode, !p.isEmpty { postcode = p }
        for (level, code) in other.parents where !code.isEmpty { parents[level] = code }
    }
}
