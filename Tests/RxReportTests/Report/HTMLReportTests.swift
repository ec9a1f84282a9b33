import Foundation
import Testing
import RxAtlas
import RxData
@testable import RxReport

/// The HTML report's assembly over hand-made results: sections, escaping of hostile names and
/// codes, no external references, capped tables at national scale, provenance, atomic writing.
struct HTMLReportTests {
    static let hostileICBCode = "Q\"><x>"
    static let period = ReportFixture.months[0]...ReportFixture.months[2]

    /// Report data over `units` practices of the fixture's measure (the fourth practice's name is
    /// hostile markup), split between two ICBs, one with a hostile name, one with a hostile code.
    static func data(units: Int) throws -> ReportData {
        let values = ReportFixture.values(units: units)
        var def = ReportFixture.definition
        def.name = "ICS <b>share</b>"
        let run = try AtlasRun([values], definitions: [def], period: period)
        var orgs = OrgDirectory()
        for (i, code) in values.orgCodes.enumerated() {
            orgs.upsert(PracticeRecord(code: code, name: values.orgNames[i], kind: .practice,
                                       parents: [.icb: i % 2 == 0 ? "QAA" : hostileICBCode]))
        }
        orgs.setName(ReportFixture.hostileName, level: .icb, code: "QAA")
        let input = ProvenanceEntry.InputFile(path: "epd_202501.csv.gz", size: 1234, checksum: "xxh64:0123456789abcdef")
        let manifest = StoreManifest(softwareVersion: "0.1.0", months: ReportFixture.months,
                                     ingests: [ProvenanceEntry(softwareVersion: "0.1.0", inputs: [input], monthsWritten: ReportFixture.months)])
        let steroids = SteroidReport(period: period, classifications: [], definitions: [], rows: [], ranked: [])
        return ReportData(storePath: "/stores/<demo>", manifest: manifest, orgs: orgs, period: period, definitions: [def],
                          atlas: run, biosimilars: nil, steroids: steroids, chemicalOutliers: [])
    }

    static var options: ReportOptions {
        var o = ReportOptions()
        o.keyMeasures = ["ics_share"]
        o.softwareVersion = "9.9.9-test"
        return o
    }

    /// The text of the JSON search index.
    static func indexJSON(_ html: String) throws -> [[String: Any]] {
        let start = try #require(html.range(of: "<script type=\"application/json\" id=\"org-index\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
        return try #require(json as? [[String: Any]])
    }

    @Test func everySectionSearchBoxAndChartArePresent() throws {
        let html = try HTMLReport(try Self.data(units: 40), options: Self.options).html()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        for (id, _) in HTMLReport.sections { #expect(html.contains("<section id=\"\(id)\">"), "section \(id)") }
        #expect(html.contains("<input id=\"org-search\" type=\"search\""))
        #expect(html.contains("<svg "))
        #expect(html.contains("id=\"atlas-summary\""))
        #expect(html.contains("id=\"org-icb-QAA\""))
        // The planted high (P00008) and low (P00012) practices are flagged and get entries.
        #expect(html.contains("id=\"org-practice-P00008\""))
        #expect(html.contains("id=\"org-practice-P00012\""))
    }

    @Test func hostileNamesAndCodesAreEscaped() throws {
        let html = try HTMLReport(try Self.data(units: 40), options: Self.options).html()
        #expect(!html.contains("<script>alert"))
        #expect(!html.contains("<x>"))
        #expect(!html.contains("<b>share"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") || html.contains("&lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;"))
        // Exactly two script elements: the JSON index and the report's own script.
        #expect(html.components(separatedBy: "<script").count - 1 == 2)
        // The index parses and carries the names as they are.
        let index = try Self.indexJSON(html)
        #expect(index.contains { ($0["n"] as? String) == ReportFixture.hostileName && ($0["l"] as? String) == "icb" })
        #expect(index.contains { ($0["c"] as? String) == Self.hostileICBCode })
        // Anchors made from a hostile code hold only safe characters.
        #expect(html.contains("id=\"org-icb-Q_22_3e_3cx_3e\""))
    }

    @Test func noExternalReferences() throws {
        let html = try HTMLReport(try Self.data(units: 40), options: Self.options).html()
        #expect(!html.contains("http:"))
        #expect(!html.contains("https:"))
        // url() only to fragments within the page (the charts' clip paths).
        #expect(html.components(separatedBy: "url(").dropFirst().allSatisfy { $0.hasPrefix("#") })
        #expect(!html.contains("@import"))
        #expect(!html.contains(" src="))
        // Every link is to an anchor in the page, and every anchor it names exists.
        let hrefs = html.components(separatedBy: "href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        #expect(!hrefs.isEmpty)
        for h in hrefs {
            #expect(h.hasPrefix("#"), "href \(h)")
            #expect(html.contains("id=\"\(h.dropFirst())\""), "anchor \(h)")
        }
    }

    @Test func nationalScaleTablesAreCappedAndEveryPracticeIsIndexed() throws {
        let units = 6500
        var options = Self.options
        options.maximumTableRows = 150
        options.maximumPracticeEntries = 100
        let html = try HTMLReport(try Self.data(units: units), options: options).html()
        // Every table body holds at most the cap.
        for table in html.components(separatedBy: "<tbody>").dropFirst() {
            let body = table.components(separatedBy: "</tbody>")[0]
            #expect(body.components(separatedBy: "<tr>").count - 1 <= 150)
        }
        let flagged = try Self.data(units: units).atlas.results[0]
        let outside = flagged.funnelAdjusted.map { $0.funnel.flags.filter(\.isOutside998).count } ?? 0
        if outside > 150 { #expect(html.contains("Showing the first 150 of \(outside) rows")) }
        #expect(html.components(separatedBy: "<div class=\"org\" id=\"org-practice-").count - 1 <= 100)
        let index = try Self.indexJSON(html)
        #expect(index.filter { ($0["l"] as? String) == "practice" }.count == units)
        #expect(html.utf8.count < 8_000_000, "report is \(html.utf8.count) bytes")
    }

    @Test func provenanceAndVersionArePresent() throws {
        let html = try HTMLReport(try Self.data(units: 40), options: Self.options).html()
        #expect(html.contains("xxh64:0123456789abcdef"))
        #expect(html.contains("epd_202501.csv.gz"))
        #expect(html.contains("rxatlas 9.9.9-test"))
        #expect(html.contains("/stores/&lt;demo&gt;"))
        #expect(html.contains("2025-01–2025-03"), "the months the only file of the run holds")
        #expect(html.contains("id=\"definitions\""))
    }

    @Test func writesAtomically() throws {
        let dir = TempDir()
        let path = dir.path("report.html")
        try HTMLReport(try Self.data(units: 40), options: Self.options).write(to: path)
        let written = try String(contentsOfFile: path, encoding: .utf8)
        #expect(written.hasPrefix("<!DOCTYPE html>") && written.hasSuffix("</html>\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["report.html"])
    }

    @Test func identifiersAndScriptJSONAreSafe() {
        #expect(HTML.identifier("QAA-1") == "QAA-1")
        #expect(HTML.identifier("a b") == "a_20b")
        #expect(HTML.scriptSafeJSON("\"</script><!--&\"") == "\"\\u003c/script\\u003e\\u003c!--\\u0026\"")
        #expect(ReportFormat.number(1234567.891, digits: 2) == "1,234,567.89")
        #expect(ReportFormat.number(-0.04, digits: 1) == "0.0")
        #expect(ReportFormat.pounds(-2500) == "-£2,500")
        #expect(ReportFormat.number(.nan) == "–")
    }
}
