import Foundation
import Testing
import RxAtlas
import RxData
import RxStats
@testable import RxReport

/// Every label in the report says what its column or chart holds.
struct HTMLReportLabelsTests {
    @Test func outlierTableNamesUnitsAndTheFlagsOwnZ() throws {
        let data = try HTMLReportTests.data(units: 40)
        let html = try HTMLReport(data, options: HTMLReportTests.options).html()
        let r = try #require(data.atlas.results.first { $0.level == .practice })
        let adjusted = try #require(r.funnelAdjusted)
        #expect(adjusted.summary.adjusted, "the fixture is overdispersed")
        #expect(html.contains(">Numerator (items)</th>") && html.contains(">Denominator (items)</th>"))
        #expect(html.contains(">z (adjusted; the flag&#39;s)</th>") || html.contains(">z (adjusted; the flag's)</th>")
                || html.contains(">z (adjusted; the flag&apos;s)</th>"))
        #expect(html.contains(">z (unadjusted)</th>"))
        // The flagged practice's adjusted z is printed, and it is beyond the 99.8% quantile.
        let i = try #require(r.units.firstIndex(of: "P00008"))
        #expect(adjusted.funnel.flags[i].isOutside998)
        #expect(abs(adjusted.funnel.adjustedZ[i]) > LimitQuantiles.funnelPlotR.z998)
        #expect(html.contains(ReportFormat.number(adjusted.funnel.adjustedZ[i], digits: 2)))
    }

    @Test func onlyFlaggedPracticesHaveEntriesClosedUntilOpened() throws {
        let data = try HTMLReportTests.data(units: 40)
        let report = HTMLReport(data, options: HTMLReportTests.options)
        let html = try report.html()
        let entries = report.entryPractices()
        #expect(!entries.isEmpty && entries.count < 40)
        for code in entries {
            #expect(report.findings[.init(level: .practice, code: code)]?.contains(where: HTMLReport.isFlag) == true)
        }
        let r = try #require(data.atlas.results.first { $0.level == .practice })
        let f = try #require(r.funnelAdjusted)
        for (i, code) in r.units.enumerated() where !f.funnel.flags[i].isOutside998 {
            #expect(!html.contains("id=\"org-practice-\(code)\""), "\(code) is not flagged")
        }
        #expect(html.contains("<details class=\"org\" id=\"org-practice-P00008\">"))
    }

    @Test func tiedValuesShareTheirRank() throws {
        // Both ICBs hold the same practices' totals twice over: equal values.
        let months = ReportFixture.months
        let cells = 2 * months.count
        let values = MeasureValues(measureID: "ics_share", level: .icb, orgCodes: ["QAA", "QBB"], orgNames: [nil, nil], months: months,
                                   numerator: Array(repeating: 10, count: cells), denominator: Array(repeating: 100, count: cells),
                                   value: Array(repeating: 10, count: cells), status: Array(repeating: .defined, count: cells))
        let run = try AtlasRun([values], definitions: [ReportFixture.definition], period: HTMLReportTests.period)
        var data = try HTMLReportTests.data(units: 4)
        data = ReportData(storePath: data.storePath, manifest: data.manifest, orgs: data.orgs, period: data.period,
                          definitions: data.definitions, atlas: run, biosimilars: nil, steroids: data.steroids, chemicalOutliers: [])
        let html = try HTMLReport(data, options: HTMLReportTests.options).html()
        #expect(html.contains(">=1 of 2</td>"))
        #expect(!html.contains(">1 of 2</td>"))
    }

    @Test func provenanceListsEachFilesOwnMonths() throws {
        let data = try HTMLReportTests.data(units: 4)
        let months = ReportFixture.months
        let files = [ProvenanceEntry.InputFile(path: "epd_a.csv", size: 1, checksum: "xxh64:0000000000000001", months: [months[0]]),
                     ProvenanceEntry.InputFile(path: "epd_b.csv", size: 1, checksum: "xxh64:0000000000000002", months: [months[1], months[2]]),
                     ProvenanceEntry.InputFile(path: "orgs.csv", size: 1, checksum: "xxh64:0000000000000003")]
        let manifest = StoreManifest(softwareVersion: "t", months: months,
                                     ingests: [ProvenanceEntry(softwareVersion: "t", inputs: files, monthsWritten: months)])
        let withFiles = ReportData(storePath: data.storePath, manifest: manifest, orgs: data.orgs, period: data.period,
                                   definitions: data.definitions, atlas: data.atlas, biosimilars: nil, steroids: data.steroids,
                                   chemicalOutliers: [])
        let html = try HTMLReport(withFiles, options: HTMLReportTests.options).html()
        let table = html.components(separatedBy: "id=\"provenance\"")[1].components(separatedBy: "</table>")[0]
        let rows = table.components(separatedBy: "<tr>").dropFirst(2)
        #expect(rows.count == 3)
        #expect(rows.first { $0.contains("epd_a.csv") }?.contains("<td>2025-01</td>") == true)
        #expect(rows.first { $0.contains("epd_b.csv") }?.contains("<td>2025-02–2025-03</td>") == true)
        #expect(rows.first { $0.contains("orgs.csv") }?.contains("<td>–</td>") == true)
    }

    @Test func searchPlaceholderFitsItsBox() throws {
        let html = try HTMLReport(try HTMLReportTests.data(units: 4), options: HTMLReportTests.options).html()
        let input = try #require(html.components(separatedBy: "<input id=\"org-search\"").dropFirst().first?.components(separatedBy: ">").first)
        let placeholder = try #require(input.components(separatedBy: "placeholder=\"").dropFirst().first?.components(separatedBy: "\"").first)
        let size = try #require(Int(input.components(separatedBy: "size=\"")[1].components(separatedBy: "\"")[0]))
        #expect(placeholder.count <= size, "a box of \(size) characters shows the \(placeholder.count)-character placeholder")
        #expect(ReportAssets.css.contains("#org-search{width:min(30rem"))
    }
}

extension HTMLReportLabelsTests {
    @Test func controlCharactersFromTheDataNeverReachThePage() throws {
        #expect(HTML.plain("A\u{0}B\u{7}C\tD") == "ABCD")
        #expect(HTML.plain("Plain name") == "Plain name")
        #expect(!HTML.escape("A\u{0}B").contains("\u{0}"))
    }
}

extension HTMLReportLabelsTests {
    /// Incomplete data put a banner at the top of the report and the months under Methods.
    @Test func incompleteCoverageShowsABanner() throws {
        var data = try HTMLReportTests.data(units: 4)
        let months = ReportFixture.months
        data.coverage = Coverage(months: months.enumerated().map { t, m in
            Coverage.Month(month: m, standardPractices: 4, listSizes: t == 0 ? .own : .missing, published: .all)
        }, unclassified: ["ICS": 2], listSizeCarry: 3)
        var def = ReportFixture.definition
        def.denominator = .init(quantity: .listSize, filter: nil)
        data.definitions.append(def)
        let html = try HTMLReport(data, options: HTMLReportTests.options).html()
        #expect(html.contains("id=\"coverage-banner\"") && html.contains("no list sizes for 2025-02, 2025-03"))
        #expect(html.contains("2 presentation(s) left unclassified by the ICS catalogue"))
        #expect(html.contains("id=\"coverage-months\""))
        data.coverage = Coverage(months: months.map { Coverage.Month(month: $0, standardPractices: 4, listSizes: .own, published: .all) },
                                 unclassified: [:], listSizeCarry: 3)
        let complete = try HTMLReport(data, options: HTMLReportTests.options).html()
        #expect(!complete.contains("id=\"coverage-banner\"") && complete.contains("id=\"coverage\""))
    }
}
