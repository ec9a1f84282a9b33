import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import RxAtlas
import RxData
@testable import RxReport

@Suite struct RankedChartTests {
    @Test func everyUnitInOrderWithItsQuintileAndInterval() throws {
        let r = try ReportFixture.atlas()
        let chart = RankedChart(atlas: r, title: "ICS share", names: ReportFixture.names)
        let svg = try ParsedSVG(chart.svg())
        let columns = try svg.elements("rect", class: "column")
        #expect(columns.count == r.units.count)
        let values = columns.map { Double($0.attr("data-value")!)! }
        #expect(values == values.sorted())
        #expect(columns.map { Int($0.attr("data-rank")!)! } == Array(1...r.units.count))
        // Classes by the Atlas summary's own quintile breaks.
        let q = QuintileClasses(breaks: r.summary!.quintileBreaks)
        for (c, v) in zip(columns, values) { #expect(Int(c.attr("data-quintile")!)! == q.classify(v)! + 1) }
        // Columns left to right.
        let xs = columns.map { Double($0.attr("x")!)! }
        #expect(xs == xs.sorted())
        // One whisker per unit (each has a Wilson interval), and the England line.
        #expect(chart.units.allSatisfy { $0.lower != nil && $0.upper != nil && $0.lower! <= $0.value && $0.value <= $0.upper! })
        let england = try #require(try svg.elements("line", class: "england").first)
        #expect(Double(england.attr("data-value")!) == r.summary!.pooled)
        #expect((try svg.elements("g", class: "quintile-bands").first?.childCount ?? 0) >= 2)
    }

    @Test func whiskersOnlyWhenThereIsRoom() throws {
        func chart(_ n: Int) -> RankedChart {
            RankedChart(title: "t", valueLabel: "%", units: (0..<n).map { .init(code: "U\($0)", value: Double($0 % 97), lower: Double($0 % 97) - 1, upper: Double($0 % 97) + 1) })
        }
        func whiskers(_ c: RankedChart) throws -> Int {
            let svg = try ParsedSVG(c.svg())
            return try svg.elements("g", class: "whiskers").first!.nodes(forXPath: "./*").count
        }
        #expect(try whiskers(chart(40)) == 40 * 3)     // a line and two caps each
        #expect(try whiskers(chart(2000)) == 0)        // 0.34 px per column
        #expect(try ParsedSVG(chart(2000).svg()).elements("rect", class: "column").count == 2000)
    }
}
