import Foundation
import Testing
import RxData
@testable import RxAtlas

/// A scratch directory removed when the test ends.
final class MeasureScratch {
    let dir: String
    init() throws {
        dir = NSTemporaryDirectory() + "rxatlas-measures-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: dir) }
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

@Suite struct RxAtlasMeasureFormatTests {
    static let ics = """
    {
      "id": "ics_items_per_1000",
      "name": "ICS items per 1,000 patients",
      "description": ["Inhaled corticosteroid items", "per 1,000 registered patients."],
      "why_it_matters": "Variation in ICS use.",
      "tags": ["respiratory", "asthma"],
      "is_percentage": false,
      "low_is_good": false,
      "is_cost_based": false,
      "numerator": {"type": "items", "bnf_codes": ["0302000C0 # Beclometasone", "0302000K0", "~0302000K0%AI # nebules"]},
      "denominator": {"type": "list_size"},
      "minimum_denominator": 1
    }
    """

    @Test func readsEveryField() throws {
        let m = try RxAtlasMeasureFormat.decode(Data(Self.ics.utf8), file: "ics.json")
        #expect(m.id == "ics_items_per_1000")
        #expect(m.name == "ICS items per 1,000 patients")
        #expect(m.description == "Inhaled corticosteroid items per 1,000 registered patients.")
        #expect(m.why == "Variation in ICS use.")
        #expect(m.tags == ["respiratory", "asthma"])
        #expect(!m.isPercentage && !m.lowIsGood && !m.isCostBased)
        #expect(m.numerator.quantity == .items)
        #expect(m.denominator.quantity == .listSize && m.denominator.filter == nil)
        #expect(m.minimumDenominator == 1)
        let f = try #require(m.numerator.filter)
        #expect(f.terms.count == 3)
        #expect(f.matches(BNFCode("0302000C0BPACBV")!))
        #expect(!f.matches(BNFCode("0302000K0AAAIAI")!))
        #expect(!f.matches(BNFCode("0302000N0AAAXAX")!))
    }

    @Test func roundTrips() throws {
        let m = try RxAtlasMeasureFormat.decode(Data(Self.ics.utf8), file: "ics.json")
        let back = try RxAtlasMeasureFormat.decode(RxAtlasMeasureFormat.encode(m), file: "again.json")
        #expect(back == m)
    }

    @Test func everySideTypeIsAccepted() throws {
        for q in MeasureDefinition.SideQuantity.allCases where q != .listSize {
            let text = Self.ics.replacingOccurrences(of: "\"type\": \"items\"", with: "\"type\": \"\(q.rawValue)\"")
            #expect(try RxAtlasMeasureFormat.decode(Data(text.utf8), file: "x.json").numerator.quantity == q)
        }
    }

    @Test func unknownTypeNamesFileAndField() throws {
        let text = Self.ics.replacingOccurrences(of: "\"type\": \"items\"", with: "\"type\": \"pounds\"")
        let e = try #require(throws: InputError.self) { try RxAtlasMeasureFormat.decode(Data(text.utf8), file: "bad_type.json") }
        #expect(e.file == "bad_type.json")
        #expect(e.field == "numerator.type")
        #expect(e.reason.contains("pounds"))
    }

    @Test func malformedFilterNamesFileFieldAndLine() throws {
        let text = Self.ics.replacingOccurrences(of: "\"0302000K0\",", with: "\"0302-000K0\",")
        let e = try #require(throws: InputError.self) { try RxAtlasMeasureFormat.decode(Data(text.utf8), file: "bad_filter.json") }
        #expect(e.file == "bad_filter.json")
        #expect(e.field == "numerator.bnf_codes[1]")
        #expect(e.description.contains("0302-000K0"))
    }

    @Test func listSizeTakesNoCodesAndOthersNeedThem() throws {
        let withCodes = Self.ics.replacingOccurrences(of: "{\"type\": \"list_size\"}", with: "{\"type\": \"list_size\", \"bnf_codes\": [\"03\"]}")
        let e1 = try #require(throws: InputError.self) { try RxAtlasMeasureFormat.decode(Data(withCodes.utf8), file: "a.json") }
        #expect(e1.field == "denominator.bnf_codes")
        let noCodes = Self.ics.replacingOccurrences(of: "{\"type\": \"list_size\"}", with: "{\"type\": \"items\"}")
        let e2 = try #require(throws: InputError.self) { try RxAtlasMeasureFormat.decode(Data(noCodes.utf8), file: "b.json") }
        #expect(e2.field == "denominator.bnf_codes")
    }

    @Test func missingAndMistypedFieldsAreNamed() throws {
        let noName = Self.ics.replacingOccurrences(of: "\"name\": \"ICS items per 1,000 patients\",", with: "")
        let e1 = try #require(throws: InputError.self) { try RxAtlasMeasureFormat.decode(Data(noName.utf8), file: "n.json") }
        #expect(e1.field == "name")
        let badBool = Self.ics.replacingOccurrences(of: "\"low_is_good\": false", with: "\"low_is_good\": \"no\"")
        let e2 = try #require(throws: InputError.self) { try RxAtlasMeasureFormat.decode(Data(badBool.utf8), file: "b.json") }
        #expect(e2.field == "low_is_good")
        let badMin = Self.ics.replacingOccurrences(of: "\"minimum_denominator\": 1", with: "\"minimum_denominator\": -5")
        let e3 = try #require(throws: InputError.self) { try RxAtlasMeasureFormat.decode(Data(badMin.utf8), file: "m.json") }
        #expect(e3.field == "minimum_denominator")
        let e4 = try #require(throws: InputError.self) { try RxAtlasMeasureFormat.decode(Data("{\"id\": ".utf8), file: "j.json") }
        #expect(e4.file == "j.json" && e4.reason.contains("JSON"))
    }
}
