import RxData

/// Items per practice × BNF chemical summed over a period: the input of the chemical-share
/// outliers.
public struct ChemicalItems: Sendable {
    /// The period's prescribers, their classes and organisations.
    public let panel: PracticePanel
    /// The chemicals (9-character codes, chapters 01–17), in code order, so each BNF
    /// sub-paragraph is a contiguous run.
    public let chemicals: [String]
    /// Items, practice-major: practice `p`, chemical `c` at `p * chemicals.count + c`.
    public let items: [Double]

    /// Creates the matrix over a panel's prescribers.
    public init(panel: PracticePanel, chemicals: [String], items: [Double]) {
        precondition(items.count == panel.count * chemicals.count, "one row per prescriber")
        self.panel = panel
        self.chemicals = chemicals
        self.items = items
    }

    /// Creates the matrix from prescriber codes, their standard-practice flags and the
    /// directory naming their organisations.
    public init(practiceCodes: [String], chemicals: [String], items: [Double], isStandard: [Bool],
                orgs: OrgDirectory = OrgDirectory()) {
        self.init(panel: PracticePanel(months: [], codes: practiceCodes, orgs: orgs, isStandard: isStandard),
                  chemicals: chemicals, items: items)
    }

    /// Every prescriber of the period, in code order.
    public var practiceCodes: [String] { panel.codes }

    /// Whether each prescriber is a standard GP practice (``PracticePanel``'s one rule).
    public var isStandard: [Bool] { panel.isStandard }

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
