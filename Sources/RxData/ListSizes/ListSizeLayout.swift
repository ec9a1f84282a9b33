/// The published list-size layouts ``ListSizeReader`` reads, told apart by their header.
public enum ListSizeLayout: String, Sendable, Codable, CaseIterable {
    /// NHS Digital "Patients Registered at a GP Practice", five-year age bands by sex
    /// (`gp-reg-pat-prac-quin-age.csv`, 2017 on): `PUBLICATION, EXTRACT_DATE, ORG_TYPE,
    /// ORG_CODE, ONS_CODE, POSTCODE, SEX, AGE_GROUP_5, NUMBER_OF_PATIENTS`, 43 rows per practice
    /// (`ALL`/`ALL`, then 20 bands and an `ALL` row for each of `FEMALE` and `MALE`).
    case registeredQuinaryAge = "gp-reg-pat-prac-quin-age"
    /// NHS Digital "Patients Registered at a GP Practice", totals by sex
    /// (`gp-reg-pat-prac-all.csv`): `PUBLICATION, EXTRACT_DATE, TYPE, SUB_ICB_LOCATION_CODE,
    /// ONS_SUB_ICB_LOCATION_CODE, CODE, POSTCODE, SEX, AGE, NUMBER_OF_PATIENTS`, with `SEX`
    /// `ALL`/`MALE`/`FEMALE` and `AGE` `ALL`. Earlier publications name the area columns
    /// `CCG_CODE`/`ONS_CCG_CODE` or `SUB_ICB_LOC_CODE`/`ONS_SUB_ICB_LOC_CODE`; all are accepted.
    case registeredAll = "gp-reg-pat-prac-all"
    /// The pre-2017 NHSBSA quarterly file (`Patient_List_Size_YYYY_MM-MM.csv`): one row per
    /// practice with its area names and codes and wide `Male 0-4, Female 0-4, …, Female 75+`
    /// columns. It carries no date: the months come from the file name or the caller.
    case nhsbsaWideQuarterly = "nhsbsa-patient-list-size"
    /// Public Health Scotland "GP Practice Populations" (quarterly): `Date`, `PracticeCode`,
    /// `HB`, `HSCP`, `Sex`, `AllAges` and the age bands `Ages0to4` … `Ages85plus`.
    case phsPopulations = "phs-gp-practice-populations"
    /// Public Health Scotland "GP Practice Contact Details and List Sizes" (quarterly):
    /// `PracticeCode`, `GPPracticeName`, `PracticeListSize`, the address, `HB`, `HSCP`,
    /// `GPCluster`…; no date column (the month comes from the file name or the caller).
    case phsContactDetails = "phs-gp-practice-contact-details"

    /// The layout a header announces, or nil when it is none of them.
    ///
    /// - A `NUMBER_OF_PATIENTS` column with `AGE_GROUP_5` is ``registeredQuinaryAge``; with `AGE`
    ///   (or with neither, so that the missing column is reported) it is ``registeredAll``.
    /// - A `Practice Code` column with at least one `Male …`/`Female …` column is
    ///   ``nhsbsaWideQuarterly``.
    /// - A `PracticeCode` column with `AllAges` is ``phsPopulations``; with `PracticeListSize`
    ///   it is ``phsContactDetails``.
    public static func detect(_ header: CSVHeader) -> ListSizeLayout? {
        if header.index(of: "PracticeCode") != nil {
            if header.index(of: "AllAges") != nil { return .phsPopulations }
            if header.index(of: "PracticeListSize") != nil { return .phsContactDetails }
        }
        if header.index(of: "NUMBER_OF_PATIENTS") != nil {
            return header.index(of: "AGE_GROUP_5") != nil ? .registeredQuinaryAge : .registeredAll
        }
        if header.index(of: "Practice Code") != nil,
           header.names.contains(where: { WideBandColumn(name: $0) != nil }) {
            return .nhsbsaWideQuarterly
        }
        return nil
    }
}

/// A `Male 0-4` / `Female 75+` column of the wide quarterly file.
struct WideBandColumn: Equatable {
    /// True for a male band, false for a female one.
    var male: Bool
    /// The band label as published (`0-4`, `75+`).
    var band: String

    /// Parses a column name; nil when it is not a sex-and-band column.
    init?(name: String) {
        let key = CSVHeader.normalise(name)
        let rest: Substring
        if key.hasPrefix("male ") {
            male = true
            rest = Substring(CSVRecordReader.trim(name)).dropFirst(5)
        } else if key.hasPrefix("female ") {
            male = false
            rest = Substring(CSVRecordReader.trim(name)).dropFirst(7)
        } else {
            return nil
        }
        band = CSVRecordReader.trim(String(rest))
        guard !band.isEmpty else { return nil }
    }
}
