import Foundation
import RxAtlas
import RxData
import Testing
@testable import RxDMD

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let definitions = root.deletingLastPathComponent().appendingPathComponent("shared/data/reference/openprescribing-measures/v1-json").path
private let sample = root.appendingPathComponent("datasets/sample").path

/// The fixture release imported once per test.
private func release(_ dir: TemporaryFolder, presentations: [(code: String, name: String?)] = []) throws -> DMDDatabase {
    try DMDFixture.write(to: dir.path + "/release")
    try DMDImport.run(paths: [dir.path + "/release"], output: dir.path + "/dmd.sqlite")
    return try DMDDatabase(path: dir.path + "/dmd.sqlite", presentations: presentations)
}

/// OpenPrescribing's own queries, from its definition files, run on the fixture release.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: definitions), "../shared/data/reference/openprescribing-measures is missing"))
struct DMDDatabaseTests {
    /// The definition `id`'s side `side` resolved through the release (its codes, sorted).
    private func resolved(_ id: String, _ side: String = "numerator", db: DMDDatabase) throws -> [String] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(definitions)/\(id).json"))) as! [String: Any]
        let q = object["\(side)_bnf_codes_query"]
        let sql = (q as? [String])?.joined(separator: " ") ?? (q as? String) ?? ""
        return Array(Set(try db.codes(for: sql))).sorted()
    }

    @Test func formAndRouteQueries() throws {
        let dir = try TemporaryFolder()
        let db = try release(dir)
        // Pressurised inhalers under chapter 3, salbutamol's excluded: the beclometasone inhaler alone.
        #expect(try resolved("environmental_inhalers", db: db) == ["0302000C0AABVBV"])
        #expect(try resolved("toothpaste", db: db) == ["1203010S0AAAAAA"])
        // Oral forms, VMPs and their AMPs.
        let oral = try resolved("all_antibiotics", db: db)
        #expect(oral.contains("0501013B0AAABAB") && oral.contains("0501013B0BBAAAB") && oral.contains("0501013B0AAASAS"))
        #expect(!oral.contains("0501021L0AAAAAA") && !oral.contains("0302000C0AABVBV"))
        #expect(try resolved("injectable_antibiotics", db: db) == ["0501021L0AAAAAA"])
        #expect(try resolved("diltiazem", db: db) == ["0206020C0AAAAAA", "0206020C0AAAUAU"])
    }

    @Test func ingredientProductAndNameQueries() throws {
        let dir = try TemporaryFolder()
        let db = try release(dir)
        // Fentanyl by VTM, not patches: the buccal tablet and its AMP.
        #expect(try resolved("lpfentanylir", db: db) == ["0407020A0AADCDC", "0407020A0BGAADC"])
        #expect(try resolved("lpperindopril", db: db) == ["0205051Y0AAACAC"])
        #expect(try resolved("lptramadolpara", db: db) == ["040702040AAAQAQ"])
        #expect(try resolved("lpglucosamine", db: db) == ["1003040AAAAAAAA"])
        // Herbal: gamolenic/ubidecarenone VTMs (none here), and AMPs of licensing authority 4.
        #expect(try resolved("lpherbal", db: db) == ["1903000Z0BBAAAA"])
        // Names holding SILV: an 11-character appliance code, kept whole.
        #expect(try resolved("silver", db: db) == ["20030200012"])
    }

    @Test func queriesOverThePresentationTable() throws {
        let dir = try TemporaryFolder()
        // Colecalciferol capsules with one ingredient, matched through the generic equivalent.
        let db = try release(dir, presentations: [("0906040G0AAAAAA", "Colecalciferol_Cap 800u"), ("0906040G0BBAAAA", "Brand_Cap 800u")])
        #expect(try resolved("vitamind", db: db) == ["0906040G0AAAAAA", "0906040G0BBAAAA"])
    }

    @Test func aQueryThatCannotRunSaysWhy() throws {
        let dir = try TemporaryFolder()
        let db = try release(dir)
        #expect { try resolved("aware_antibiotics", db: db) } throws: { "\($0)".contains("vw_aware_abx_bnf_codes") }
    }

    /// With the release, OpenPrescribing's folder runs more definitions; one of them gives the
    /// numbers of the same measure written with its codes as a plain filter.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sample + "/epd_202501.csv.gz"), "datasets/sample is missing"))
    func definitionsRunWithTheRelease() throws {
        let dir = try TemporaryFolder()
        let db = try release(dir)
        let without = try MeasureLibrary.loadRunnable(paths: [definitions])
        let with = try MeasureLibrary.loadRunnable(paths: [definitions], codeQueries: db)
        let gained = Set(with.definitions.map(\.id)).subtracting(without.definitions.map(\.id))
        #expect(gained.isSuperset(of: ["toothpaste", "lpperindopril", "lpfentanylir", "silver", "diltiazem", "all_antibiotics"]))
        // The query's codes filtered by the definition's own filter: the 60mg tablets excluded.
        let diltiazem = try #require(with.definitions.first { $0.id == "diltiazem" })
        #expect(diltiazem.numerator.filter?.terms.map { String(decoding: $0.pattern, as: UTF8.self) } == ["0206020C0AAAUAU"])
        let refusedByQuery = without.refused.filter { $0.reasons.contains { $0.field?.hasSuffix("bnf_codes_query") == true } }
        #expect(refusedByQuery.allSatisfy { r in r.reasons.contains { $0.reason.contains("rxatlas dmd import") } || r.reasons.contains { $0.field?.hasSuffix("_type") == true } })

        let months = (1...3).map { "20250\($0)" }
        _ = try StoreIngest(options: IngestOptions(files: months.map { sample + "/epd_\($0).csv.gz" },
                                                   listSizes: months.map { sample + "/list_sizes_\($0).csv.gz" },
                                                   orgMapping: sample + "/orgs.csv.gz", softwareVersion: "test")).run(store: dir.path + "/store")
        let store = try Store.open(at: dir.path + "/store")
        let resolved = try #require(with.definitions.first { $0.id == "lpperindopril" })
        var plain = resolved
        plain.id = "lpperindopril_plain"
        plain.numerator.filter = try BNFFilter(["0205051Y0AAACAC"])
        let period = try #require(try store.months().first)...(try store.months().last!)
        let run = try MeasureRun.run(store: store, period: period, definitions: [resolved, plain], levels: [.practice])
        let a = try #require(run.values.first { $0.measureID == "lpperindopril" })
        let b = try #require(run.values.first { $0.measureID == "lpperindopril_plain" })
        #expect(a.orgCodes == b.orgCodes && a.numerator == b.numerator && a.denominator == b.denominator)
        #expect(a.numerator.reduce(0, +) > 0)
    }

    /// The second format's `routes` select what the first format's form-and-route query selects:
    /// `all_antibiotics` gets the same code list from both files.
    /// With the first format beside it, every second-format definition that is not
    /// `output_value: custom` runs, but aware_antibiotics (its view needs OpenPrescribing's AWaRe
    /// table); those with an empty code list select the JSON query's codes.
    @Test func theSecondFormatWithTheFirstFormatsCodes() throws {
        let dir = try TemporaryFolder()
        let db = try release(dir)
        let yaml = definitions.replacingOccurrences(of: "v1-json", with: "v2-yaml")
        guard FileManager.default.fileExists(atPath: yaml) else { return }
        let loaded = try MeasureLibrary.loadRunnable(paths: [yaml], codeQueries: db, firstFormat: [definitions])
        let custom = loaded.refused.filter { $0.reasons.contains { $0.reason.hasPrefix("'custom'") } }
        #expect(custom.count == 29)
        #expect(loaded.refused.filter { !custom.contains($0) }.map(\.id) == ["aware_antibiotics"])
        #expect(loaded.definitions.count == 56)
        let v1 = try MeasureLibrary.loadRunnable(paths: [definitions + "/toothpaste.json"], codeQueries: db).definitions[0]
        let toothpaste = try #require(loaded.definitions.first { $0.id == "toothpaste" })
        #expect(toothpaste.numerator.filter != nil && toothpaste.numerator.filter == v1.numerator.filter)
        #expect(toothpaste.numerator.quantity == .actualCost && toothpaste.notes.contains { $0.contains("toothpaste.json's") })

        // With an AWaRe table beside the release, aware_antibiotics runs too: all 57.
        let csv = dir.path + "/aware.csv"
        try "bnf_code,aware\n0501013B0AAABAB,Access\n0501120L0AAAFAF,Watch\n".write(toFile: csv, atomically: true, encoding: .utf8)
        try DMDImport.run(paths: [dir.path + "/release"], output: dir.path + "/aware.sqlite", tables: [("vw_aware_abx_bnf_codes", csv)])
        let withTable = try DMDDatabase(path: dir.path + "/aware.sqlite", presentations: [])
        let all = try MeasureLibrary.loadRunnable(paths: [yaml], codeQueries: withTable, firstFormat: [definitions])
        #expect(all.definitions.count == 57 && all.refused.count == 29)
        let aware = try #require(all.definitions.first { $0.id == "aware_antibiotics" })
        #expect(aware.numerator.filter == (try BNFFilter(codes: ["0501120L0AAAFAF"])))
    }

    @Test func theYAMLsRoutesSelectAsTheJSONsQuery() throws {
        let dir = try TemporaryFolder()
        let db = try release(dir)
        let yaml = definitions.replacingOccurrences(of: "v1-json", with: "v2-yaml") + "/all_antibiotics.yaml"
        guard FileManager.default.fileExists(atPath: yaml) else { return }
        let v2 = try OpenPrescribingV2Format.decode(Data(contentsOf: URL(fileURLWithPath: yaml)), file: yaml, codeQueries: db)
        let v1 = try MeasureLibrary.loadRunnable(paths: [definitions + "/all_antibiotics.json"], codeQueries: db).definitions[0]
        func codes(_ d: MeasureDefinition) -> [String] { (d.numerator.filter?.terms ?? []).map { String(decoding: $0.pattern, as: UTF8.self) }.sorted() }
        #expect(!codes(v2).isEmpty && codes(v2) == codes(v1))
        #expect(throws: RefusedMeasure.self) { try OpenPrescribingV2Format.decode(Data(contentsOf: URL(fileURLWithPath: yaml)), file: yaml) }
    }
}
