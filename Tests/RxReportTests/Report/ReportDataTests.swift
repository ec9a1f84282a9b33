import Foundation
import Testing
import RxAtlas
import RxData
@testable import RxReport

/// The report over the bundled sample (datasets/sample, 12 months × 150 practices), computed
/// from a store with the same library calls as the analysis commands.
struct ReportDataTests {
    static let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets/sample").path
    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: sample)) ?? []).sorted()
        .map { sample + "/" + $0 }

    @Test(.enabled(if: files.contains { $0.hasSuffix("epd_202501.csv.gz") }, "datasets/sample is missing"))
    func sampleReportHasEveryAnalysisAndItsProvenance() throws {
        let dir = TempDir()
        let epd = Self.files.filter { $0.contains("/epd_") }, lists = Self.files.filter { $0.contains("/list_sizes_") }
        _ = try StoreIngest(options: IngestOptions(files: epd, listSizes: lists, orgMapping: Self.sample + "/orgs.csv.gz",
                                                   softwareVersion: "test")).run(store: dir.path("store"))
        let store = try Store.open(at: dir.path("store"))
        let months = try store.months()
        let data = try ReportData.compute(store: store, period: months.first!...months.last!)
        // The same analyses the commands run: every built-in measure at every reported level,
        // the steroid measures, biosimilars and chemical outliers.
        let library = try MeasureLibrary.builtIn()
        let ids = Set(data.atlas.results.map(\.measureID))
        #expect(ids.isSuperset(of: library.map(\.id)))
        #expect(ids.contains(SteroidMeasures.highDoseNICE))
        #expect(data.atlas.results.count == ids.count * ReportOptions().levels.count)
        #expect(data.biosimilars != nil)
        #expect(!data.chemicalOutliers.isEmpty)
        #expect(!data.steroids.rows.isEmpty)
        #expect(Set(data.icbMonthly.map(\.measureID)) == Set(ReportOptions().keyMeasures))

        let html = try HTMLReport(data).html()
        for (id, _) in HTMLReport.sections { #expect(html.contains("<section id=\"\(id)\">")) }
        // Provenance: every ingested file with its checksum.
        let manifest = try store.manifest()
        let inputs = manifest.ingests.flatMap(\.inputs)
        #expect(inputs.count == epd.count + lists.count + 1)
        for f in inputs { #expect(html.contains(f.checksum) && html.contains(HTML.escape(f.path)), "\(f.path)") }
        // An entry for every ICB of the directory.
        for icb in Set(data.orgs.practices.values.compactMap { $0.parents[.icb] }) {
            #expect(html.contains("id=\"org-icb-\(HTML.identifier(icb))\""))
        }
        #expect(!html.contains("http:") && !html.contains("https:"))
        // Each file lists the months it holds, not the run's twelve.
        let provenance = try #require(html.range(of: "id=\"provenance\"")).lowerBound
        let provenanceRows = html[provenance...].components(separatedBy: "</table>")[0]
        #expect(provenanceRows.contains("epd_202503.csv.gz") && provenanceRows.contains("<td>2025-03</td>"))
        #expect(!provenanceRows.contains("2025-01–2025-12") && !provenanceRows.contains("2025-01 2025-02"))
        // Every label is what its column holds.
        #expect(!html.contains(">Price per unit</th>") && html.contains(">Price-per-unit saving</th>"))
        #expect(html.contains("Why no saving"))
        let molecules = try #require(data.biosimilars).opportunities.filter { $0.level == .nation }
        for r in molecules where !(r.targetUptake > 0) {
            let reason = try #require(data.biosimilars?.noSavingReason(r))
            #expect(html.contains(HTML.escape(reason)), "\(r.molecule): no reason shown for no saving")
        }
        #expect(html.contains("Denominator (thousand patient-months)") || html.contains("Denominator (ICS items)"))
        #expect(!html.contains(">denominator</text>"), "funnel x axes name their unit")
        // Only flagged practices have entries, closed until opened.
        #expect(!html.contains("<div class=\"org\""))
        #expect(!html.contains("<details class=\"org\" open"))
        // Four ICBs are too few for chemical z-scores, quintiles or a hex map of 42.
        #expect(!html.contains("id=\"chemical-icb\""))
        #expect(!html.contains("class=\"hex\""))
        // Each ICB entry draws its key measures month by month.
        #expect(html.contains("against every icb&#39;s deciles") || html.contains("against every icb&apos;s deciles")
                || html.contains("against every icb's deciles"))
    }
}
