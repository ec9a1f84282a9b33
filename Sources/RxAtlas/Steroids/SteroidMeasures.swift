import RxData

/// The steroid measures, as measure definitions for the ``MeasureKernel``: the ICS ones
/// generated from an ICS classification (exact presentation codes, so a presentation counts
/// exactly as it was classified), the others taken from the built-in library.
///
/// | id | numerator | denominator |
/// |---|---|---|
/// | `ics_high_dose_nice2024` | ICS inhaler items high under BTS/NICE/SIGN 2024 | ICS inhaler items (%) |
/// | `ics_high_dose_openprescribing` | ICS inhaler items high under OpenPrescribing's per-actuation rule | ICS inhaler items (%) |
/// | `ics_items_per_1000` | ICS inhaler items | patients / 1,000 |
/// | `prednisolone_items_per_1000`, `prednisolone_quantity_per_1000` | oral prednisolone (library) | patients / 1,000 |
/// | `saba_items_per_ics_item` | SABA inhaler items (library's SABA filter) | ICS inhaler items |
///
/// ICS inhaler items are every ICS presentation seen except nebulisers, unclassified ones
/// included (they are ICS items; only their dose is unknown, and unclassified.csv lists them).
public enum SteroidMeasures {
    /// High-dose ICS, BTS/NICE/SIGN 2024 bands.
    public static let highDoseNICE = "ics_high_dose_nice2024"
    /// High-dose ICS, OpenPrescribing's per-actuation rule.
    public static let highDoseOpenPrescribing = "ics_high_dose_openprescribing"
    /// ICS inhaler items per 1,000 patients.
    public static let icsPer1000 = "ics_items_per_1000"
    /// Oral prednisolone items per 1,000 patients.
    public static let prednisoloneItems = "prednisolone_items_per_1000"
    /// Oral prednisolone quantity per 1,000 patients.
    public static let prednisoloneQuantity = "prednisolone_quantity_per_1000"
    /// SABA items per ICS item.
    public static let sabaPerICS = "saba_items_per_ics_item"

    /// The six definitions, in the order of the ids above.
    /// - Parameters:
    ///   - classifications: every ICS presentation of the period, classified.
    ///   - library: the built-in library (prednisolone and the SABA selection come from it).
    /// - Throws: ``RxData/InputError`` when the library lacks a measure used here.
    public static func definitions(classifications: [ICSClassification], library: [MeasureDefinition]) throws -> [MeasureDefinition] {
        func lib(_ id: String) throws -> MeasureDefinition {
            guard let d = library.first(where: { $0.id == id }) else {
                throw InputError(file: MeasureLibrary.builtInRelativePath, field: "id", reason: "the library has no measure '\(id)'")
            }
            return d
        }
        let inhalers = classifications.filter(\.isInhaler).map(\.code)
        // A share counts a presentation on both sides or on neither: its denominator is the
        // inhalers its rule set classifies, so one it leaves unclassified drops out of both.
        let classifiedNICE = classifications.filter { $0.isInhaler && $0.nice2024 != nil }.map(\.code)
        let classifiedOP = classifications.filter { $0.isInhaler && $0.openPrescribing != nil }.map(\.code)
        let highNICE = classifications.filter { $0.nice2024 == .high }.map(\.code)
        let highOP = classifications.filter { $0.openPrescribing == .high }.map(\.code)
        let ics = MeasureDefinition.Side(quantity: .items, filter: try filter(inhalers), label: "ICS items")
        let perThousand = MeasureDefinition.Side(quantity: .listSize, filter: nil)
        let tags = ["respiratory", "asthma", "steroids"]

        let nice = MeasureDefinition(
            id: highDoseNICE, name: "High-dose ICS (BTS/NICE/SIGN 2024 daily-dose bands) as % of ICS inhaler items",
            description: "ICS inhaler items whose licensed standard adult daily dose is high under the BTS/NICE/SIGN 2024 bands, as a percentage of all ICS inhaler items (nebulisers excluded). Classification: RxAtlas's bundled ICS tables (reference/ics).",
            why: "High ICS doses raise the risk of adrenal suppression and pneumonia; guidance asks for the lowest dose that controls asthma.",
            tags: tags + ["safety"], isPercentage: true, lowIsGood: true, isCostBased: false,
            numerator: .init(quantity: .items, filter: try filter(highNICE), label: "high-dose ICS items"),
            denominator: .init(quantity: .items, filter: try filter(classifiedNICE), label: "ICS items"), minimumDenominator: 1)
        var op = nice
        op.id = highDoseOpenPrescribing
        op.name = "High-dose ICS (OpenPrescribing per-actuation rule) as % of ICS inhaler items"
        op.description = "ICS inhaler items at or above OpenPrescribing's icsdose per-actuation thresholds, as a percentage of all ICS inhaler items (nebulisers excluded). Classification: RxAtlas's bundled ICS tables (reference/ics)."
        op.numerator = .init(quantity: .items, filter: try filter(highOP), label: "high-dose ICS items")
        op.denominator = .init(quantity: .items, filter: try filter(classifiedOP), label: "ICS items")
        let perK = MeasureDefinition(
            id: icsPer1000, name: "ICS inhaler items per 1,000 patients",
            description: "Items for ICS inhalers (every ICS presentation seen but nebulisers) per 1,000 registered patients.",
            why: "Very low use can signal reliance on relievers; very high use over-treatment.",
            tags: tags, isPercentage: false, lowIsGood: false, isCostBased: false,
            numerator: ics, denominator: perThousand, minimumDenominator: 1)
        var saba = try lib("saba_items_per_ics_item")
        saba.id = sabaPerICS
        saba.denominator = ics
        return [nice, op, perK, try lib(prednisoloneItems), try lib(prednisoloneQuantity), saba]
    }

    /// A filter selecting exactly `codes`; with no codes, a filter that selects nothing
    /// (`0302` included and excluded).
    static func filter(_ codes: [BNFCode]) throws -> BNFFilter {
        try BNFFilter(codes.isEmpty ? ["0302", "~0302"] : codes.map(\.description))
    }
}
