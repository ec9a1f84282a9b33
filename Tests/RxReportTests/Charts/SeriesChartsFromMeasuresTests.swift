import Foundation
import Testing
import RxAtlas
import RxData
@testable import RxReport

@Suite struct SeriesChartsFromMeasuresTests {
    @Test func linesPerOrganisationFromMeasureValues() throws {
        let v = ReportFixture.values()
        let chart = LineChart(values: v, orgCodes: ["P00002", "NOPE", "P00004"], valueLabel: "%", valueRange: 0...100)
        #expect(chart.series.map(\.name) == ["Practice 2", ReportFixture.hostileName])
        let u = v.unitIndex("P00002")!
        #expect(chart.series[0].values == (0..<3).map { v.value(unit: u, month: $0)! })
        #expect(chart.categories == ["2025-01", "2025-02", "2025-03"])
        #expect(!chart.svg().contains("<script"))
    }

    /// Three units over two months with costs per unit 1, 2, 3 (month 1) and 2, 2, 2 (month 2):
    /// the median is 2 both months, so at p50 unit A saves (1 − 2)·10 + 0 = −10, B saves 0 and
    /// C saves (3 − 2)·10 = 10.
    @Test func savingsBarsByHand() throws {
        let codes = ["A", "B", "C"]
        let months = [YearMonth(parsing: "2025-01")!, YearMonth(parsing: "2025-02")!]
        let num: [Double] = [10, 20, 20, 20, 30, 20], den: [Double] = [10, 10, 10, 10, 10, 10]
        let values = MeasureValues(measureID: "cost", level: .icb, orgCodes: codes, orgNames: [nil, "Bee", nil], months: months,
                                   numerator: num, denominator: den, value: zip(num, den).map { $0 / $1 },
                                   status: Array(repeating: .defined, count: 6))
        let s = MeasureSavings(values)
        let chart = BarChart(savings: s, decile: 50)
        #expect(chart.bars.map(\.label) == ["C", "Bee", "A"])
        #expect(chart.bars.map(\.value) == [10, 0, -10])
        let waterfall = BarChart(savings: s, decile: 50, style: .waterfall)
        #expect(waterfall.bars.map(\.label) == ["C"])
        #expect(waterfall.extents().last?.end == 10)
        _ = try ParsedSVG(waterfall.svg())
    }
}
