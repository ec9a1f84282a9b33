/// Which prescribers' numerators and denominators are summed into an organisation above the
/// practice.
public enum RollUpPopulation: String, Sendable, Equatable, CaseIterable {
    /// Standard GP practices only (each month: ``RxData/OrgDirectory/isStandardPractice(_:hasList:)``
    /// with `hasList` = a list size recorded that month), whatever their practice-level status —
    /// small lists and suppressed practices still count. This is OpenPrescribing's rule: its
    /// `practice_data_<measure>` table holds a row for every `setting = 4` practice and month, and
    /// the PCN, CCG/sub-ICB, STP/ICB and regional tables are `SUM(numerator)`, `SUM(denominator)`
    /// of those rows grouped by the practice's parent code
    /// (openprescribing `pipeline/measures` SQL, `IEEE_DIVIDE(SUM(numerator), SUM(denominator))`).
    case standardPractices = "standard"
    /// Every prescriber whose record names an ancestor at the level: standard and other
    /// practices, unidentified buckets and non-practice prescribers — the area's whole
    /// prescribing, as the NHS Atlas of Variation counts it.
    case allPrescribers = "all"
}
