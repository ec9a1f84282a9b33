/// A practice whose prescribing was deliberately pushed out of line, so that analyses have
/// known answers to find. Listed in `planted_outliers.csv`.
public struct PlantedOutlier: Sendable, Equatable {
    /// What was planted.
    public enum Kind: String, Sendable, CaseIterable {
        /// High-dose inhaled corticosteroid items ×2.5 (raises the high-dose share of ICS).
        case highDoseICS = "high_dose_ics"
        /// Oral prednisolone items ×3.
        case oralPrednisolone = "oral_prednisolone"
        /// Biologics prescribed by originator brand only: no biosimilar or generic-level items,
        /// originator items ×2.
        case originatorOnlyBiologics = "originator_only_biologics"
        /// Biosimilar uptake pushed down to 5% of the practice's biologic-brand prescribing.
        case lowBiosimilarUptake = "low_biosimilar_uptake"

        /// The multiplier or share planted.
        public var factor: Double {
            switch self {
            case .highDoseICS: return 2.5
            case .oralPrednisolone: return 3
            case .originatorOnlyBiologics: return 2
            case .lowBiosimilarUptake: return 0.05
            }
        }

        /// A sentence for `planted_outliers.csv` and the README.
        public var detail: String {
            switch self {
            case .highDoseICS: return "high-dose ICS items x2.5 (share of ICS items at or above the high-dose threshold raised)"
            case .oralPrednisolone: return "oral prednisolone items x3"
            case .originatorOnlyBiologics: return "biologics prescribed by originator brand only (no biosimilar or generic-level items); originator items x2"
            case .lowBiosimilarUptake: return "biosimilar share of biologic brand prescribing set to 5%"
            }
        }
    }

    /// Index of the practice in the hierarchy.
    public var practice: Int
    /// The practice code.
    public var practiceCode: String
    /// What was planted.
    public var kind: Kind

    /// Chooses `perKind` standard practices (list of 4,000 or more) for each kind, by seed.
    static func choose(in hierarchy: OrgHierarchy, seed: UInt64) -> [PlantedOutlier] {
        let n = hierarchy.practices.count
        let perKind = max(2, Int((Double(n) / 650).rounded()))
        var candidates = hierarchy.practices.filter { $0.isStandardPractice && $0.baseListSize >= 4000 }.map(\.index)
        var rng = Xoshiro256StarStar(keys: seed, 0x504C_414E)
        for i in stride(from: candidates.count - 1, to: 0, by: -1) { candidates.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        let kinds = Kind.allCases
        return candidates.prefix(perKind * kinds.count).enumerated().map { k, p in
            PlantedOutlier(practice: p, practiceCode: hierarchy.practices[p].code, kind: kinds[k % kinds.count])
        }.sorted { $0.practice < $1.practice }
    }
}
