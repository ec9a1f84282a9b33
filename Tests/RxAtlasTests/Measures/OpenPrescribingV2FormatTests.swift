import Foundation
import Testing
import RxData
@testable import RxAtlas

/// OpenPrescribing's second format (YAML), read as it is.
@Suite struct OpenPrescribingV2FormatTests {
    static let perThousand = """
    metadata:
      title: Doxazosin modified-release
      description: Cost of doxazosin M/R per 1,000 patients
      why_it_matters: Cheaper alternatives exist.
      tags: [cost, lowpriority]
      numerator_short: Doxazosin M/R cost
      denominator_short: 1,000 patients
    options:
      type: prescribing_vs_list_size
      output_value: cost
    queries:
      - numerator:
          bnf_codes:
            - "0205040D0_AQ" # 4mg M/R, brands and generic
            - "0205040D0_AR" # 8mg M/R
    """
    static let share = """
    metadata:
      title: Branded ICS
      low_is_good: true
    options:
      type: prescribing_vs_prescribing
      output_value: items
    queries:
      - numerator:
          bnf_codes: ["0302000C0"]
          product_type: branded
        denominator:
          bnf_codes: ["0302000C0", "0302000N0"]
          bnf_codes_excluded: ["0302000N0%AB"]
    """

    func decode(_ text: String, _ file: String = "m.yaml") throws -> MeasureDefinition {
        try OpenPrescribingV2Format.decode(Data(text.utf8), file: file)
    }

    @Test func aPerThousandCostMeasure() throws {
        let m = try decode(Self.perThousand, "/defs/xlpdoxazosin.yaml")
        #expect(m.id == "xlpdoxazosin" && m.name == "Doxazosin modified-release" && m.tags == ["cost", "lowpriority"])
        #expect(m.numerator.quantity == .actualCost && m.denominator.quantity == .listSize && !m.isPercentage && m.isCostBased)
        #expect(m.profile == .openPrescribing && !m.hasDirection)   // the file states no direction
        let f = try #require(m.numerator.filter)
        #expect(f.matches(BNFCode("0205040D0AAAQAQ")!) && f.matches(BNFCode("0205040D0BBABAQ")!))   // `_`: any product
        #expect(!f.matches(BNFCode("0205040D0AAABAB")!))
    }

    @Test func aShareWithABrandedNumeratorAndExclusions() throws {
        let m = try decode(Self.share)
        #expect(m.isPercentage && m.hasDirection && m.lowIsGood && m.numerator.quantity == .items)
        let n = try #require(m.numerator.filter), d = try #require(m.denominator.filter)
        #expect(n.matches(BNFCode("0302000C0BBAAAA")!) && !n.matches(BNFCode("0302000C0AAAAAA")!))   // branded only
        #expect(d.matches(BNFCode("0302000N0AAAAAA")!) && !d.matches(BNFCode("0302000N0BBABAB")!))
    }

    @Test func refusalsNameEveryFieldAtFault() throws {
        let custom = """
        metadata:
          title: Custom
        options:
          type: prescribing_vs_list_size
          output_value: custom
        queries:
          - numerator:
              routes: [oral]
              bnf_codes:
                - ""
        """
        let r = try #require(throws: RefusedMeasure.self) { try decode(custom, "c.yaml") }
        #expect(r.reasons.map(\.field) == ["options.output_value", "queries[0].numerator.routes", "queries[0].numerator.bnf_codes"])
        let noDenominator = Self.share.replacingOccurrences(of: "    denominator:\n      bnf_codes: [\"0302000C0\", \"0302000N0\"]\n      bnf_codes_excluded: [\"0302000N0%AB\"]", with: "")
        let r2 = try #require(throws: RefusedMeasure.self) { try decode(noDenominator) }
        #expect(r2.reasons.map(\.field) == ["queries[0].denominator"])
        #expect(throws: InputError.self) { try decode("[not, a, mapping]") }
    }

    /// An empty code list takes the first-format definition's codes, only when given, and says so.
    @Test func anEmptyCodeListTakesTheFirstFormatsCodes() throws {
        let empty = """
        metadata:
          title: Silk garments
        options:
          type: prescribing_vs_prescribing
          output_value: cost
        queries:
          - numerator:
              bnf_codes:
                - ""
        """
        let v1 = MeasureDefinition(id: "silk", name: "Silk", description: "", why: "", tags: [], isPercentage: true, lowIsGood: true,
                                   isCostBased: false,
                                   numerator: .init(quantity: .items, filter: try BNFFilter(["2020"])),
                                   denominator: .init(quantity: .items, filter: try BNFFilter(["20"])))
        let companions = OpenPrescribingV2Format.FirstFormatCodes(MeasureLibrary.Loaded(definitions: [v1], refused: []))
        let m = try OpenPrescribingV2Format.decode(Data(empty.utf8), file: "/defs/silk.yaml", firstFormat: companions)
        // The codes are the first format's; what is counted is this file's output_value.
        #expect(m.numerator.quantity == .actualCost && m.denominator.quantity == .actualCost)
        #expect(m.numerator.filter == v1.numerator.filter && m.denominator.filter == v1.denominator.filter)
        #expect(m.notes.contains { $0.contains("numerator's codes are silk.json's") }
                && m.notes.contains { $0.contains("denominator's codes are silk.json's") && $0.hasSuffix("missing") })
        // Without the first format: refused, naming the option.
        let r = try #require(throws: RefusedMeasure.self) { try OpenPrescribingV2Format.decode(Data(empty.utf8), file: "/defs/silk.yaml") }
        #expect(r.reasons.first?.reason.contains("--first-format") == true)
        // A first-format definition that cannot run: refused with its reasons.
        let refused = RefusedMeasure(file: "/v1/silk.json", errors: [InputError(file: "/v1/silk.json", field: "numerator_bnf_codes_query", reason: "no such table: t")])
        let broken = OpenPrescribingV2Format.FirstFormatCodes(MeasureLibrary.Loaded(definitions: [], refused: [refused]))
        let r2 = try #require(throws: RefusedMeasure.self) {
            try OpenPrescribingV2Format.decode(Data(empty.utf8), file: "/defs/silk.yaml", firstFormat: broken)
        }
        #expect(r2.reasons.first?.reason.contains("no such table: t") == true)
        // None of that name: refused.
        #expect(throws: RefusedMeasure.self) {
            try OpenPrescribingV2Format.decode(Data(empty.utf8), file: "/defs/other.yaml", firstFormat: companions)
        }
    }

    /// A term longer than any BNF code matches none: it excludes (or selects) nothing, with a note.
    @Test func aTermLongerThanACodeMatchesNothing() throws {
        let typo = Self.share.replacingOccurrences(of: "bnf_codes_excluded: [\"0302000N0%AB\"]",
                                                   with: "bnf_codes_excluded: [\"00302000N0AAABAB\"]")
        let m = try decode(typo)
        let d = try #require(m.denominator.filter)
        #expect(d.matches(BNFCode("0302000N0AAABAB")!))   // not excluded
        #expect(m.notes == ["its denominator's bnf_codes_excluded term '00302000N0AAABAB' has 16 characters, so no BNF code starts with it and it excludes nothing, as in OpenPrescribing"])
        let only = """
        metadata:
          title: One code too long
        options:
          type: prescribing_vs_list_size
          output_value: cost
        queries:
          - numerator:
              bnf_codes: ["00205040D0AAAQAQ"]
        """
        let n = try decode(only)
        #expect(n.numerator.terms == [] && n.notes.count == 2 && n.notes.contains { $0.contains("selects nothing, as in") }
                && n.notes.contains { $0.contains("zero everywhere") })   // selects nothing: zero everywhere
    }

    /// Every definition OpenPrescribing publishes in both formats, where both run, gives the same
    /// numerators, denominators and values on the bundled sample's January.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: BuiltInMeasureLibraryTests.shared
                                                      + "/reference/openprescribing-measures/v2-yaml"),
                   "needs ../shared/data/reference/openprescribing-measures"))
    func bothFormatsOfOneMeasureGiveTheSameValues() throws {
        let dir = BuiltInMeasureLibraryTests.shared + "/reference/openprescribing-measures"
        let v1 = try MeasureLibrary.loadRunnable(paths: [dir + "/v1-json"])
        let v2 = try MeasureLibrary.loadRunnable(paths: [dir + "/v2-yaml"])
        #expect(v1.definitions.count + v1.refused.count == 80 && v2.definitions.count + v2.refused.count == 86)
        #expect(v2.refused.filter { $0.reasons.contains { $0.reason.hasPrefix("'custom'") } }.count == 29)
        let common = Set(v1.definitions.map(\.id)).intersection(v2.definitions.map(\.id))
        #expect(common.count >= 30)

        let sample = BuiltInMeasureLibraryTests.root.appendingPathComponent("datasets/sample").path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("op-v2-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        _ = try StoreIngest(options: IngestOptions(files: [sample + "/epd_202501.csv.gz"], listSizes: [sample + "/list_sizes_202501.csv.gz"],
                                                   orgMapping: sample + "/orgs.csv.gz", softwareVersion: "test")).run(store: scratch)
        let store = try Store.open(at: scratch)
        let month = YearMonth(year: 2025, month: 1)!
        let a = try MeasureRun.run(store: store, period: month...month, definitions: v1.definitions.filter { common.contains($0.id) })
        let b = try MeasureRun.run(store: store, period: month...month, definitions: v2.definitions.filter { common.contains($0.id) })
        var compared = 0
        for t in a.values {
            let u = try #require(b.values.first { $0.measureID == t.measureID && $0.level == t.level })
            #expect(u.orgCodes == t.orgCodes && u.numerator == t.numerator && u.denominator == t.denominator, "\(t.measureID) \(t.level)")
            #expect(u.value.elementsEqual(t.value) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(t.measureID) \(t.level)")
            compared += 1
        }
        #expect(compared == common.count * OrgLevel.allCases.count)
        #expect(a.values.contains { $0.numerator.contains { $0 > 0 } })
    }
}
