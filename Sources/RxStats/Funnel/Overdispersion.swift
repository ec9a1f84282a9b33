/// Estimating the overdispersion factor φ and the between-unit variance τ² from z-scores
/// (FunnelPlotR v0.6.0, `R/od_adjustment.R`: `winsorisation`, `truncation`, `phi_func`,
/// `tau_func`; Spiegelhalter 2005, sections 3.2–3.3).
public enum Overdispersion {
    /// The estimate from z-scores and their standard errors on the transformed scale.
    ///
    /// - φ = (1/n) Σ W², the mean of the squared winsorised (or, after truncation, the kept)
    ///   z-scores, where n counts the z-scores used (FunnelPlotR `phi_func`).
    /// - τ² = (nφ − (n − 1)) / (Σw − Σw²/Σw) with w = 1/s² over the same units, and 0 when
    ///   nφ < n − 1 (FunnelPlotR `tau_func`, which also floors it at 0).
    ///
    /// NaN z-scores are left out, as R's `na.omit`. The work is one sorted copy of the
    /// z-scores (for the quantiles or ranks); nothing is allocated per unit.
    ///
    /// - Returns: n, φ and τ²; φ and τ² are NaN when no z-score is usable.
    public static func estimate(zScores z: [Double], standardErrors s: [Double], trim: TrimMethod = .default)
        -> (n: Int, phi: Double, tau2: Double) {
        precondition(z.count == s.count, "z-scores and standard errors must be parallel")
        var sorted = [Double]()
        sorted.reserveCapacity(z.count)
        for v in z where !v.isNaN { sorted.append(v) }
        let m = sorted.count
        guard m > 0 else { return (0, .nan, .nan) }
        sorted.sort()

        var lowClamp = -Double.infinity, highClamp = Double.infinity
        var keepLow = -Double.infinity, keepHigh = Double.infinity
        switch trim {
        case .none:
            break
        case .winsorise(let f):
            lowClamp = quantile7(sorted, f)
            highClamp = quantile7(sorted, 1 - f)
        case .truncate(let f):
            // Kept units are those whose average rank r gives band floor(r k / (m + 1)) in
            // 1...(k − 2). Average rank is monotone in the value, so the kept set is a value range.
            let k = 1 / f
            var first = true
            var i = 0
            keepLow = .infinity
            keepHigh = -.infinity
            while i < m {
                var j = i
                while j + 1 < m && sorted[j + 1] == sorted[i] { j += 1 }
                let rank = Double(i + 1 + j + 1) / 2
                let band = (rank * k / Double(m + 1)).rounded(.down)
                if band > 0 && band < k - 1 {
                    if first { keepLow = sorted[i]; first = false }
                    keepHigh = sorted[i]
                }
                i = j + 1
            }
        }

        var n = 0
        var sumSquares = 0.0, sumW = 0.0, sumW2 = 0.0
        for i in z.indices {
            let v = z[i]
            if v.isNaN || v < keepLow || v > keepHigh { continue }
            let w = min(max(v, lowClamp), highClamp)
            sumSquares += w * w
            let weight = 1 / (s[i] * s[i])
            sumW += weight
            sumW2 += weight * weight
            n += 1
        }
        guard n > 0 else { return (0, .nan, .nan) }
        let nd = Double(n)
        let phi = sumSquares / nd
        let tau2: Double
        if nd * phi < nd - 1 {
            tau2 = 0
        } else {
            tau2 = max(0, (nd * phi - (nd - 1)) / (sumW - sumW2 / sumW))
        }
        return (n, phi, tau2)
    }

    /// R's default (type 7) quantile of sorted values: with h = (n − 1)p, lo = ⌊h⌋,
    /// `(1 − (h − lo)) x[lo] + (h − lo) x[lo + 1]` (R `quantile.default`).
    public static func quantile7(_ sorted: [Double], _ p: Double) -> Double {
        let n = sorted.count
        precondition(n > 0, "quantile of no values")
        let index = Double(n - 1) * p
        let lo = Int(index.rounded(.down))
        let hi = Int(index.rounded(.up))
        let q = sorted[lo]
        let h = index - Double(lo)
        if index > Double(lo) && sorted[hi] != q {
            return (1 - h) * q + h * sorted[hi]
        }
        return q
    }
}
