/// SQL `PERCENTILE_CONT(x, p)` (BigQuery, PostgreSQL): the continuous percentile by linear
/// interpolation between order statistics, ignoring NULLs. With the n sorted non-NULL values
/// x₀ ≤ … ≤ xₙ₋₁ and h = p (n − 1): x⌊h⌋ + (h − ⌊h⌋)(x⌈h⌉ − x⌊h⌋). This is Hyndman & Fan's
/// (1996) definition 7, R's default `quantile(type = 7)`. OpenPrescribing's deciles are
/// `PERCENTILE_CONT(calc_value, 0.1 … 0.9)` per month and organisation level.
public enum PercentileCont {
    /// The percentile p ∈ [0, 1] of values already sorted ascending (no NaN). NaN when empty.
    public static func sortedPercentile(_ sorted: UnsafeBufferPointer<Double>, _ p: Double) -> Double {
        let n = sorted.count
        guard n > 0, p >= 0, p <= 1 else { return .nan }
        let h = p * Double(n - 1)
        let lo = Int(h.rounded(.down))
        let hi = Int(h.rounded(.up))
        let a = sorted[lo]
        return a + (h - Double(lo)) * (sorted[hi] - a)
    }

    /// The percentile p ∈ [0, 1] of values already sorted ascending (no NaN).
    public static func sortedPercentile(_ sorted: [Double], _ p: Double) -> Double {
        sorted.withUnsafeBufferPointer { sortedPercentile($0, p) }
    }

    /// Percentiles at each of `fractions`, ignoring NaN (SQL NULL) values; NaN when no value
    /// is present. Sorts one copy of the values.
    public static func percentiles(_ values: [Double], at fractions: [Double]) -> [Double] {
        var s = values.filter { !$0.isNaN }
        s.sort()
        return s.withUnsafeBufferPointer { sp in fractions.map { sortedPercentile(sp, $0) } }
    }

    /// OpenPrescribing's deciles: the percentiles at 0.1, 0.2, …, 0.9 (9 values).
    public static func deciles(_ values: [Double]) -> [Double] {
        percentiles(values, at: (1...9).map { Double($0) / 10 })
    }
}
