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
        // Over February and March only, the term holds in every month of the period: no months.
        let late = try DMDDatabase(path: dir.path + "/dmd.sqlite", store: store, period: february...march)
        let lateTerms = try late.customSide(columns: "SUM(items) AS numerator", from: "{hscic}.normalised_prescribing",
                                            where: "bnf_code = '0501013B0AAABAB' AND (DATE(month) >= '2025-02-01' OR bnf_code = 'none')")
        #expect(lateTerms.count == 1 && lateTerms[0].months == nil)

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

    /// A condition on quantity per item: the terms count items at the quantities per item the
    /// condition keeps, and the kernel's numerator per practice equals a sum over the file's lines.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: sample + "/epd_202501.csv.gz"), "datasets/sample is missing"))
    func aConditionOnQuantityPerItemCountsTheLinesItKeeps() throws {
        let dir = try TemporaryFolder()
        try DMDFixture.write(to: dir.path + "/release")
        try DMDImport.run(paths: [dir.path + "/release"], output: dir.path + "/dmd.sqlite")
        _ = try StoreIngest(options: IngestOptions(files: [sample + "/epd_202501.csv.gz"], listSizes: [sample + "/list_sizes_202501.csv.gz"],
                                                   orgMapping: sample + "/orgs.csv.gz", softwareVersion: "test")).run(store: dir.path + "/store")
        let store = try Store.open(at: dir.path + "/store")
        let db = try DMDDatabase(path: dir.path + "/dmd.sqlite", store: store)
        let over15 = try db.customSide(columns: "SUM(items) AS numerator", from: "{hscic}.raw_prescribing_normalised",
                                       where: "bnf_code LIKE '0501013B0%AB' AND quantity_per_item > 15 --Amoxicillin 500mg capsules")
        #expect(!over15.isEmpty && over15.allSatisfy { $0.column == .items && $0.weight == 1 })
        #expect(over15.allSatisfy { ($0.quantityPerItem ?? []).allSatisfy { $0 > 15 * FixedPoint.scale } && $0.quantityPerItem != nil })
        // Without a condition on it, every quantity per item the store holds: no condition.
        let all = try db.customSide(columns: "SUM(total_quantity) AS denominator", from: "{hscic}.raw_prescribing_normalised",
                                    where: "bnf_code LIKE '0501013B0%AB'")
        #expect(!all.isEmpty && all.allSatisfy { $0.quantityPerItem == nil && $0.column == .quantity })
        // Cost by quantity per item is not kept.
        #expect { try db.customSide(columns: "SUM(actual_cost) AS numerator", from: "{hscic}.raw_prescribing_normalised",
                                    where: "bnf_code LIKE '0501013B0%AB' AND quantity_per_item > 15") }
            throws: { "\($0)".contains("items and quantity only") }

        var measure = MeasureDefinition(id: "amox_over_15", name: "Amoxicillin over 15", isPercentage: false, lowIsGood: true,
                                        isCostBased: false, numerator: .init(quantity: .items, filter: nil),
                                        denominator: .init(quantity: .listSize, filter: nil))
        measure.numerator.terms = over15
        let month = YearMonth(year: 2025, month: 1)!
        let values = try MeasureRun.run(store: store, period: month...month, definitions: [measure], levels: [.practice]).values[0]

        // The same from the file's lines.
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gunzip.arguments = ["-dc", sample + "/epd_202501.csv.gz"]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        gunzip.waitUntilExit()
        var lines = text.split { $0 == "\n" || $0 == "\r\n" }   // the sample's lines end in CR LF, one Character
        let header = lines.removeFirst().split(separator: ",").map(String.init)
        let p = header.firstIndex(of: "PRACTICE_CODE")!, c = header.firstIndex(of: "BNF_PRESENTATION_CODE")!
        let q = header.firstIndex(of: "QUANTITY")!, n = header.firstIndex(of: "ITEMS")!
        var expected: [String: Double] = [:]
        for line in lines {
            // A plain quote-aware split (the sample has quoted fields with commas, no escaped quotes).
            var f: [String] = [], field = "", quoted = false
            for ch in line {
                if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { f.append(field); field = "" } else { field.append(ch) }
            }
            f.append(field)
            guard f.count == header.count else { Issue.record("a line of \(f.count) fields"); continue }
            let code = f[c]
            // Unidentified prescribing is kept per sub-ICB (`-@01A`).
            let org = f[p] == "-" ? "-@" + f[header.firstIndex(of: "PCO_CODE")!] : f[p]
            if code.hasPrefix("0501013B0") && code.hasSuffix("AB") && Double(f[q])! > 15 { expected[org, default: 0] += Double(f[n])! }
        }
        #expect(expected.values.reduce(0, +) > 0)
        for (u, org) in values.orgCodes.enumerated() { #expect(values.numerator[u] == expected[org] ?? 0, "\(org)") }
    }
}
