/// How an inhaled corticosteroid is delivered.
public enum ICSDevice: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Pressurised metered-dose inhaler (including breath-actuated ones).
    case pMDI
    /// Dry-powder inhaler.
    case dpi = "DPI"
    /// Nebuliser solution or suspension: not an inhaler, outside the ICS inhaler measures.
    case nebuliser

    /// The device a presentation name states unambiguously, or nil.
    ///
    /// Only device words that cannot be misread count: brand device names (Turbohaler,
    /// Accuhaler, Easyhaler, Evohaler, Autohaler…), "dry pdr", "Pdr For Inh", "D/P", "B/A" and "breath actuated" (breath-actuated pressurised), "neb",
    /// "Respule". The NHSBSA's "_Inha" and "inh" are used for both pressurised and powder
    /// inhalers (`Beclomet Diprop_Inha 100mcg (100 D)` is the generic of the Pulvinal dry powder),
    /// so they say nothing.
    public static func stated(in name: String) -> ICSDevice? {
        let n = name.lowercased()
        func has(_ words: [String]) -> Bool { words.contains { n.contains($0) } }
        if has(["nebul", "neb susp", "respule", "inh soln", "inhalation soln", "ampoule", "ud vl"]) { return .nebuliser }
        if has(["pdr", "powder", "d/p", "dry", "turbohaler", "accuhaler", "easyhaler", "clickhaler", "novolizer",
                "pulvinal", "ellipta", "nexthaler", "spiromax", "forspiro", "twisthaler", "diskhaler", "_disk", "blist",
                "genuair", "breezhaler", "handihaler", "cyclohaler"]) { return .dpi }
        if has(["evohaler", "autohaler", "e-breathe", "easi-breathe", "modulite", "aerosphere", "pressurised",
                "cfc free", "cff", "pmdi", "b/a", "breath actuated", "breath-actuated", "breath act"]) { return .pMDI }
        return nil
    }
}
