import Testing
import RxData
@testable import RxAtlas

@Suite struct MeasureTrendTests {
    @Test func exactLineHasItsSlopeAndASignificantTrend() {
        let (b, p) = MeasureTrend.ordinaryLeastSquares([0, 1, 2, 3, 4], [1, 3.1, 4.9, 7.05, 9])
        #expect(abs(b - 1.995) < 1e-12)
        #expect(p! < 1e-4)
        let (flat, pFlat) = MeasureTrend.ordinaryLeastSquares([0, 1, 2, 3], [5, 6, 5, 6])
        #expect(abs(flat - 0.2) < 1e-12)
        #expect(pFlat! > 0.5)
    }

    @Test func worstDecileEveryMonthAndChange() throws {
        let months = (1...3).map { YearMonth(year: 2025, month: $0)! }
        // 11 practices; practice 10 is highest every month (worst when low is good).
        let units = 11
        var num: [Double] = [], den: [Double] = [], val: [Double] = []
        for u in 0..<units {
            for t in 0..<3 {
                let v = Double(u) + Double(t) * (u == 10 ? 1 : 0)
                num.append(v); den.append(1); val.append(v)
            }
        }
        let values = MeasureValues(measureID: "m", level: .practice, orgCodes: (0..<units).map { "P\($0)" },
                                   orgNames: Array(repeating: nil, count: units), months: months, numerator: num,
                                   denominator: den, value: val, status: Array(repeating: .defined, count: units * 3))
        let def = MeasureDefinition(id: "m", name: "m", isPercentage: false, lowIsGood: true, isCostBased: false,
                                    numerator: .init(quantity: .items, filter: try BNFFilter(["01"])),
                                    denominator: .init(quantity: .items, filter: try BNFFilter(["02"])))
        let trends = MeasureTrend.trends(values, definition: def, period: months[0]...months[2])
        #expect(trends[10].worstDecileEveryMonth)
        #expect(!trends[5].worstDecileEveryMonth)
        #expect(trends[10].change == 2)
        #expect(trends[10].slope == 1)
        #expect(trends[3].change == 0)
        // A measure with no direction (`low_is_good: null`) has no worst decile.
        var undirected = def
        undirected.hasDirection = false
        #expect(MeasureTrend.trends(values, definition: undirected, period: months[0]...months[2]).allSatisfy { !$0.worstDecileEveryMonth })
    }
}
