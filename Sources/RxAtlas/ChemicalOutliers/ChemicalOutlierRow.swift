import RxData

/// One organisation × chemical in the chemical-share outlier list.
public struct ChemicalOutlierRow: Sendable, Equatable {
    /// The level.
    public var level: OrgLevel
    /// The organisation.
    public var orgCode: String
    /// The chemical (9 characters).
    public var chemical: String
    /// The chemical's name (from its generic presentation's name, when the store has one).
    public var chemicalName: String
    /// The chemical's BNF sub-paragraph (7 characters).
    public var subparagraph: String
    /// Items of the chemical over the period.
    public var chemicalItems: Double
    /// Items of its sub-paragraph over the period.
    public var subparagraphItems: Double
    /// chemical items / sub-paragraph items.
    public var ratio: Double
    /// The chemical's trimmed mean ratio at this level.
    public var mean: Double
    /// The chemical's trimmed SD.
    public var sd: Double
    /// (ratio − mean) / SD.
    public var z: Double
    /// 1…top among the organisation's highest z, else nil.
    public var rankHigh: Int?
    /// 1…top among its lowest z, else nil.
    public var rankLow: Int?
    /// Chemical items below ``ChemicalOutlierOptions/lowNumberItems``.
    public var lowNumber: Bool
    /// The level has fewer organisations than ``ChemicalOutlierOptions/minimumUnits``, so the
    /// z-score means little.
    public var fewUnits: Bool = false
    /// The organisation's nation: the mean and SD are over that nation's organisations.
    public var nation: String? = nil
}
