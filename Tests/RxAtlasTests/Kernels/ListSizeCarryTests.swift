import Foundation
import Testing
@testable import RxAtlas
import RxData

/// The bundled sample, `datasets/sample`.
enum BundledSample {
    static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets/sample").path
    static let available = FileManager.default.fileExists(atPath: path + "/epd_202501.csv.gz")
}

/// Twelve months of prescribing with one January list-size extract, against the same months with
/// twelve monthly extracts: proportions and steroid shares are the same; per-1,000 values are
/// carried three months and absent after, with a warning.
@Suite(.enabled(if: BundledSample.available, "datasets/sample is missing"))
struct ListSizeCarryTests {
    static let sample = BundledSample.path

    static func store(_ dir: String, listSizes: [String]) throws -> Store {
        let epd = (1...12).map { sample + String(format: "/epd_2025%02d.csv.gz", $0) }
        _ = try StoreIngest(options: IngestOptions(files: epd, listSizes: listSizes, orgMapping: sample + "/orgs.csv.gz",
                                                   threads: 2, softwareVersion: "test")).run(store: dir)
        return try Store.open(at: dir)
    }

    @Test func oneExtractForTwelveMonths() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-carry-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let monthly = try Self.store(root + "/monthly", listSizes: (1...12).map { Self.sample + String(format: "/list_sizes_2025%02d.csv.gz", $0) })
        let january = try Self.store(root + "/january", listSizes: [Self.sample + "/list_sizes_202501.csv.gz"])
        let period = YearMonth(year: 2025, month: 1)!...YearMonth(year: 2025, month: 12)!
        let library = try MeasureLibrary.builtIn()
        let share = try #require(library.first { $0.id == "ics_high_dose" })
        let perK = try #require(library.first { $0.id == "prednisolone_items_per_1000" })

        let kernel = MeasureKernel()
        let a = try kernel.computeWithCoverage(store: monthly, measures: [share, perK], months: period, levels: [.practice, .icb])
        let b = try kernel.computeWithCoverage(store: january, measures: [share, perK], months: period, levels: [.practice, .icb])
        #expect(a.listSizes.allSatisfy { $0 == .own })
        #expect(b.listSizes[0] == .own && b.listSizes[1...3].allSatisfy { $0 == .carried(from: YearMonth(year: 2025, month: 1)!) })
        #expect(b.listSizes[4...].allSatisfy { $0 == .missing })

        // The proportion is identical in every month, at every level: no month is dropped.
        for level in 0..<2 {
            #expect(a.values[level].value.elementsEqual(b.values[level].value) { $0 == $1 || ($0.isNaN && $1.isNaN) })
            #expect(a.values[level].numerator == b.values[level].numerator)
        }
        // Per 1,000: January and the three carried months have values; May on has none.
        let pk = b.values[2]   // prednisolone, practice level
        let T = pk.months.count
        let defined = (0..<T).map { t in (0..<pk.orgCodes.count).contains { pk.status[$0 * T + t] == .defined } }
        #expect(defined[0...3].allSatisfy { $0 } && defined[4...].allSatisfy { !$0 })
        let warnings = MeasureKernel.listSizeWarnings([share, perK], months: b.months, sources: b.listSizes, carry: 3)
        #expect(warnings.first?.hasPrefix("no list sizes for 2025-05, 2025-06") == true)
        #expect(MeasureKernel.listSizeWarnings([share], months: b.months, sources: b.listSizes, carry: 3).isEmpty,
                "a proportion never depends on list sizes")

        // The coverage record says so, month by month, and counts every practice as standard in
        // every month it prescribed (the rule is the prescriber's, not the month's).
        let coverage = try Coverage.compute(store: january, period: period)
        #expect(coverage.monthsWithoutListSizes.map(\.description) == (5...12).map { String(format: "2025-%02d", $0) })
        #expect(coverage.monthsWithCarriedListSizes.count == 3)
        #expect(coverage.warnings(perThousand: true).first?.hasPrefix("no list sizes for 2025-05") == true)
        #expect(coverage.warnings(perThousand: false).isEmpty)
        let full = try Coverage.compute(store: monthly, period: period)
        #expect(full.isComplete() && coverage.months.map(\.standardPractices) == full.months.map(\.standardPractices))
        #expect(coverage.months.allSatisfy { $0.standardPractices > 100 })
        #expect(coverage.table().rowCount == 12)

        // Steroid shares over the year: the same rows, from all twelve months.
        let sa = try SteroidAnalysis.run(store: monthly, period: period, levels: [.practice])
        let sb = try SteroidAnalysis.run(store: january, period: period, levels: [.practice])
        let ids: Set<String> = [SteroidMeasures.highDoseNICE, SteroidMeasures.highDoseOpenPrescribing]
        let ra = sa.rows.filter { $0.isPeriod && ids.contains($0.measureID) }
        let rb = sb.rows.filter { $0.isPeriod && ids.contains($0.measureID) }
        #expect(!ra.isEmpty && ra.map(\.numerator) == rb.map(\.numerator) && ra.map(\.denominator) == rb.map(\.denominator))
    }
}
