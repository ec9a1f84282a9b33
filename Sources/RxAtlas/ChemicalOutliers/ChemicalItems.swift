import RxData

/// Items per practice × BNF chemical summed over a period: the input of the chemical-share
/// outliers.
public struct ChemicalItems: Sendable {
    /// Every prescriber of the period, in code order.
    public var practiceCodes: [String]
    /// The chemicals (9-character codes, chapters 01–17), in code order, so each BNF
    /// sub-paragraph is a contiguous run.
    public var chemicals: [String]
    /// Items, practice-major: practice `p`, chemical `c` at `p * chemicals.count + c`.
    public var items: [Double]
    /// Whether each practice was a standard GP practice in at least one month of the period.
    public var isStandard: [Bool]

    /// Creates the matrix from its parts.
    public init(practiceCodes: [String], chemicals: [String], items: [Double], isStandard: [Bool]) {
        precondition(items.count == practiceCodes.count * chemicals.count && isStandard.count == practiceCodes.count)
        self.practiceCodes = practiceCodes
        self.chemicals = chemicals
        self.items = items
        self.isStandard = isStandard
    }

    /// Whether a presentation belongs to the chemical-share analysis: a 15-character
    /// presentation code in BNF chapters 01–17 (OpenPrescribing's `bnf_code < '18'`;
    /// appliances and dressings, chapters 18–23, have no chemical).
    public static func chemical(of code: BNFCode) -> String? {
        guard code.count == 15, !code.isAppliance else { return nil }
        let text = code.description
        guard text < "18" else { return nil }
        return String(text.prefix(9))
    }
}
