import Foundation
import Testing
import RxData
@testable import RxAtlas

/// Fixtures in OpenPrescribing's real layout (facts from ebmdatalab/openprescribing
/// `openprescribing/measures/definitions/`, texts shortened).
enum OPFixtures {
    /// `ktt13_nsaids_ibuprofen.json`: items with exclusions, `radar_exclude` as a string.
    static let nsaids = """
    {
      "name": "Non-preferred NSAIDs and COX-2 inhibitors",
      "title": "NSAIDs (including COX-2 inhibitors) - percentage items excluding naproxen and ibuprofen",
      "description": "Number of prescription items for all NSAIDs excluding ibuprofen and naproxen as a percentage of the total items for all NSAIDs",
      "numerator_short": "NSAID items (excl naproxen and ibuprofen)",
      "denominator_short": "NSAID items",
      "why_it_matters": [
        "There have been a number of concerns about the safety of a number of anti-inflammatory drugs,",
        "including COX-2 inhibitors and some 'traditional' NSAIDS."
      ],
      "tags": ["cardiovascular", "core", "nice", "pain", "safety"],
      "url": null,
      "is_percentage": true,
      "is_cost_based": false,
      "low_is_good": true,
      "numerator_type": "bnf_items",
      "numerator_bnf_codes_filter": [
        "100101 # Non-Steroidal Anti-Inflammatory Drugs",
        "~1001010J0 # Ibuprofen",
        "~1001010P0 # Naproxen"
      ],
      "denominator_type": "bnf_items",
      "denominator_bnf_codes_filter": ["100101 # Non-Steroidal Anti-Inflammatory Drugs"],
      "authored_by": "richard.croker@phc.ox.ac.uk",
      "date_reviewed": "2024-02-12",
      "measure_complexity": "low",
      "measure_type": "bnf_code",
      "radar_exclude": "false"
    }
    """

    /// `lpdoxazosin.json`: cost per 1,000 patients with `%` wildcards.
    static let doxazosin = """
    {
      "name": "Items which should not routinely be prescribed in primary care - doxazosin modified release",
      "title": "Doxazosin modified release cost per 1000 patients",
      "description": "Cost of doxazosin modified release per 1000 patients",
      "why_it_matters": ["<p>NHS England guidance states</a>:</p>"],
      "tags": ["cardiovascular", "cost", "lowpriority"],
      "url": null,
      "is_percentage": false,
      "is_cost_based": true,
      "low_is_good": true,
      "numerator_type": "bnf_cost",
      "numerator_bnf_codes_filter": [
        "0205040D0%AQ # Doxazosin Mesil_Tab 4mg M/R (brands and generic)",
        "0205040D0%AR # Doxazosin Mesil_Tab 8mg M/R (brands and generic)"
      ],
      "denominator_type": "list_size",
      "measure_type": "bnf_code",
      "radar_exclude": false
    }
    """

    /// `icsdose.json` (2024): a custom-SQL numerator.
    static let icsdose = """
    {
      "name": "High dose inhaled corticosteroids",
      "description": ["Prescribing of high dose inhaled corticosteroids", "compared with prescribing of all inhaled corticosteroids"],
      "tags": ["core", "respiratory", "safety"],
      "is_percentage": true,
      "is_cost_based": false,
      "low_is_good": true,
      "numerator_type": "custom",
      "numerator_columns": ["SUM(p.items) AS numerator"],
      "numerator_from": ["{hscic}.normalised_prescribing p "],
      "numerator_where": ["(vpi.ing = 116575004 AND strnt_nmrtr_val>=250)"],
      "denominator_type": "bnf_items",
      "denominator_bnf_codes_filter": ["0302000C0 # Beclometasone Dipropionate", "~0302000N0%AV"]
    }
    """

    /// `saba.json` (2024): a `bnf_quantity` side narrowed by a dm+d SQL query.
    static let saba = """
    {
      "name": "Short acting beta agonist inhalers",
      "description": "Prescribing of short acting beta agonist (SABA) inhalers",
      "tags": ["core", "respiratory"],
      "is_percentage": true,
      "is_cost_based": false,
      "low_is_good": true,
      "numerator_type": "bnf_quantity",
      "numerator_bnf_codes_query": [
        "SELECT DISTINCT(bnf_code)",
        "FROM {measures}.vw__dmd_objs_with_form_route",
        "WHERE form_route IN ('pressurizedinhalation.inhalation', 'powderinhalation.inhalation')"
      ],
      "numerator_bnf_codes_filter": ["0301011R0 #Salbutamol", "0301011V0% #Terbutaline"],
      "denominator_type": "bnf_quantity",
      "denominator_bnf_codes_filter": ["0301011R0", "0301011V0%", "0302"]
    }
    """
}

@Suite struct OpenPrescribingMeasureFormatTests {
    @Test func readsItemsMeasureAsItIs() throws {
        let m = try OpenPrescribingMeasureFormat.decode(Data(OPFixtures.nsaids.utf8), file: "/defs/ktt13_nsaids_ibuprofen.json")
        #expect(m.id == "ktt13_nsaids_ibuprofen")
        #expect(m.name == "Non-preferred NSAIDs and COX-2 inhibitors")
        #expect(m.why.hasPrefix("There have been a number of concerns about the safety of a number of anti-inflammatory drugs, including"))
        #expect(m.tags == ["cardiovascular", "core", "nice", "pain", "safety"])
        #expect(m.isPercentage && m.lowIsGood && !m.isCostBased)
        #expect(m.numerator.quantity == .items && m.denominator.quantity == .items)
        let num = try #require(m.numerator.filter)
        #expect(num.matches(BNFCode("1001010AJAAADAD")!))   // naproxen/esomeprazole (not 1001010P0)
        #expect(num.matches(BNFCode("1001010C0AAADAD")!))   // diclofenac
        #expect(!num.matches(BNFCode("1001010J0AAAEAE")!))  // ibuprofen
        #expect(!num.matches(BNFCode("1001010P0AAADAD")!))  // naproxen
        #expect(try #require(m.denominator.filter).matches(BNFCode("1001010J0AAAEAE")!))
    }

    @Test func readsCostPerThousandWithWildcards() throws {
        let m = try OpenPrescribingMeasureFormat.decode(Data(OPFixtures.doxazosin.utf8), file: "lpdoxazosin.json")
        #expect(m.id == "lpdoxazosin")
        #expect(m.numerator.quantity == .actualCost)
        #expect(m.denominator.quantity == .listSize && m.denominator.filter == nil)
        #expect(!m.isPercentage && m.isCostBased)
        let f = try #require(m.numerator.filter)
        #expect(f.matches(BNFCode("0205040D0AAAQAQ")!))
        #expect(f.matches(BNFCode("0205040D0BBABAQ")!))     // a brand of the 4 mg M/R
        #expect(!f.matches(BNFCode("0205040D0AAABAB")!))    // immediate release
    }

    @Test func refusesCustomSQLNamingFileAndEveryField() throws {
        let r = try #require(throws: RefusedMeasure.self) {
            try OpenPrescribingMeasureFormat.decode(Data(OPFixtures.icsdose.utf8), file: "/defs/icsdose.json")
        }
        #expect(r.file == "/defs/icsdose.json" && r.id == "icsdose")
        #expect(r.reasons.first?.field == "numerator_type" && r.reasons.first?.reason.contains("custom") == true)
        #expect(r.inputError.file == "/defs/icsdose.json" && r.inputError.field == "numerator_type")
        // Through the library's one-file reader it is an input error (exit status 4).
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("op-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try OPFixtures.icsdose.write(to: dir.appendingPathComponent("icsdose.json"), atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try MeasureLibrary.read(file: dir.appendingPathComponent("icsdose.json").path) }
    }

    @Test func refusesBNFCodesQueryNamingTheField() throws {
        let r = try #require(throws: RefusedMeasure.self) {
            try OpenPrescribingMeasureFormat.decode(Data(OPFixtures.saba.utf8), file: "saba.json")
        }
        #expect(r.reasons.map(\.field).contains("numerator_bnf_codes_query"))
        #expect(r.file == "saba.json")
    }

    @Test func everyRefusedFieldIsListedNotOnlyTheFirst() throws {
        // Both sides custom, and a bad flag: three reasons.
        let text = OPFixtures.doxazosin
            .replacingOccurrences(of: "\"numerator_type\": \"bnf_cost\"", with: "\"numerator_type\": \"custom\"")
            .replacingOccurrences(of: "\"denominator_type\": \"list_size\"", with: "\"denominator_type\": \"custom\"")
            .replacingOccurrences(of: "\"is_percentage\": false", with: "\"is_percentage\": \"sometimes\"")
        let r = try #require(throws: RefusedMeasure.self) { try OpenPrescribingMeasureFormat.decode(Data(text.utf8), file: "x.json") }
        #expect(r.reasons.map(\.field) == ["numerator_type", "denominator_type", "is_percentage"])
        #expect(r.inputError.reason.contains("denominator_type: ") && r.inputError.reason.contains("is_percentage: "))
    }

    @Test func sqlClausesBesideABNFTypeAreIgnoredAsOpenPrescribingIgnoresThem() throws {
        // vitamind's `numerator_where: 1 = 1` beside a bnf_* type: OpenPrescribing builds the SQL
        // from the type and the filter, so the clause changes nothing.
        let text = OPFixtures.doxazosin.replacingOccurrences(of: "\"denominator_type\": \"list_size\",",
            with: "\"denominator_type\": \"list_size\", \"denominator_where\": \"1 = 1\", \"numerator_where\": [\"1 = 1\"],")
        let m = try OpenPrescribingMeasureFormat.decode(Data(text.utf8), file: "x.json")
        let plain = try OpenPrescribingMeasureFormat.decode(Data(OPFixtures.doxazosin.utf8), file: "x.json")
        #expect(m.numerator == plain.numerator && m.denominator == plain.denominator)
    }

    @Test func unknownTypeAndBadFilterAreNamed() throws {
        let t1 = OPFixtures.nsaids.replacingOccurrences(of: "\"denominator_type\": \"bnf_items\"", with: "\"denominator_type\": \"dmd_items\"")
        let e1 = try #require(throws: RefusedMeasure.self) { try OpenPrescribingMeasureFormat.decode(Data(t1.utf8), file: "u.json") }
        #expect(e1.reasons.first?.field == "denominator_type" && e1.reasons.first?.reason.contains("dmd_items") == true)
        let t2 = OPFixtures.nsaids.replacingOccurrences(of: "\"~1001010P0 # Naproxen\"", with: "\"~1001010p0 # Naproxen\"")
        let e2 = try #require(throws: RefusedMeasure.self) { try OpenPrescribingMeasureFormat.decode(Data(t2.utf8), file: "f.json") }
        #expect(e2.file == "f.json" && e2.reasons.first?.field == "numerator_bnf_codes_filter[2]")
    }

    @Test func lowIsGoodNullHasNoDirectionAndTheProfileIsOpenPrescribings() throws {
        let text = OPFixtures.doxazosin.replacingOccurrences(of: "\"low_is_good\": true", with: "\"low_is_good\": null")
        #expect(text != OPFixtures.doxazosin)
        let m = try OpenPrescribingMeasureFormat.decode(Data(text.utf8), file: "x.json")
        #expect(!m.hasDirection && m.profile == .openPrescribing)
        let plain = try OpenPrescribingMeasureFormat.decode(Data(OPFixtures.doxazosin.utf8), file: "x.json")
        #expect(plain.hasDirection && plain.lowIsGood)
        // RxAtlas's own format keeps the null through a round trip.
        let again = try RxAtlasMeasureFormat.decode(try RxAtlasMeasureFormat.encode(m), file: "y.json")
        #expect(!again.hasDirection && again.profile == .rxatlas)
    }
}
