import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import RxAtlas
import RxData
import RxStats
@testable import RxReport

@Suite struct FunnelChartTests {
    @Test func pointsParseBackToTheAtlasResult() throws {
        let r = try ReportFixture.atlas()
        let chart = try #require(FunnelChart(atlas: r, title: "ICS share", names: ReportFixture.names))
        let svg = try ParsedSVG(chart.svg())
        let points = try svg.elements("circle", class: "point")
        #expect(points.count == r.units.count)
        let adjusted = try #require(r.funnelAdjusted)
        let primary = adjusted.summary.adjusted ? adjusted : try #require(r.funnel)
        let dens = try #require(r.funnelDenominators)
        for p in points {
            let code = try #require(p.attr("data-code"))
            let i = try #require(r.units.firstIndex(of: code))
            // Values are written in full precision: they read back to the same doubles.
            #expect(Double(p.attr("data-value")!) == primary.funnel.value[i])
            #expect(Double(p.attr("data-denominator")!) == dens[i])
            #expect(p.attr("data-flag") == primary.funnel.flags[i].rawValue)
            // The value is a percentage of the period totals.
            #expect(abs(primary.funnel.value[i] - r.numerators[i] / r.denominators[i] * 100) < 1e-9)
        }
        let centre = try #require(try svg.elements("line", class: "centre").first)
        #expect(Double(centre.attr("data-value")!) == r.summary!.pooled)
    }

    @Test func drawnLimitsAreTheLimitsTheFlagsCameFrom() throws {
        let r = try ReportFixture.atlas()
        let funnel = try #require(r.funnel), options = try #require(r.funnelOptions), dens = try #require(r.funnelDenominators)
        // Redrawing the curve at each unit's own denominator gives the limits its flag was judged by.
        for i in r.units.indices {
            let curve = IndicatorAnalysis.curve(range: dens[i]...dens[i], points: 2, target: funnel.summary.target,
                                                summary: funnel.summary, options: options)
            #expect(abs(curve[0].limits.upper998 - funnel.funnel.upper998[i]) < 1e-9)
            #expect(abs(curve[0].limits.lower95 - funnel.funnel.lower95[i]) < 1e-9)
        }
        let chart = try #require(FunnelChart(atlas: r))
        #expect(chart.limits.count == 160)
        #expect(zip(chart.limits, chart.limits.dropFirst()).allSatisfy { $0.denominator < $1.denominator })
        // Overdispersion is planted (two extreme practices), so the adjusted limits are drawn too.
        #expect(r.funnelAdjusted!.summary.adjusted)
        #expect(chart.adjustedLimits?.count == 160)
        let svg = try ParsedSVG(chart.svg())
        #expect(try svg.elements("path", class: "adjusted").count == 4)
        #expect(try svg.elements("path", class: "unadjusted").count == 4)
    }

    @Test func outliersAreLabelledByCode() throws {
        let r = try ReportFixture.atlas()
        let chart = try #require(FunnelChart(atlas: r))
        let svg = try ParsedSVG(chart.svg())
        let labels = Set(try svg.elements("text", class: "outlier-label").compactMap(\.stringValue))
        let outer = Set(chart.points.filter { $0.flag.isOutside998 }.map(\.code))
        #expect(labels.isSubset(of: outer))
        // The planted practices: P00008 far above, P00012 far below.
        #expect(labels.contains("P00008") && labels.contains("P00012"))
        #expect(chart.points.first { $0.code == "P00008" }?.flag == .high998)
        #expect(chart.points.first { $0.code == "P00012" }?.flag == .low998)
    }

    @Test func hostileNamesStayText() throws {
        let r = try ReportFixture.atlas()
        let text = try #require(FunnelChart(atlas: r, title: "<b>bold</b>", names: ReportFixture.names)).svg()
        #expect(!text.contains("<script") && !text.contains("<b>"))
        let svg = try ParsedSVG(text)
        let p = try #require(try svg.elements("circle", class: "point").first { $0.attr("data-code") == "P00004" })
        #expect(p.tooltip?.hasPrefix(ReportFixture.hostileName) == true)
        #expect(try svg.elements("title").first?.stringValue == "<b>bold</b>")
    }

    @Test func noFunnelForACostMeasure() throws {
        var def = ReportFixture.definition
        def.numerator = .init(quantity: .actualCost, filter: nil)
        def.isPercentage = false
        let r = try AtlasAnalysis.run(ReportFixture.values(), definition: def, period: ReportFixture.months[0]...ReportFixture.months[2])
        #expect(FunnelChart(atlas: r) == nil)
        // The ranked chart still draws it, without whiskers.
        let svg = try ParsedSVG(RankedChart(atlas: r).svg())
        #expect(try svg.elements("rect", class: "column").count == 40)
        let whiskers = try #require(try svg.elements("g", class: "whiskers").first)
        #expect(try whiskers.nodes(forXPath: "./*").isEmpty)
    }
}

extension FunnelChart: Equatable {
    public static func == (a: FunnelChart, b: FunnelChart) -> Bool { a.points == b.points && a.title == b.title }
}
