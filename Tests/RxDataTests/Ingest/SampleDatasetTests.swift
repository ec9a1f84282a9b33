import Foundation
import Testing
@testable import RxData

/// The bundled synthetic sample (`datasets/sample`, 2025+ EPD layout, gzipped) loads exactly:
/// every practice's totals match an independent computation on the decompressed text.
@Suite struct SampleDatasetTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets/sample")

    @Test func aSampleMonthLoadsExactly() throws {
        let dir = TempDir()
        let gz = Self.sample.appendingPathComponent("epd_202503.csv.gz").path
        let plain = dir.path("epd_202503.csv")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -dc '\(gz)' > '\(plain)'"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)

        let f = try PrescribingReader().read(path: gz)
        #expect(f.format == .epd2025)
        #expect(f.months.map(\.month) == [YearMonth(year: 2025, month: 3)!])
        let expected = try RealSampleTests.independent(path: plain, practice: "PRACTICE_CODE", code: "BNF_PRESENTATION_CODE",
                                                       measures: ["ITEMS", "TOTAL_QUANTITY", "NIC", "ACTUAL_COST", "ADQ_USAGE"])
        // The independent computation keys unidentified rows by '-'; ingest keeps one bucket per area.
        var got: [String: RealSampleTests.Totals] = [:]
        for (code, t) in RealSampleTests.fromStore(f.months[0]) {
            let key = code.hasPrefix("-") ? "-" : code
            var merged = got[key, default: .init()]
            for i in 0..<5 { merged.values[i] += t.values[i] }
            merged.codes.formUnion(t.codes)
            got[key] = merged
        }
        #expect(got == expected)
        #expect(f.summary.linesQuarantined == 0)
        #expect(f.months[0].validate() == nil)
    }

    @Test func sampleListSizesAndOrgMappingLoad() throws {
        let lists = try ListSizeReader.read(path: Self.sample.appendingPathComponent("list_sizes_202503.csv.gz").path)
        #expect(lists.months.map(\.month) == [YearMonth(year: 2025, month: 3)!])
        #expect(lists.months[0].practices.count > 100)
        let orgs = try OrgMappingReader.read(path: Self.sample.appendingPathComponent("orgs.csv.gz").path)
        #expect(orgs.practices.count >= 150)
        #expect(orgs.practices.values.allSatisfy { $0.parents[.icb] != nil && $0.parents[.region] != nil })
    }
}
