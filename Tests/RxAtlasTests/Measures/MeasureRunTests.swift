import Testing
import RxData
@testable import RxAtlas

@Suite("MeasureRun: values with their coverage")
struct MeasureRunTests {
    @Test func warnsOfMissingListSizesOnlyForPerThousandMeasures() throws {
        let f = try KernelFixture()
        // Four more months without extracts: 2025-03 to 2025-05 take February's, 2025-06 has none.
        for m in 3...6 {
            _ = try f.store.writeMonth(KernelFixture.table(YearMonth(year: 2025, month: m)!, [("A00001", KernelFixture.c0, 1)]))
        }
        let share = try KernelFixture.measure("share", .items, ["0302000N0"], .items, ["0302"], percentage: true)
        let perK = try KernelFixture.measure("per1000", .items, ["0302"], .listSize, nil, percentage: false)
        let period = KernelFixture.m1...YearMonth(year: 2025, month: 6)!
        let both = try MeasureRun.run(store: f.store, period: period, definitions: [share, perK], levels: [.practice, .icb])
        #expect(both.values.map(\.measureID) == ["share", "share", "per1000", "per1000"])
        #expect(both.coverage.months.count == 6)
        #expect(both.onNetIngredientCost.isEmpty, "England's data publish actual cost")
        #expect(both.coverage.monthsWithoutListSizes == [YearMonth(year: 2025, month: 6)!])
        #expect(both.warnings.contains { $0.hasPrefix("no list sizes for 2025-06") })
        let shareOnly = try MeasureRun.run(store: f.store, period: period, definitions: [share], levels: [.icb])
        #expect(shareOnly.warnings.isEmpty, "\(shareOnly.warnings)")
        // The per-1,000 value is absent where the month has no list size.
        let icb = both.values[3]
        #expect(icb.value[icb.months.count - 1].isNaN && icb.value[0].isFinite)
    }

    /// OpenPrescribing maps former codes; a run of its definitions on months ingested without a
    /// code-change table says so. Months written with one say which (`code_mapping`).
    @Test func openPrescribingsDefinitionsWarnOfUnmappedCodes() throws {
        let f = try KernelFixture()
        var op = try KernelFixture.measure("op_share", .items, ["0302000N0"], .items, ["0302"], percentage: true)
        op.profile = .openPrescribing
        let period = KernelFixture.m1...KernelFixture.m1
        let run = try MeasureRun.run(store: f.store, period: period, definitions: [op], levels: [.practice])
        #expect(run.monthsWithoutCodeMapping == [KernelFixture.m1])
        #expect(run.warnings.contains { $0.contains("without a code-change table") })
        let ours = try KernelFixture.measure("share", .items, ["0302000N0"], .items, ["0302"], percentage: true)
        #expect(try MeasureRun.run(store: f.store, period: period, definitions: [ours], levels: [.practice]).monthsWithoutCodeMapping.isEmpty)
        _ = try f.store.writeMonth(KernelFixture.table(KernelFixture.m1, [("A00001", KernelFixture.c0, 1)]), notes: ["code_mapping": "changes.csv"])
        #expect(try MeasureRun.run(store: f.store, period: period, definitions: [op], levels: [.practice]).monthsWithoutCodeMapping.isEmpty)
    }
}
