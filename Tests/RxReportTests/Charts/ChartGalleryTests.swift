import Foundation
import Testing
import RxAtlas
import RxData
@testable import RxReport

/// Writes one of every chart and map for looking at, when `RXREPORT_GALLERY` names a directory
/// (e.g. `RXREPORT_GALLERY=/tmp/gallery swift test --filter ChartGallery`, then render the SVGs
/// with `rsvg-convert`). Without it the test only checks that each renders as well-formed XML.
@Suite struct ChartGalleryTests {
    @Test func everyChartRendersWellFormed() throws {
        let r = try ReportFixture.atlas()
        let values = ReportFixture.values()
        let layout = try HexLayout.builtIn()
        var icbValues: [String: Double] = [:]
        for (i, c) in layout.cells.enumerated() { icbValues[c.odsCode] = 20 + Double((i * 37) % 41) }
        var charts: [(String, String)] = [
            ("funnel", FunnelChart(atlas: r, title: "Share of ICS items that are beclometasone", names: ReportFixture.names)!.svg()),
            ("ranked", RankedChart(atlas: r, title: "Share of ICS items that are beclometasone", names: ReportFixture.names).svg()),
            ("deciles", DecileChart(values: values, orgCode: "P00008", title: "Share of ICS items", valueLabel: "%")!.svg()),
            ("lines", LineChart(title: "Biosimilar uptake", valueLabel: "% of items", categories: values.months.map(\.description),
                                series: (0..<5).map { k in .init(name: "ICB \(k) & <partners>", values: (0..<3).map { Double(20 + 10 * k + 5 * $0) }) },
                                valueRange: 0...100).svg()),
            ("bars", BarChart(title: "Savings per ICB", valueLabel: "£", bars: layout.cells.prefix(12).map { .init(label: $0.name, value: Double(($0.column * 7919 + $0.row * 104729) % 50000) - 5000) }, valuePrefix: "£").svg()),
            ("waterfall", BarChart(title: "Savings per ICB", valueLabel: "£", bars: layout.cells.prefix(8).map { .init(label: $0.name, value: Double(($0.column * 7919 + $0.row * 104729) % 50000)) }, style: .waterfall, valuePrefix: "£").svg()),
            ("hexmap", HexMap(title: "Items per 1,000 patients by ICB", valueLabel: "per 1,000", layout: layout, values: icbValues).svg()),
        ]
        let stp = "geo/simplified_STPs_April_2021_EN_BFC_42_ICB_footprints.geojson"
        if SharedData.exists(stp) {
            let c = try GeoFeatureCollection.read(path: SharedData.path(stp))
            var byE54: [String: Double] = [:]
            for cell in layout.cells { byE54[cell.code] = icbValues[cell.odsCode] }
            charts.append(("choropleth", try ChoroplethMap(title: "Items per 1,000 patients by ICB", valueLabel: "per 1,000", boundaries: c,
                                                           key: "STP21CD", values: byE54).svg()))
        }
        let out = ProcessInfo.processInfo.environment["RXREPORT_GALLERY"]
        if let out { try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true) }
        for (name, svg) in charts {
            let parsed = try ParsedSVG(svg)
            // Accessible: a role, a name, a title and a description, and no script anywhere.
            #expect(parsed.root.attr("role") == "img", "\(name)")
            #expect(parsed.root.attr("aria-label")?.isEmpty == false, "\(name)")
            #expect(try parsed.elements("title").first?.stringValue == parsed.root.attr("aria-label"), "\(name)")
            #expect(try (parsed.elements("desc").first?.stringValue ?? "").count > 20, "\(name)")
            #expect(try parsed.elements("script").isEmpty && !svg.contains("<script"), "\(name)")
            #expect(!svg.contains("href"), "\(name): no external references")
            if let out { try svg.write(toFile: out + "/" + name + ".svg", atomically: true, encoding: .utf8) }
        }
    }
}
