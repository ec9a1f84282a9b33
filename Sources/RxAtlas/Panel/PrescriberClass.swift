import RxData

/// What a prescriber is, under the one standard-practice rule (``PracticePanel``).
public enum PrescriberClass: String, Sendable, CaseIterable, Codable {
    /// A standard GP practice: the ranking population of every analysis.
    case standardPractice = "standard_practice"
    /// A practice code that is not a standard GP practice (out-of-hours, walk-in, a practice
    /// with no list size and no `setting`).
    case otherPractice = "other_practice"
    /// An area's unidentified-prescriber bucket.
    case unidentified
    /// A non-practice prescriber (Scotland's community pharmacy, hospital, dental codes).
    case nonPractice = "non_practice"

    /// The class of a prescriber of kind `kind` that is standard or not.
    public init(kind: PrescriberKind, standard: Bool) {
        switch kind {
        case .practice: self = standard ? .standardPractice : .otherPractice
        case .unidentified: self = .unidentified
        case .nonPractice: self = .nonPractice
        }
    }
}
