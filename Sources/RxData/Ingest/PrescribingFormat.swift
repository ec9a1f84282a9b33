/// The prescribing file layouts RxAtlas reads, told apart by their header names.
public enum PrescribingFormat: String, Sendable, Codable, CaseIterable {
    /// NHSBSA English Prescribing Dataset, legacy 26-column layout (area columns named
    /// AREA_TEAM_*, STP_* or ICB_* over the years).
    case epdLegacy = "epd-legacy"
    /// NHSBSA EPD with SNOMED codes: the legacy names plus SNOMED_CODE.
    case epdSnomed = "epd-snomed"
    /// NHSBSA EPD, 2025+ names (BNF_PRESENTATION_CODE, ADQ_USAGE, BNF_CHEMICAL_SUBSTANCE_CODE).
    case epd2025 = "epd-2025"
    /// NHS Digital practice-level prescribing before December 2018: leading-space header,
    /// space- and zero-padded fields, trailing comma.
    case pdpiPadded = "pdpi-padded"
    /// NHS Digital practice-level prescribing from December 2018: the clean layout.
    case pdpi = "pdpi"
    /// Public Health Scotland, Prescriptions in the Community.
    case phs = "phs"

    /// The nation whose data the layout carries.
    public var nation: (code: String, name: String) {
        self == .phs ? ("S92000003", "Scotland") : ("E92000001", "England")
    }
}

/// What a column means to the reader.
enum ColumnRole: Int, CaseIterable {
    case month, practice, practiceName, bnfCode, bnfName, chemicalCode, chemicalName
    case items, quantity, nic, actualCost, adq
    case unidentified, regionCode, regionName, icbCode, icbName, subICBCode, subICBName, postcode
    /// EPD's `QUANTITY`: the quantity on one item (``QuantityPerItemBreakdown``).
    case quantityPerItem
}

/// A detected layout: the format and the column index of each role.
struct PrescribingLayout {
    let format: PrescribingFormat
    /// Column names as written (trimmed).
    let names: [String]
    /// Number of columns in each data row (PDPI's padded layout adds an empty trailing one).
    let columnCount: Int
    /// Whether a trailing empty column follows the named ones.
    let trailingEmpty: Bool
    /// Column index per role, -1 when absent.
    let index: [Int]
    /// The measures this layout publishes.
    let measures: MeasureSet

    func column(_ role: ColumnRole) -> Int { index[role.rawValue] }

    /// The header name of a measure's column, or nil when the layout has none.
    func columnName(for measure: Measure) -> String? {
        let role: ColumnRole = switch measure {
        case .items: .items
        case .quantity: .quantity
        case .nic: .nic
        case .actualCost: .actualCost
        case .adq: .adq
        }
        let c = column(role)
        return c >= 0 ? names[c] : nil
    }

    /// The column name for a role (for error messages).
    func name(_ role: ColumnRole) -> String {
        let i = index[role.rawValue]
        return i >= 0 ? names[i] : "\(role)"
    }

    /// Detects the layout from the header's field names.
    static func detect(header raw: [String], file: String) throws -> PrescribingLayout {
        var names = raw.map { $0.trimmingSpaces() }
        var trailingEmpty = false
        if names.count > 1, names.last == "" {
            names.removeLast()
            trailingEmpty = true
        }
        let upper = names.map { $0.uppercased() }
        func find(_ candidates: String...) -> Int {
            for c in candidates { if let i = upper.firstIndex(of: c) { return i } }
            return -1
        }
        var index = [Int](repeating: -1, count: ColumnRole.allCases.count)
        func set(_ role: ColumnRole, _ i: Int) { index[role.rawValue] = i }
        let format: PrescribingFormat
        var required: [(ColumnRole, String)]
        var measures: MeasureSet

        if upper.contains("PRACTICE_CODE") && (upper.contains("BNF_CODE") || upper.contains("BNF_PRESENTATION_CODE")) {
            let modern = upper.contains("BNF_PRESENTATION_CODE")
            format = modern ? .epd2025 : (upper.contains("SNOMED_CODE") ? .epdSnomed : .epdLegacy)
            set(.month, find("YEAR_MONTH"))
            set(.practice, find("PRACTICE_CODE"))
            set(.practiceName, find("PRACTICE_NAME"))
            set(.bnfCode, find("BNF_PRESENTATION_CODE", "BNF_CODE"))
            set(.bnfName, find("BNF_PRESENTATION_NAME", "BNF_DESCRIPTION"))
            if modern {
                set(.chemicalCode, find("BNF_CHEMICAL_SUBSTANCE_CODE"))
                set(.chemicalName, find("BNF_CHEMICAL_SUBSTANCE"))
            } else {
                set(.chemicalCode, find("BNF_CHEMICAL_SUBSTANCE"))
                set(.chemicalName, find("CHEMICAL_SUBSTANCE_BNF_DESCR"))
            }
            set(.items, find("ITEMS"))
            set(.quantity, find("TOTAL_QUANTITY"))
            set(.quantityPerItem, find("QUANTITY"))
            set(.nic, find("NIC"))
            set(.actualCost, find("ACTUAL_COST"))
            set(.adq, find("ADQ_USAGE", "ADQUSAGE"))
            set(.unidentified, find("UNIDENTIFIED"))
            set(.regionCode, find("REGIONAL_OFFICE_CODE"))
            set(.regionName, find("REGIONAL_OFFICE_NAME"))
            set(.icbCode, find("ICB_CODE", "STP_CODE", "AREA_TEAM_CODE"))
            set(.icbName, find("ICB_NAME", "STP_NAME", "AREA_TEAM_NAME"))
            set(.subICBCode, find("PCO_CODE"))
            set(.subICBName, find("PCO_NAME"))
            set(.postcode, find("POSTCODE"))
            required = [(.month, "YEAR_MONTH"), (.practice, "PRACTICE_CODE"), (.bnfCode, modern ? "BNF_PRESENTATION_CODE" : "BNF_CODE"),
                        (.items, "ITEMS"), (.quantity, "TOTAL_QUANTITY"), (.nic, "NIC"), (.actualCost, "ACTUAL_COST")]
            measures = [MeasureSet(.items), MeasureSet(.quantity), MeasureSet(.nic), MeasureSet(.actualCost)]
            if index[ColumnRole.adq.rawValue] >= 0 { measures.insert(MeasureSet(.adq)) }
        } else if upper.contains("PRACTICE") && upper.contains("BNF CODE") {
            let padded = trailingEmpty || raw.first?.first == " "
            format = padded ? .pdpiPadded : .pdpi
            set(.month, find("PERIOD"))
            set(.practice, find("PRACTICE"))
            set(.bnfCode, find("BNF CODE"))
            set(.bnfName, find("BNF NAME"))
            set(.items, find("ITEMS"))
            set(.quantity, find("QUANTITY"))
            set(.nic, find("NIC"))
            set(.actualCost, find("ACT COST"))
            set(.icbCode, find("SHA"))
            set(.subICBCode, find("PCT"))
            required = [(.month, "PERIOD"), (.practice, "PRACTICE"), (.bnfCode, "BNF CODE"), (.items, "ITEMS"),
                        (.quantity, "QUANTITY"), (.nic, "NIC"), (.actualCost, "ACT COST")]
            measures = [MeasureSet(.items), MeasureSet(.quantity), MeasureSet(.nic), MeasureSet(.actualCost)]
        } else if upper.contains("GPPRACTICE") && upper.contains("BNFITEMCODE") {
            format = .phs
            set(.month, find("PAIDDATEMONTH"))
            set(.practice, find("GPPRACTICE"))
            set(.bnfCode, find("BNFITEMCODE"))
            set(.bnfName, find("BNFITEMDESCRIPTION"))
            set(.items, find("NUMBEROFPAIDITEMS"))
            set(.quantity, find("PAIDQUANTITY"))
            set(.nic, find("GROSSINGREDIENTCOST"))
            set(.icbCode, find("HBT", "HBT2014", "HBT2019"))
            required = [(.month, "PaidDateMonth"), (.practice, "GPPractice"), (.bnfCode, "BNFItemCode"),
                        (.items, "NumberOfPaidItems"), (.quantity, "PaidQuantity"), (.nic, "GrossIngredientCost"), (.icbCode, "HBT")]
            measures = [MeasureSet(.items), MeasureSet(.quantity), MeasureSet(.nic)]
        } else {
            let shown = names.prefix(8).joined(separator: ",")
            throw InputError(file: file, line: 1, reason: "unknown layout: the header (\(shown)\(names.count > 8 ? ",…" : "")) is not EPD, PDPI or PHS prescribing, a list-size file or an org mapping")
        }
        for (role, name) in required where index[role.rawValue] < 0 {
            throw InputError(file: file, line: 1, field: name, reason: "required column missing from the \(format.rawValue) header")
        }
        return PrescribingLayout(format: format, names: names, columnCount: names.count + (trailingEmpty ? 1 : 0),
                                 trailingEmpty: trailingEmpty, index: index, measures: measures)
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and carriage returns.
    func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" || f == "\u{FEFF}" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
