import RxStats

/// The biosimilar formulas, one function each, on plain numbers (definitions in
/// docs/BIOSIMILARS.md). Quantities are in the group's common unit; costs in pounds on the
/// chosen cost basis. Every saving is ≥ 0.
public enum BiosimilarSavings {
    /// Unit cost ΣC / Σquantity; NaN unless the quantity is positive.
    public static func unitCost(cost: Double, quantity: Double) -> Double {
        quantity > 0 ? cost / quantity : .nan
    }

    /// Uptake = biosimilar / (biosimilar + originator) quantity; NaN when that sum is not positive.
    public static func uptake(originator: Double, biosimilar: Double) -> Double {
        let d = originator + biosimilar
        return d > 0 ? biosimilar / d : .nan
    }

    /// Full-switch saving in one group: max(0, C_orig − q_orig × u_g); 0 when u_g is undefined
    /// (no biosimilar prescribed nationally in the period).
    public static func fullSwitch(originatorCost: Double, originatorQuantity: Double, bestValue: Double) -> Double {
        guard bestValue.isFinite else { return 0 }
        return max(0, originatorCost - originatorQuantity * bestValue)
    }

    /// The originator quantity switched to reach uptake `target`:
    /// min(q_orig, max(0, t × (q_orig + q_bios) − q_bios)).
    public static func switchedQuantity(originator: Double, biosimilar: Double, target: Double) -> Double {
        min(originator, max(0, target * (originator + biosimilar) - biosimilar))
    }

    /// Target-uptake saving in one group: switch × max(0, unit_orig − u_g), unit_orig = C_orig /
    /// q_orig; 0 when there is no originator quantity (q_orig ≤ 0) or u_g is undefined.
    public static func targetUptake(originatorCost: Double, originatorQuantity: Double, biosimilarQuantity: Double,
                                    target: Double, bestValue: Double) -> Double {
        guard bestValue.isFinite, originatorQuantity > 0 else { return 0 }
        let switched = switchedQuantity(originator: originatorQuantity, biosimilar: biosimilarQuantity, target: target)
        return switched * max(0, originatorCost / originatorQuantity - bestValue)
    }

    /// OpenPrescribing's price-per-unit target: the `centile`th percentile (numpy's
    /// `nanpercentile`, linear interpolation — ``RxStats/PercentileCont``) of the peer practices'
    /// unit costs, NaN values (no quantity) ignored; NaN when no practice has a unit cost.
    public static func pricePerUnitTarget(unitCosts: [Double], centile: Double = 10) -> Double {
        PercentileCont.percentiles(unitCosts, at: [centile / 100])[0]
    }

    /// OpenPrescribing's price-per-unit saving of one practice in one group:
    /// max(0, C − q × target); 0 when the target is undefined.
    public static func pricePerUnit(cost: Double, quantity: Double, target: Double) -> Double {
        guard target.isFinite else { return 0 }
        return max(0, cost - quantity * target)
    }

    /// A saving over `months` months, annualised: saving × 12 / months.
    public static func annualised(_ saving: Double, months: Int) -> Double {
        months > 0 ? saving * 12 / Double(months) : .nan
    }

    /// The switch month: the index of the first month whose uptake is at least `threshold` and
    /// stays so for `hold` consecutive months (that month included); nil when none. A month with
    /// undefined uptake (NaN) breaks a run.
    public static func switchMonth(uptakes: [Double], threshold: Double = 0.5, hold: Int = 3) -> Int? {
        var run = 0
        for (t, u) in uptakes.enumerated() {
            run = u >= threshold ? run + 1 : 0
            if run == hold { return t - hold + 1 }
        }
        return nil
    }
}
