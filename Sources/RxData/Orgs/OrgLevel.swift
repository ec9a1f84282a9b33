/// The organisation levels RxAtlas rolls prescribing up to, finest first.
public enum OrgLevel: String, CaseIterable, Sendable, Codable, Comparable {
    /// A prescriber: GP practice, unidentified bucket or other prescriber.
    case practice
    /// Primary care network.
    case pcn
    /// Sub-ICB location (formerly CCG; the PCO of the EPD files; a Scottish health board's HSCP).
    case subICB = "sub_icb"
    /// Integrated care board (formerly STP or area team; in Scotland the health board).
    case icb
    /// NHS England region.
    case region
    /// The nation.
    case nation

    public static func < (a: OrgLevel, b: OrgLevel) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
