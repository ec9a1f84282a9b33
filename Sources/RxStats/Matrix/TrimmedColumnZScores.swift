import CLapack

/// Column-wise z-scores of a dense matrix with the mean and standard deviation taken over each
/// column's values between two of its percentiles — OpenPrescribing's static outlier statistics
/// (ebmdatalab/outliers `lib/outliers.py`: `trim_outliers` keeps, per chemical, the ratios with
/// `quantile(0.001) <= ratio <= quantile(0.999)`; `get_stats` takes their `mean` and `std`
/// (pandas: sample SD, n − 1) and scores every ratio, `z = (ratio − mean) / std`, infinite
/// z-scores becoming missing).
///
/// The matrix is rows (organisations) × columns (chemicals), **column-major**; NaN marks a
/// missing value (an organisation with no prescribing in the chemical's sub-paragraph). The
/// percentiles are ``PercentileCont`` (linear interpolation, pandas' and R's type 7) over each
/// column's non-missing values.
///
/// The dense work runs on BLAS over the whole matrix: column sums of the kept values and
/// the kept-value counts (`dgemv`), centring every column on its mean (`dger`, a rank-1 update),
/// the kept sums of squares (`ddot` per column) and the scaling by 1/SD (`dscal` per column).
/// Only the percentile cut needs a sort per column.
public enum TrimmedColumnZScores {
    /// The statistics of every column and the z-score matrix.
    public struct Result: Sendable, Equatable {
        /// Per column: the mean of the kept values (NaN when none).
        public var mean: [Double]
        /// Per column: the sample standard deviation of the kept values (NaN with fewer than 2).
        public var sd: [Double]
        /// Per column: how many values were kept.
        public var kept: [Int]
        /// z per cell, column-major like the input; NaN where the value is missing or the
        /// column's SD is 0 or undefined.
        public var z: [Double]
    }

    /// Computes the statistics.
    /// - Parameters:
    ///   - values: rows × columns, column-major (`values[c * rows + r]`), NaN for missing.
    ///   - lower: the lower percentile fraction (OpenPrescribing: 0.001).
    ///   - upper: the upper percentile fraction (OpenPrescribing: 0.999).
    public static func compute(_ values: [Double], rows: Int, columns: Int, lower: Double = 0.001,
                               upper: Double = 0.999) -> Result {
        precondition(values.count == rows * columns, "values must hold rows × columns")
        let R = rows, C = columns
        guard R > 0, C > 0 else { return Result(mean: .init(repeating: .nan, count: C), sd: .init(repeating: .nan, count: C),
                                                kept: .init(repeating: 0, count: C), z: values.map { _ in .nan }) }
        // Per column: the kept mask (1/0) and the kept values (0 elsewhere).
        var mask = [Double](repeating: 0, count: R * C)
        var kept = [Double](repeating: 0, count: R * C)
        var buffer = [Double]()
        buffer.reserveCapacity(R)
        for c in 0..<C {
            let base = c * R
            buffer.removeAll(keepingCapacity: true)
            for r in 0..<R where !values[base + r].isNaN { buffer.append(values[base + r]) }
            guard !buffer.isEmpty else { continue }
            let (lo, hi) = percentiles(&buffer, lower, upper)
            for r in 0..<R {
                let v = values[base + r]
                if v >= lo && v <= hi {
                    mask[base + r] = 1
                    kept[base + r] = v
                }
            }
        }
        let ones = [Double](repeating: 1, count: R)
        var counts = [Double](repeating: 0, count: C)
        var sums = [Double](repeating: 0, count: C)
        // Column sums: Mᵀ·1 and Kᵀ·1 (column-major R × C, so the transpose gives per-column sums).
        cblas_dgemv(CblasColMajor, CblasTrans, Int32(R), Int32(C), 1, mask, Int32(R), ones, 1, 0, &counts, 1)
        cblas_dgemv(CblasColMajor, CblasTrans, Int32(R), Int32(C), 1, kept, Int32(R), ones, 1, 0, &sums, 1)
        let mean = (0..<C).map { counts[$0] > 0 ? sums[$0] / counts[$0] : .nan }

        // Centre every value: Z = V₀ − 1·meanᵀ (rank-1 update), V₀ = V with missing as 0.
        var z = values.map { $0.isNaN ? 0 : $0 }
        let safeMean = mean.map { $0.isNaN ? 0 : $0 }
        cblas_dger(CblasColMajor, Int32(R), Int32(C), -1, ones, 1, safeMean, 1, &z, Int32(R))
        // Kept centred values for the sums of squares.
        var centredKept = [Double](repeating: 0, count: R * C)
        for i in 0..<(R * C) where mask[i] != 0 { centredKept[i] = z[i] }
        var sd = [Double](repeating: .nan, count: C)
        centredKept.withUnsafeBufferPointer { k in
            z.withUnsafeMutableBufferPointer { zp in
                for c in 0..<C {
                    let n = counts[c]
                    if n >= 2 {
                        let ss = cblas_ddot(Int32(R), k.baseAddress! + c * R, 1, k.baseAddress! + c * R, 1)
                        sd[c] = (ss / (n - 1)).squareRoot()
                    }
                    let s = sd[c]
                    if s > 0 && s.isFinite {
                        cblas_dscal(Int32(R), 1 / s, zp.baseAddress! + c * R, 1)
                    } else {
                        for r in 0..<R { zp[c * R + r] = .nan }
                    }
                }
            }
        }
        for i in 0..<(R * C) where values[i].isNaN { z[i] = .nan }
        return Result(mean: mean, sd: sd, kept: counts.map { Int($0) }, z: z)
    }

    /// The two percentiles of `values` (no NaN) exactly as ``PercentileCont/sortedPercentile(_:_:)``
    /// gives them on the sorted values. Near the ends (OpenPrescribing's 0.1th and 99.9th) only
    /// the few order statistics needed are selected, in one pass; otherwise the values are sorted.
    static func percentiles(_ values: inout [Double], _ p: Double, _ q: Double) -> (Double, Double) {
        let n = values.count
        let hp = p * Double(n - 1), hq = q * Double(n - 1)
        let needLow = Int(hp.rounded(.up)) + 1          // order statistics 0 ..< needLow
        let needHigh = n - Int(hq.rounded(.down))        // order statistics n - needHigh ..< n
        guard needLow <= 64, needHigh <= 64, p <= q else {
            values.sort()
            return (PercentileCont.sortedPercentile(values, p), PercentileCont.sortedPercentile(values, q))
        }
        var small: [Double] = [], large: [Double] = []   // ascending; the smallest and largest seen
        small.reserveCapacity(needLow + 1)
        large.reserveCapacity(needHigh + 1)
        for v in values {
            if small.count < needLow || v < small[small.count - 1] {
                var i = small.count
                while i > 0 && v < small[i - 1] { i -= 1 }
                small.insert(v, at: i)
                if small.count > needLow { small.removeLast() }
            }
            if large.count < needHigh || v > large[0] {
                var i = 0
                while i < large.count && large[i] < v { i += 1 }
                large.insert(v, at: i)
                if large.count > needHigh { large.removeFirst() }
            }
        }
        func at(_ k: Int) -> Double { k < needLow ? small[k] : large[k - (n - needHigh)] }
        func percentile(_ h: Double) -> Double {
            let lo = Int(h.rounded(.down)), hi = Int(h.rounded(.up))
            let a = at(lo)
            return a + (h - Double(lo)) * (at(hi) - a)
        }
        return (percentile(hp), percentile(hq))
    }
}
