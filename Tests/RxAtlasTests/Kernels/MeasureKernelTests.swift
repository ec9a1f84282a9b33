import Foundation
import Testing
import RxData
@testable import RxAtlas

@Suite struct MeasureKernelTests {
    let ics = try! KernelFixture.measure("ics_share", .items, ["0302000C0"], .items, ["0302"], percentage: true)
    let per1000 = try! KernelFixture.measure("ics_per_1000", .items, ["0302"], .listSize, nil, percentage: false)

    /// The value of `code` in month index `t`, with its status.
    func cell(_ v: MeasureValues, _ code: String, _ t: Int) -> (num: Double, den: Double, value: Double?, status: ValueStatus) {
        let u = v.unitIndex(code)!
        let i = v.index(unit: u, month: t)
        return (v.numerator[i], v.denominator[i], v.value(unit: u, month: t), v.status[i])
    }

    @Test func practiceLevelIsZeroFilledAndRanksStandardPracticesOnly() throws {
        let f = try KernelFixture()
        let v = try MeasureKernel().practiceTotals(store: f.store, measures: [ics]).values(measure: 0, level: .practice)
        #expect(v.months == [KernelFixture.m1, KernelFixture.m2])
        #expect(v.orgCodes == ["-@01A", "A00001", "A00002", "A00003", "Z00009"])
        #expect(v.numerator.count == 10 && v.value.count == 10)
        #expect(v.orgNames[v.unitIndex("A00001")!] == "Name A00001")

        let a1 = cell(v, "A00001", 0)
        #expect(a1.num == 10 && a1.den == 40 && a1.value == 25 && a1.status == .defined)
        #expect(cell(v, "A00001", 1).value == 60)
        // Standard by its list (no setting); the list minimum does not apply to a share.
        #expect(cell(v, "A00002", 0).value == 100)
        // Zero-filled where it did not prescribe: 0/0 is undefined.
        let a2 = cell(v, "A00002", 1)
        #expect(a2.num == 0 && a2.den == 0 && a2.value == nil && a2.status == .noDenominator)
        let z = cell(v, "Z00009", 0)
        #expect(z.num == 0 && z.den == 0 && z.status == .noDenominator)
        // Not ranked, but the sums are kept.
        let other = cell(v, "A00003", 1)
        #expect(other.num == 2 && other.den == 2 && other.value == nil && other.status == .notRanked)
        let bucket = cell(v, "-@01A", 0)
        #expect(bucket.num == 3 && bucket.den == 3 && bucket.status == .notRanked)
    }

    @Test func perThousandUsesListSizesAndTheListMinimum() throws {
        let f = try KernelFixture()
        let v = try MeasureKernel().practiceTotals(store: f.store, measures: [per1000]).values(measure: 0, level: .practice)
        let a1 = cell(v, "A00001", 0)
        #expect(a1.num == 40 && a1.den == 5 && a1.value == 8)
        #expect(cell(v, "A00001", 1).value == 4)
        let small = cell(v, "A00002", 0)          // 800 patients < 1,000
        #expect(small.num == 4 && abs(small.den - 0.8) < 1e-12 && small.value == nil && small.status == .smallList)
        #expect(cell(v, "A00002", 1).value == 0)  // 1,200 patients, no prescribing: a real zero
        #expect(cell(v, "Z00009", 0).value == 0)
        #expect(cell(v, "-@01A", 0).den == 0)

        let lower = MeasureKernel(options: MeasureKernelOptions(minimumListSize: 500))
        let w = try lower.practiceTotals(store: f.store, measures: [per1000]).values(measure: 0, level: .practice)
        #expect(abs(cell(w, "A00002", 0).value! - 5) < 1e-12)
    }

    @Test func openPrescribingsDefinitionsHaveNoListMinimumUnlessAsked() throws {
        let f = try KernelFixture()
        var op = per1000
        op.profile = .openPrescribing
        let v = try MeasureKernel().practiceTotals(store: f.store, measures: [op]).values(measure: 0, level: .practice)
        // A00002's 800 patients: no value under RxAtlas's 1,000 minimum, a value under OpenPrescribing's none.
        #expect(abs(cell(v, "A00002", 0).value! - 5) < 1e-12 && cell(v, "A00002", 0).status == .defined)
        var asked = MeasureKernelOptions()
        asked.minimumListSizeForOpenPrescribing = 1000
        let w = try MeasureKernel(options: asked).practiceTotals(store: f.store, measures: [op]).values(measure: 0, level: .practice)
        #expect(cell(w, "A00002", 0).status == .smallList)
    }

    @Test func filtersWildcardsExclusionsAndSuppression() throws {
        let f = try KernelFixture()
        let noSaba = try KernelFixture.measure("no_saba", .items, ["03", "~0301011R0"], .items, ["03"],
                                               percentage: true, minimumDenominator: 6)
        let wildcard = try KernelFixture.measure("wild", .quantity, ["0302%AB"], .quantity, ["0302"], percentage: false)
        let cost = try KernelFixture.measure("cost", .actualCost, ["0302000C0AAAAAA", "0603"], .listSize, nil,
                                             percentage: false)
        let totals = try MeasureKernel().practiceTotals(store: f.store, measures: [noSaba, wildcard, cost, ics])
        let v = totals.values(measure: 0, level: .practice)
        let a1 = cell(v, "A00001", 0)
        #expect(a1.num == 40 && a1.den == 60)
        #expect(abs(a1.value! - 200.0 / 3) < 1e-12)
        let sup = cell(v, "A00002", 0)            // 4 of 5, below the minimum denominator of 6
        #expect(sup.num == 4 && sup.den == 5 && sup.value == nil && sup.status == .suppressed)

        let w = totals.values(measure: 1, level: .practice)
        let wa = cell(w, "A00001", 0)
        #expect(wa.num == 75 && wa.den == 100 && wa.value == 0.75)

        let c = totals.values(measure: 2, level: .practice)
        let ca = cell(c, "A00001", 0)             // (10 + 5) items × £1.23 over 5 thousand patients
        #expect(abs(ca.num - 18.45) < 1e-9 && ca.den == 5 && abs(ca.value! - 3.69) < 1e-9)

        // ICS share's denominator and ICS per 1,000's numerator (items in 0302) are one sum.
        #expect(MeasureSidePlan([noSaba, ics, per1000]).sums.count == 4)
        let plan = MeasureSidePlan([ics, per1000])
        #expect(plan.denominatorSum.map { $0?.map(\.sum) } == [[1], nil] && plan.denominatorSum[0]?[0].weight == 1)
    }

    @Test func rollUpsAreSumsOverStandardPractices() throws {
        let f = try KernelFixture()
        let totals = try MeasureKernel().practiceTotals(store: f.store, measures: [ics, per1000])
        let pcn = totals.values(measure: 0, level: .pcn)
        #expect(pcn.orgCodes == ["P1", "P2"])
        #expect(pcn.orgNames == ["First PCN", nil])
        // P1 = A00001 + Z00009 (A00003 is not a GP practice).
        let p1 = cell(pcn, "P1", 0)
        #expect(p1.num == 10 && p1.den == 40 && p1.value == 25)
        #expect(cell(pcn, "P2", 0).value == 100)

        let sub = totals.values(measure: 0, level: .subICB)
        let s1 = cell(sub, "01A", 0)              // (10 + 4) / (40 + 4), not the mean of 25% and 100%
        #expect(s1.num == 14 && s1.den == 44 && abs(s1.value! - 1400.0 / 44) < 1e-12)
        #expect(sub.orgNames == ["Sub-ICB 01A"])
        for level in [OrgLevel.icb, .region, .nation] {
            let v = totals.values(measure: 0, level: level)
            #expect(v.orgCodes.count == 1)
            #expect(v.numerator == sub.numerator && v.denominator == sub.denominator)
        }

        // Per 1,000: small lists are summed into the area even though the practice has no value.
        let r = totals.values(measure: 1, level: .subICB)
        let r1 = cell(r, "01A", 0)
        #expect(r1.num == 44 && abs(r1.den - 7.8) < 1e-12 && abs(r1.value! - 44 / 7.8) < 1e-12)
        let p2 = cell(totals.values(measure: 1, level: .pcn), "P2", 0)   // an area of 800 patients
        #expect(p2.status == .smallList)
        #expect(cell(totals.values(measure: 1, level: .pcn), "P2", 1).value == 0)
    }

    @Test func allPrescribersRollUpIncludesBucketsAndOtherPrescribers() throws {
        let f = try KernelFixture()
        let kernel = MeasureKernel(options: MeasureKernelOptions(rollUpPopulation: .allPrescribers))
        let all = try kernel.compute(store: f.store, measures: [ics], levels: [.pcn, .subICB])
        #expect(all.map(\.level) == [.pcn, .subICB])
        let s1 = cell(all[1], "01A", 0)
        #expect(s1.num == 17 && s1.den == 54)
        #expect(cell(all[1], "01A", 1).num == 14 && cell(all[1], "01A", 1).den == 22)
        // The bucket has no PCN, so P1 gains only A00003.
        let p1 = cell(all[0], "P1", 0)
        #expect(p1.num == 10 && p1.den == 47)
    }

    @Test func monthRangeAndPercentiles() throws {
        let f = try KernelFixture()
        let totals = try MeasureKernel().practiceTotals(store: f.store, measures: [ics],
                                                        months: KernelFixture.m2...KernelFixture.m2)
        #expect(totals.months == [KernelFixture.m2])

        let v = try MeasureKernel().practiceTotals(store: f.store, measures: [ics]).values(measure: 0, level: .practice)
        let pct = v.percentiles()
        // Month 1 ranks A00001 (25) below A00002 (100): percent ranks 0 and 100.
        #expect(pct[v.index(unit: v.unitIndex("A00001")!, month: 0)] == 0)
        #expect(pct[v.index(unit: v.unitIndex("A00002")!, month: 0)] == 100)
        #expect(pct[v.index(unit: v.unitIndex("A00003")!, month: 0)].isNaN)
        let d = v.deciles()
        #expect(d.count == 2 && d[0].count == 9)
        #expect(abs(d[0][0] - 32.5) < 1e-12)   // 25 + 0.1 × (100 − 25)
        #expect(d[1].allSatisfy { $0 == 60 })
    }
}
