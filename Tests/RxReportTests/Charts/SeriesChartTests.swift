import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import RxAtlas
import RxData
@testable import RxReport

@Suite struct SeriesChartTests {
    @Test func decileFanWithTheOrganisationsLine() throws {
        let values = ReportFixture.values()
        let chart = try #require(DecileChart(values: values, orgCode: "P00004", title: "ICS share", valueLabel: "%"))
        #expect(DecileChart(values: values, orgCode: "NOPE") == nil)
        let text = chart.svg()
        #expect(!text.contains("<script"))
        let svg = try ParsedSVG(text)
        let points = try svg.elements("circle", class: "point")
        #expect(points.map { $0.attr("data-month")! } == ["2025-01", "2025-02", "2025-03"])
        let u = values.unitIndex("P00004")!
        #expect(points.map { Double($0.attr("data-value")!)! } == (0..<3).map { values.value(unit: u, month: $0)! })
        #expect(try svg.elements("path", class: "band").count == 4)
        #expect(try svg.elements("path", class: "median").count == 1)
        #expect(chart.deciles == values.deciles())
    }

    @Test func lineChartSeriesAndGaps() throws {
        let chart = LineChart(title: "Biosimilar share", valueLabel: "%", categories: ["2025-01", "2025-02", "2025-03"],
                              series: [.init(name: "QA0 <GM>", values: [10, .nan, 30]), .init(name: "QA1", values: [50, 55, 60])],
                              valueRange: 0...100)
        let svg = try ParsedSVG(chart.svg())
        let groups = try svg.elements("g", class: "series")
        #expect(groups.map { $0.attr("data-series")! } == ["QA0 <GM>", "QA1"])
        let points = try svg.elements("circle", class: "point")
        #expect(points.count == 5)  // the gap draws no point
        // The gap splits the first line into two pieces (two moves).
        let path = try #require(try groups[0].nodes(forXPath: "./*[local-name()='path']").first as? XMLElement)
        #expect(path.attr("d")!.filter { $0 == "M" }.count == 2)
    }

    @Test func barsAndWaterfall() throws {
        let bars = [BarChart.Bar(label: "Kent & Medway", value: 1200.5), .init(label: "Devon", value: -200), .init(label: "Dorset", value: 300)]
        let plain = try ParsedSVG(BarChart(title: "Savings", valueLabel: "£ per year", bars: bars, valuePrefix: "£").svg())
        #expect(try plain.elements("rect", class: "bar").map { Double($0.attr("data-value")!)! } == [1200.5, -200, 300])
        let water = BarChart(title: "Savings", valueLabel: "£", bars: bars, style: .waterfall)
        let ext = water.extents()
        #expect(ext.map(\.start) == [0, 1200.5, 1000.5, 0])
        #expect(ext.map(\.end) == [1200.5, 1000.5, 1300.5, 1300.5])
        let svg = try ParsedSVG(water.svg())
        let total = try #require(try svg.elements("rect", class: "total").first)
        #expect(Double(total.attr("data-value")!) == 1300.5)
        #expect(total.attr("data-label") == "Total")
    }
}
