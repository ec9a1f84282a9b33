/// OpenPrescribing's measure percentile: SQL `PERCENT_RANK() OVER (PARTITION BY month ORDER BY
/// calc_value) * 100` over the organisations with a non-NULL value (OpenPrescribing
/// `openprescribing/measures/` BigQuery SQL; BigQuery and PostgreSQL define PERCENT_RANK as
/// (rank − 1)/(rows − 1), where rank is the 1-based rank of the first row among ties).
///
/// So percentile = (number of values strictly below ÷ (n − 1)) × 100 with n the non-NULL
/// count; a partition of a single value gets 0; NULL (here NaN or nil) values get NULL.
/// Checked exactly (bit for bit) against OpenPrescribing's `functional-measures-dont-edit.json`
/// fixture.
public enum PercentRank {
    /// Percentiles for one partition. NaN marks NULL in and out. O(n log n); one sort of
    /// (value, index) pairs, no per-element allocation.
    public static func percentiles(_ values: [Double]) -> [Double] {
        var out = [Double](repeating: .nan, count: values.count)
        var pairs: [(value: Double, index: Int)] = []
        pairs.reserveCapacity(values.count)
        for (i, v) in values.enumerated() where !v.isNaN { pairs.append((v, i)) }
        let n = pairs.count
        guard n > 0 else { return out }
        if n == 1 { out[pairs[0].index] = 0; return out }
        pairs.sort { $0.value < $1.value }
        let denominator = Double(n - 1)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && pairs[end].value == pairs[start].value { end += 1 }
            let p = Double(start) / denominator * 100
            for k in start..<end { out[pairs[k].index] = p }
            start = end
        }
        return out
    }

    /// Percentiles for one partition with SQL NULLs as nil.
    public static func percentiles(_ values: [Double?]) -> [Double?] {
        percentiles(values.map { $0 ?? .nan }).map { $0.isNaN ? nil : $0 }
    }
}
