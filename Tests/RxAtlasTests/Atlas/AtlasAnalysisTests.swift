import Foundation
import Testing
import RxData
import RxStats
@testable import RxAtlas

@Suite struct AtlasAnalysisTests {
    @Test func periodTotalsSummaryAndFunnels() throws {
        let fixture = try KernelFixture()
        let share = try KernelFixture.measure("ics_share", .items, ["0302000C0"], .items, ["0302"], percentage: true)
        let tables = try MeasureKernel().compute(store: fixture.store, measures: [share], levels: [.practice])
        let period = KernelFixture.m1...KernelFixture.m2
        let r = try AtlasAnalysis.run(tables[0], definition: share, period: period)
        // Ranked practices with a value: A00001 (both months) and A00002 (January only).
        #expect(r.units == ["A00001", "A00002"])
        #expect(r.numerators == [22, 4])      // A00001: 10 + 12 beclometasone; A00002: 4
        #expect(r.denominators == [60, 4])    // A00001: 40 + 20 ICS; A00002: 4
        let s = try #require(r.summary)
        #expect(abs(s.pooled - 26.0 / 64.0 * 100) < 1e-12)
        let wilson = try WilsonInterval.interval(numerator: 26, denominator: 64)
        #expect(abs(s.pooledLower! - wilson.lower! * 100) < 1e-12)
        #expect(r.funnel != nil && r.funnelAdjusted != nil)
        #expect(r.funnel?.funnel.flags.count == 2)
        #expect(AtlasAnalysis.indicatorType(share) == .proportion)
    }

    @Test func aRateNobodyPrescribesHasValuesButNoFunnel() throws {
        // Four practices with lists and not one item: the national rate is 0, so no funnel.
        let values = MeasureValues(measureID: "none", level: .practice, orgCodes: ["A", "B", "C", "D"], orgNames: [nil, nil, nil, nil],
                                   months: [KernelFixture.m1], numerator: [0, 0, 0, 0], denominator: [2, 3, 4, 5],
                                   value: [0, 0, 0, 0], status: Array(repeating: .defined, count: 4))
        let def = try KernelFixture.measure("none", .items, ["0302"], .listSize, nil, percentage: false)
        let r = try AtlasAnalysis.run(values, definition: def, period: KernelFixture.m1...KernelFixture.m1)
        #expect(AtlasAnalysis.indicatorType(def) == .rate)
        #expect(r.units.count == 4 && r.summary?.pooled == 0)
        #expect(r.funnel == nil && r.funnelAdjusted == nil)
    }

    @Test func costMeasuresGetNoFunnel() throws {
        let fixture = try KernelFixture()
        let cost = try KernelFixture.measure("cost", .actualCost, ["0302"], .listSize, nil, percentage: false)
        let tables = try MeasureKernel(options: .init(minimumListSize: 500)).compute(store: fixture.store, measures: [cost], levels: [.practice])
        let r = try AtlasAnalysis.run(tables[0], definition: cost, period: KernelFixture.m1...KernelFixture.m2)
        #expect(AtlasAnalysis.indicatorType(cost) == nil)
        #expect(r.funnel == nil)
        #expect(r.summary?.pooledLower == nil)
    }

    @Test func runWritesWhatTheAnalysisFound() throws {
        let fixture = try KernelFixture()
        let share = try KernelFixture.measure("ics_share", .items, ["0302000C0"], .items, ["0302"], percentage: true)
        let tables = try MeasureKernel().compute(store: fixture.store, measures: [share], levels: [.practice, .nation])
        let period = KernelFixture.m1...KernelFixture.m2
        let run = try AtlasRun(tables, definitions: [share], period: period)
        #expect(run.results.count == 2 && run.trends.count == 2)
        #expect(run.results[0].units == (try AtlasAnalysis.run(tables[0], definition: share, period: period)).units)
        #expect(run.trends[1].trends.map(\.orgCode) == tables[1].orgCodes)
        let out = fixture.dir.appendingPathComponent("atlas").path
        try AtlasOutput.write(run, to: out)
        let summary = try CSVRecordReader.read(path: out + "/summary.csv")
        #expect(summary[0].fields == AtlasOutput.summaryHeader)
        #expect(summary.count == 3)
        #expect(summary.allSatisfy { $0.fields.count == AtlasOutput.summaryHeader.count })
        let outliers = try CSVRecordReader.read(path: out + "/outliers.csv")
        #expect(outliers[0].fields == AtlasOutput.outliersHeader)
        #expect(outliers.count == 1 + 2 + 1)
        // A00001: 22 of 60 over the period, with the funnel's z and flags.
        let a = try #require(outliers.first { $0.fields[1] == "practice" && $0.fields[2] == "A00001" }).fields
        let r = run.results[0]
        #expect(a[5] == "22" && a[6] == "60" && abs(Double(a[7])! - 22.0 / 60 * 100) < 1e-12)
        #expect(abs(Double(a[8])! - r.funnel!.funnel.z[0]) <= abs(r.funnel!.funnel.z[0]) * 1e-14)
        #expect(a[9] == r.funnel!.funnel.flags[0].rawValue && a[10] == r.funnelAdjusted!.funnel.flags[0].rawValue)
        let trends = try CSVRecordReader.read(path: out + "/trends.csv")
        #expect(trends[0].fields == AtlasOutput.trendsHeader)
        #expect(trends.count == 1 + tables[0].orgCodes.count + tables[1].orgCodes.count)
        #expect(trends.allSatisfy { $0.fields.count == AtlasOutput.trendsHeader.count })
    }
}
