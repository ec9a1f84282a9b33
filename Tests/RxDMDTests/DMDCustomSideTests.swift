import Foundation
import RxAtlas
import RxData
import Testing
@testable import RxDMD

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let sample = root.appendingPathComponent("datasets/sample").path

/// `custom` SQL as per-presentation weights: what each item, unit or pound counts for, with the
/// joins' multiplicities, linearity checked, and month-dependent conditions held per month.
struct DMDCustomSideTests {
    private func release(_ dir: TemporaryFolder, presentations: [(code: String, name: String?)]) throws -> DMDDatabase {
        try DMDFixture.write(to: dir.path + "/release")
        try DMDImport.run(paths: [dir.path + "/release"], output: dir.path + "/dmd.sqlite")
        return try DMDDatabase(path: dir.path + "/dmd.sqlite", presentations: presentations)
    }

    private static let presentations: [(code: String, name: String?)] = [
        ("0301011R0AAAPAP", "Salbutamol_Inha 100mcg (200 D) CFF"), ("0301011R0BEAAAP", "Ventolin_Evohaler 100mcg (200 D)"),
        ("0302000C0AABVBV", "Beclomet Diprop_Inha 200mcg (200 D) CFF"), ("0501013B0AAABAB", "Amoxicillin_Cap 500mg"),
        ("0205051Y0AAACAC", "Perindopril Arginine_Tab 10mg"),
    ]

    /// Σ terms as a dictionary: code → (column, weight).
    private func weights(_ terms: [MeasureDefinition.WeightedTerm]) -> [String: [Measure: Double]] {
        var out: [String: [Measure: Double]] = [:]
        for t in terms {
            for term in t.filter.terms { out[String(decoding: term.pattern, as: UTF8.self), default: [:]][t.column, default: 0] += t.weight }
        }
        return out
    }

    @Test func aWeightedQuantityAndAJoinToDMD() throws {
        let dir = try TemporaryFolder()
        let db = try release(dir, presentations: Self.presentations)
        // carbon_salbutamol's shape: quantity times a weight per code.
        let carbon = try db.customSide(columns: "SUM(CASE WHEN bnf_code = '0301011R0AAAPAP' THEN quantity * 9.72 ELSE quantity * 0.62 END) AS numerator",
                                       from: "{hscic}.normalised_prescribing", where: "bnf_code LIKE '0301011R0%' # salbutamol")
        #expect(weights(carbon) == ["0301011R0AAAPAP": [.quantity: 9.72], "0301011R0BEAAAP": [.quantity: 0.62]])
        // Items of presentations whose generic equivalent's VMP has an ingredient: a join to dm+d.
        let byIngredient = try db.customSide(
            columns: "SUM(p.items) AS numerator",
            from: "{hscic}.normalised_prescribing p INNER JOIN {dmd}.vmp vmp ON CONCAT(SUBSTR(p.bnf_code,0,9),'AA', SUBSTR(p.bnf_code,-2), SUBSTR(p.bnf_code,-2)) = vmp.bnf_code -- generic\n INNER JOIN {dmd}.vpi AS vpi ON vmp.id = vpi.vmp",
            where: "vpi.ing = 442509000")
        #expect(weights(byIngredient) == ["0205051Y0AAACAC": [.items: 1]])
    }

    @Test func aConditionOnARowsOwnNumbersIsRefused() throws {
        let dir = try TemporaryFolder()
        let db = try release(dir, presentations: Self.presentations)
        #expect { try db.customSide(columns: "SUM(items) AS numerator", from: "{hscic}.normalised_prescribing", where: "items > 1") }
            throws: { "\($0)".contains("not a weight per presentation") }
        #expect { try db.customSide(columns: "SUM(items) AS numerator", from: "{hscic}.raw_prescribing_normalised", where: "quantity_per_item > 15") }
            throws: { "\($0)".contains("quantity per item") }
        #expect { try db.customSide(columns: "SUM(x) AS numerator", from: "{measures}.vw__bdz_total_adq p", where: "1 = 1") }
            throws: { "\($0)".contains("vw__bdz_total_adq") }
    }

    /// A condition on the month holds in its months: the store's months are evaluated one by one.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sample + "/epd_202501.csv.gz"), "datasets/sample is missing"))
    func aConditionOnTheMonthHoldsInItsMonths() throws {
        let dir = try TemporaryFolder()
        try DMDFixture.write(to: dir.path + "/release")
        try DMDImport.run(paths: [dir.path + "/release"], output: dir.path + "/dmd.sqlite")
        let months = (1...3).map { "20250\($0)" }
        _ = try StoreIngest(options: IngestOptions(files: months.map { sample + "/epd_\($0).csv.gz" },
                                                   listSizes: months.map { sample + "/list_sizes_\($0).csv.gz" },
                                                   orgMapping: sample + "/orgs.csv.gz", softwareVersion: "test")).run(store: dir.path + "/store")
        let store = try Store.open(at: dir.path + "/store")
        let db = try DMDDatabase(path: dir.path + "/dmd.sqlite", store: store)
        let terms = try db.customSide(columns: "SUM(items) AS numerator", from: "{hscic}.normalised_prescribing",
                                      where: "bnf_code = '0501013B0AAABAB' AND (DATE(month) >= '2025-02-01' OR bnf_code = 'none')")
        let march = YearMonth(year: 2025, month: 3)!, february = YearMonth(year: 2025, month: 2)!
        #expect(terms.count == 1 && terms[0].months == [february, march] && terms[0].column == .items && terms[0].weight == 1)

        // The kernel counts the term in its months only: January is zero, February and March
        // equal the plain filter's.
        var weighted = MeasureDefinition(id: "amox_from_feb", name: "Amoxicillin from February", isPercentage: false, lowIsGood: true,
                                         isCostBased: false, numerator: .init(quantity: .items, filter: nil),
                                         denominator: .init(quantity: .listSize, filter: nil))
        weighted.numerator.terms = terms
        let plain = MeasureDefinition(id: "amox", name: "Amoxicillin", isPercentage: false, lowIsGood: true, isCostBased: false,
                                      numerator: .init(quantity: .items, filter: try BNFFilter(["0501013B0AAABAB"])),
                                      denominator: .init(quantity: .listSize, filter: nil))
        let period = YearMonth(year: 2025, month: 1)!...march
        let values = try MeasureRun.run(store: store, period: period, definitions: [weighted, plain], levels: [.practice]).values
        let a = try #require(values.first { $0.measureID == "amox_from_feb" }), b = try #require(values.first { $0.measureID == "amox" })
        let T = a.months.count
        #expect(a.orgCodes == b.orgCodes && T == 3)
        var total = 0.0
        for u in a.orgCodes.indices {
            #expect(a.numerator[u * T] == 0)
            for t in 1..<T { #expect(a.numerator[u * T + t] == b.numerator[u * T + t]) }
            total += b.numerator[u * T + 1]
        }
        #expect(total > 0)
    }
}
