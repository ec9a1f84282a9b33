/// An NHS England region of the synthetic hierarchy (real code and name).
public struct SynthRegion: Sendable, Equatable {
    /// The regional office code written to REGIONAL_OFFICE_CODE (`Y56`…`Y63`).
    public var code: String
    /// The ONS E40 code of the region.
    public var onsCode: String
    /// The region's name in upper case, as EPD writes it (`NORTH WEST`).
    public var name: String
}

/// An integrated care board: one of the 42 real footprints (ONS E54 code and name), with a
/// synthetic ODS-style three-character code.
public struct SynthICB: Sendable, Equatable {
    /// The ODS-style code written to ICB_CODE (synthetic, `Q` + two characters).
    public var code: String
    /// The ONS E54 code of the footprint.
    public var onsCode: String
    /// The ICB name as EPD writes it (`NHS DEVON INTEGRATED CARE BOARD`).
    public var name: String
    /// Index of the ICB's region in ``OrgHierarchy/regions``.
    public var region: Int
}

/// A sub-ICB location (the former CCG), written to PCO_CODE / PCO_NAME.
public struct SynthSubICB: Sendable, Equatable {
    /// The ODS-style three-character code (two digits and a letter; synthetic).
    public var code: String
    /// `NHS <ICB> ICB - <code>`, as EPD writes it.
    public var name: String
    /// Index of the parent ICB in ``OrgHierarchy/icbs``.
    public var icb: Int
}

/// A primary care network.
public struct SynthPCN: Sendable, Equatable {
    /// The PCN code (`U` and five digits; synthetic).
    public var code: String
    /// The PCN name.
    public var name: String
    /// Index of the parent sub-ICB in ``OrgHierarchy/subICBs``.
    public var subICB: Int
}
