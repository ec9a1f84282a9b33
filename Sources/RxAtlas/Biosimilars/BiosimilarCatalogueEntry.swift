import RxData

/// One row of a biosimilar catalogue (see docs/BIOSIMILARS.md for the columns).
///
/// A row applies to the presentations of its chemical whose product code (characters 10–11) is
/// ``product`` (nil: every product, written `*`) and, when ``equivalent`` is given, whose
/// generic-equivalent strength/form (characters 14–15) is that. A row sets a role, a named
/// equivalence group with its factor, or both.
public struct BiosimilarCatalogueEntry: Sendable, Equatable {
    /// The molecule's name (one per chemical).
    public var molecule: String
    /// The BNF chemical code (9 characters).
    public var chemical: String
    /// The product code (characters 10–11), or nil for every product (`*`).
    public var product: String?
    /// The generic-equivalent strength/form (characters 14–15), or nil for every one.
    public var equivalent: String?
    /// The role, or nil for a row that only names a group.
    public var role: BiosimilarRole?
    /// The brand, for people.
    public var brand: String
    /// A named equivalence group, or nil (the default group: chemical + characters 14–15).
    public var group: String?
    /// The group's common unit (e.g. `mg`, `unit`).
    public var unit: String
    /// Common units per unit of quantity dispensed (1 when no group is named).
    public var factor: Double
    /// Why (an excluded row must say), or what the strength is.
    public var reason: String
    /// How sure the row is (`verified`, `brand unverified`, …).
    public var status: String
    /// Where the row was checked.
    public var evidence: String
    /// The line in the catalogue file.
    public var line: Int

    /// Creates a row.
    public init(molecule: String, chemical: String, product: String?, equivalent: String? = nil,
                role: BiosimilarRole?, brand: String = "", group: String? = nil, unit: String = "",
                factor: Double = 1, reason: String = "", status: String = "", evidence: String = "", line: Int = 0) {
        self.molecule = molecule
        self.chemical = chemical
        self.product = product
        self.equivalent = equivalent
        self.role = role
        self.brand = brand
        self.group = group
        self.unit = unit
        self.factor = factor
        self.reason = reason
        self.status = status
        self.evidence = evidence
        self.line = line
    }

    /// How closely the row matches a presentation (higher wins), or nil when it does not.
    /// Product and strength beat strength alone, which beats product alone.
    func specificity(product p: String, equivalent e: String) -> Int? {
        if let product, product != p { return nil }
        if let equivalent, equivalent != e { return nil }
        switch (product != nil, equivalent != nil) {
        case (true, true): return 3
        case (false, true): return 2
        case (true, false): return 1
        case (false, false): return 0
        }
    }
}
