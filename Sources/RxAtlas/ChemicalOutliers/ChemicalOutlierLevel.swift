import RxData
import RxStats

/// The chemical-share statistics of one organisation level: items, sub-paragraph items,
/// ratios, per-chemical trimmed mean and SD, and z for every organisation × chemical.
/// Matrices are organisations × chemicals, column-major (`[c * orgCodes.count + u]`).
public struct ChemicalOutlierLevel: Sendable {
    /// The level.
    public var level: OrgLevel
    /// The organisations, in code order.
    public var orgCodes: [String]
    /// The chemicals, in code order.
    public var chemicals: [String]
    /// Chemical items.
    public var items: [Double]
    /// Sub-paragraph items of each chemical's sub-paragraph.
    public var subparagraphItems: [Double]
    /// items / sub-paragraph items; NaN where the organisation prescribed nothing in the
    /// sub-paragraph.
    public var ratio: [Double]
    /// Mean, SD, kept counts and z (``RxStats/TrimmedColumnZScores``).
    public var stats: TrimmedColumnZScores.Result
    /// The nation whose organisations these are, nil when not known.
    public var nation: String? = nil

    /// The flat index of organisation `u`, chemical `c`.
    @inline(__always) public func index(org u: Int, chemical c: Int) -> Int { c * orgCodes.count + u }
}
