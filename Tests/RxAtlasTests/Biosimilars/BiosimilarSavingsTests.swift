import Testing
@testable import RxAtlas

/// Each formula on hand-worked numbers (docs/BIOSIMILARS.md).
@Suite struct BiosimilarSavingsTests {
    @Test func unitCostAndUptake() {
        #expect(BiosimilarSavings.unitCost(cost: 50, quantity: 20) == 2.5)
        #expect(BiosimilarSavings.unitCost(cost: 50, quantity: 0).isNaN)
        #expect(BiosimilarSavings.uptake(originator: 80, biosimilar: 20) == 0.2)
        #expect(BiosimilarSavings.uptake(originator: 0, biosimilar: 30) == 1)
        #expect(BiosimilarSavings.uptake(originator: 0, biosimilar: 0).isNaN)
    }

    @Test func fullSwitch() {
        // 80 units of originator for £800 at u = £5: £800 − 80 × £5 = £400.
        #expect(BiosimilarSavings.fullSwitch(originatorCost: 800, originatorQuantity: 80, bestValue: 5) == 400)
        // Already cheaper than the best value: no negative saving.
        #expect(BiosimilarSavings.fullSwitch(originatorCost: 300, originatorQuantity: 80, bestValue: 5) == 0)
        // No biosimilar prescribed nationally: u undefined, no saving.
        #expect(BiosimilarSavings.fullSwitch(originatorCost: 800, originatorQuantity: 80, bestValue: .nan) == 0)
    }

    @Test func switchedQuantityClamps() {
        // 0.9 × (80 + 20) − 20 = 70, below q_orig.
        #expect(BiosimilarSavings.switchedQuantity(originator: 80, biosimilar: 20, target: 0.9) == 70)
        // Above target already: max(0, …) gives 0.
        #expect(BiosimilarSavings.switchedQuantity(originator: 5, biosimilar: 95, target: 0.9) == 0)
        // At 100% uptake: nothing to switch.
        #expect(BiosimilarSavings.switchedQuantity(originator: 0, biosimilar: 30, target: 0.9) == 0)
        // A negative biosimilar adjustment: 0.5 × (10 − 30) + 30 = 20, clamped by min to q_orig = 10.
        #expect(BiosimilarSavings.switchedQuantity(originator: 10, biosimilar: -30, target: 0.5) == 10)
        // Target 100%: all the originator.
        #expect(BiosimilarSavings.switchedQuantity(originator: 80, biosimilar: 20, target: 1) == 80)
    }

    @Test func targetUptake() {
        // unit_orig = £1000 / 80 = £12.50; u = £10; switch 70 → 70 × £2.50 = £175.
        #expect(BiosimilarSavings.targetUptake(originatorCost: 1000, originatorQuantity: 80, biosimilarQuantity: 20,
                                               target: 0.9, bestValue: 10) == 175)
        // Originator cheaper than u: max(0, …) = 0.
        #expect(BiosimilarSavings.targetUptake(originatorCost: 400, originatorQuantity: 80, biosimilarQuantity: 20,
                                               target: 0.9, bestValue: 10) == 0)
        // No originator quantity (or only negative adjustments): 0.
        #expect(BiosimilarSavings.targetUptake(originatorCost: -10, originatorQuantity: -1, biosimilarQuantity: 20,
                                               target: 0.9, bestValue: 10) == 0)
        #expect(BiosimilarSavings.targetUptake(originatorCost: 1000, originatorQuantity: 80, biosimilarQuantity: 20,
                                               target: 0.9, bestValue: .nan) == 0)
    }

    @Test func pricePerUnitFollowsNumpyNanpercentile() {
        // numpy.nanpercentile([6, 7, 7.5, 9.2, 175/15], 10) = 6.4 (numpy 2.4.6); NaN ignored:
        // nanpercentile([4, 1, nan, 3, 2], 10) = 1.3; one practice: its own unit cost.
        #expect(abs(BiosimilarSavings.pricePerUnitTarget(unitCosts: [6, 7, 7.5, 9.2, 175.0 / 15]) - 6.4) < 1e-12)
        #expect(abs(BiosimilarSavings.pricePerUnitTarget(unitCosts: [4, 1, .nan, 3, 2]) - 1.3) < 1e-12)
        #expect(BiosimilarSavings.pricePerUnitTarget(unitCosts: [20]) == 20)
        #expect(BiosimilarSavings.pricePerUnitTarget(unitCosts: []).isNaN)
        // saving = max(0, C − q × target).
        #expect(BiosimilarSavings.pricePerUnit(cost: 920, quantity: 100, target: 6.4) == 920 - 640)
        #expect(BiosimilarSavings.pricePerUnit(cost: 180, quantity: 30, target: 6.4) == 0)
        #expect(BiosimilarSavings.pricePerUnit(cost: 180, quantity: 30, target: .nan) == 0)
    }

    @Test func annualising() {
        #expect(BiosimilarSavings.annualised(100, months: 12) == 100)
        #expect(BiosimilarSavings.annualised(100, months: 6) == 200)
        #expect(BiosimilarSavings.annualised(100, months: 4) == 300)
        #expect(BiosimilarSavings.annualised(100, months: 0).isNaN)
    }

    @Test func switchMonthNeedsThreeMonthsHeld() {
        #expect(BiosimilarSavings.switchMonth(uptakes: [0.4, 0.5, 0.6, 0.7]) == 1)
        #expect(BiosimilarSavings.switchMonth(uptakes: [0.6, 0.6, 0.4, 0.6, 0.6, 0.6]) == 3)
        #expect(BiosimilarSavings.switchMonth(uptakes: [0.6, 0.6]) == nil)
        #expect(BiosimilarSavings.switchMonth(uptakes: [0.49, 0.49, 0.49, 0.49]) == nil)
        // A month without prescribing breaks the run.
        #expect(BiosimilarSavings.switchMonth(uptakes: [0.6, .nan, 0.6, 0.6, 0.6]) == 2)
        #expect(BiosimilarSavings.switchMonth(uptakes: [0.9, 0.9, 0.9], hold: 3) == 0)
    }
}
