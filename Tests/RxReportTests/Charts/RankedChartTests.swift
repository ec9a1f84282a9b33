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

extension RankedChartTests {
    /// Four units are ranked plainly: no quintile classes, bands or legend entries.
    @Test func fewUnitsArePlainRanks() throws {
        let units = (0..<4).map { RankedChart.Unit(code: "Q\($0)", value: Double($0)) }
        let chart = RankedChart(title: "t", valueLabel: "%", units: units, england: 1.5)
        #expect(chart.classes == nil)
        let text = chart.svg()
        let svg = try ParsedSVG(text)
        #expect(try svg.elements("rect", class: "column").allSatisfy { $0.attr("data-quintile") == nil })
        #expect(!text.contains(">Q1 ") && !text.contains(">Q3 "))
        #expect(try svg.elements("g", class: "quintile-bands").isEmpty)
        #expect(text.contains("too few units for quintiles"))
    }

    /// A legend lists only the classes that hold a column: ties at a break leave a class empty.
    @Test func legendHasNoEmptyClass() throws {
        // 12 units, eight of them 0: q20 = q40 = q60 = 0, so classes 2 and 3 hold nothing.
        let values: [Double] = [0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4]
        let chart = RankedChart(title: "t", valueLabel: "%", units: values.enumerated().map { .init(code: "U\($0.offset)", value: $0.element) })
        let text = chart.svg()
        let used = Set(try ParsedSVG(text).elements("rect", class: "column").compactMap { $0.attr("data-quintile") })
        for k in 1...5 {
            #expect(text.contains(">Q\(k) ") == used.contains(String(k)), "Q\(k): in the legend only if a column is in it")
        }
    }

    /// Columns wide enough carry their unit's code: a ranked ICB chart says which bar is which.
    @Test func wideColumnsAreLabelled() throws {
        let units = (0..<42).map { RankedChart.Unit(code: String(format: "Q%02d", $0), value: Double($0 % 7)) }
        let svg = try ParsedSVG(RankedChart(title: "t", valueLabel: "%", units: units).svg())
        let labels = try svg.elements("text", class: "unit-label").map { $0.stringValue ?? "" }
        #expect(Set(labels) == Set(units.map(\.code)))
        let many = (0..<2000).map { RankedChart.Unit(code: "P\($0)", value: Double($0)) }
        #expect(try ParsedSVG(RankedChart(title: "t", valueLabel: "%", units: many).svg()).elements("text", class: "unit-label").isEmpty)
    }
}
