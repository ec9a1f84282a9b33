import Foundation
import Testing
import RxData
import RxStats
@testable import RxAtlas

@Suite struct MeasureSavingsTests {
    /// Hand-worked: three practices with costs 10, 20, 40 per 1,000 patients and lists of 1, 2 and
    /// 4 thousand. The 10th centile of (10, 20, 40) by linear interpolation is 12; practice 3
    /// would save (40 − 12) × 4 = 112, practice 2 (20 − 12) × 2 = 16, practice 1 −2 (already below).
    @Test func openPrescribingFormulaOnAHandWorkedCase() {
        let months = [YearMonth(year: 2025, month: 1)!]
        let values = MeasureValues(measureID: "cost", level: .practice, orgCodes: ["A", "B", "C"], orgNames: [nil, nil, nil],
                                   months: months, numerator: [10, 40, 160], denominator: [1, 2, 4], value: [10, 20, 40],
                                   status: [.defined, .defined, .defined])
        let s = MeasureSavings(values)
        #expect(abs(s.saving(2, decile: 0) - 112) < 1e-9)
        #expect(abs(s.saving(1, decile: 0) - 16) < 1e-9)
        #expect(abs(s.saving(0, decile: 0) - (-2)) < 1e-9)
        #expect(abs(s.totals[0][0] - 128) < 1e-9)   // positive savings only
        // At the median (20) only C saves: (40 − 20) × 4 = 80.
        #expect(abs(s.totals[0][4] - 80) < 1e-9)
    }

    @Test func unitsWithoutAValueAreLeftOut() {
        let months = [YearMonth(year: 2025, month: 1)!]
        let values = MeasureValues(measureID: "cost", level: .practice, orgCodes: ["A", "B", "U"], orgNames: [nil, nil, nil],
                                   months: months, numerator: [10, 40, 500], denominator: [1, 2, 1], value: [10, 20, .nan],
                                   status: [.defined, .defined, .notRanked])
        let s = MeasureSavings(values)
        #expect(s.saving(2, decile: 0).isNaN)
        #expect(abs(PercentileCont.deciles([10, 20])[0] - 11) < 1e-12)
        #expect(abs(s.saving(1, decile: 0) - 18) < 1e-9)   // (20 − 11) × 2
    }

    /// OpenPrescribing's population: every ranked unit, with or without a value. A practice with
    /// cost and no denominator (D) saves all its cost; an unranked prescriber (U) still saves
    /// nothing; the deciles stay over the units with a value.
    @Test func openPrescribingsPopulationCountsEveryRankedUnit() {
        let months = [YearMonth(year: 2025, month: 1)!]
        let values = MeasureValues(measureID: "cost", level: .practice, orgCodes: ["A", "B", "D", "U"], orgNames: [nil, nil, nil, nil],
                                   months: months, numerator: [10, 40, 30, 500], denominator: [1, 2, 0, 1], value: [10, 20, .nan, .nan],
                                   status: [.defined, .defined, .noDenominator, .notRanked])
        let ours = MeasureSavings(values)
        let theirs = MeasureSavings(values, population: .everyRankedUnit)
        #expect(ours.saving(2, decile: 0).isNaN && abs(ours.totals[0][0] - 18) < 1e-9)
        #expect(abs(theirs.saving(2, decile: 0) - 30) < 1e-9 && theirs.saving(3, decile: 0).isNaN)
        #expect(abs(theirs.saving(1, decile: 0) - ours.saving(1, decile: 0)) < 1e-12)
        #expect(abs(theirs.totals[0][0] - 48) < 1e-9)
        var def = MeasureDefinition(id: "cost", name: "cost", isPercentage: false, lowIsGood: true, isCostBased: true,
                                    numerator: .init(quantity: .actualCost, filter: nil), denominator: .init(quantity: .listSize, filter: nil))
        #expect(MeasureSavings.population(for: def) == .unitsWithValue)
        def.profile = .openPrescribing
        #expect(MeasureSavings.population(for: def) == .everyRankedUnit)
    }

    /// OpenPrescribing's formula for a cost-based percentage measure, hand-worked. Ratios 0.3 (A),
    /// 0.8 (B) and 0 (C): median 0.3. A's numerator costs 0.5 a unit (30 for 60) and the rest of
    /// its denominator 0.5 (70 for 140); B's 1.0 (160 for 160) and 0.25 (10 for 40); C prescribes
    /// no numerator, so the national 0.8 stands in.
    @Test func openPrescribingsFormulaForACostBasedPercentage() {
        let months = [YearMonth(year: 2025, month: 1)!]
        var values = MeasureValues(measureID: "pct", level: .practice, orgCodes: ["A", "B", "C"], orgNames: [nil, nil, nil],
                                   months: months, numerator: [30, 80, 0], denominator: [100, 100, 10], value: [30, 80, 0],
                                   status: [.defined, .defined, .defined])
        values.percentageCosts = PercentageCostSums(numeratorCost: [30, 160, 0], numeratorQuantity: [60, 160, 0],
                                                    denominatorCost: [100, 170, 7], denominatorQuantity: [200, 200, 20],
                                                    costPerNumerator: [0.8], costPerDenominator: [0.3])
        let s = MeasureSavings(values, population: .everyRankedUnit)
        let p50 = PercentileCont.deciles([0.3, 0.8, 0])[4]
        #expect(abs(p50 - 0.3) < 1e-12)   // the median of (0, 0.3, 0.8)
        // A at the median: 200 × 0.3 × 0.5 + 140 × 0.5 = 100 against 100.
        #expect(abs(s.saving(0, decile: 4)) < 1e-9)
        // B: 200 × 0.3 × 1.0 + 140 × 0.25 = 95 against 170.
        #expect(abs(s.saving(1, decile: 4) - 75) < 1e-9)
        // C: its numerator unit cost from the nation (0.8); its rest, 7 for 20 units (0.35):
        // 20 × 0.3 × 0.8 + 14 × 0.35 = 9.7 against 7.
        #expect(abs(s.saving(2, decile: 4) - (7 - 9.7)) < 1e-9)
        var def = MeasureDefinition(id: "pct", name: "pct", isPercentage: true, lowIsGood: true, isCostBased: true,
                                    numerator: .init(quantity: .items, filter: nil), denominator: .init(quantity: .items, filter: nil))
        #expect(!MeasureSavings.applies(to: def))
        def.percentageCosts = .init(numeratorCost: .init(quantity: .actualCost, filter: nil), numeratorQuantity: .init(quantity: .quantity, filter: nil),
                                    denominatorCost: .init(quantity: .actualCost, filter: nil), denominatorQuantity: .init(quantity: .quantity, filter: nil))
        #expect(MeasureSavings.applies(to: def))
    }

    @Test func moneyIsWrittenToThePenny() {
        #expect(MeasureOutput.money(112) == "112.00")
        #expect(MeasureOutput.money(-2.005) == "-2.01")
        #expect(MeasureOutput.money(0.1) == "0.10")
    }
}
