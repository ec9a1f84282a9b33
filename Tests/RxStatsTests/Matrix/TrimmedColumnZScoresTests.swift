import Foundation
import Testing
@testable import RxStats

/// OpenPrescribing's static-outlier statistics on BLAS, against a hand-worked column and an
/// independent, straightforward computation (pandas' `quantile`, `mean`, `std` written out).
@Suite struct TrimmedColumnZScoresTests {
    /// pandas' `Series.quantile(q)` (linear interpolation) over the non-missing values.
    static func quantile(_ v: [Double], _ q: Double) -> Double {
        let s = v.filter { !$0.isNaN }.sorted()
        let h = q * Double(s.count - 1)
        let i = Int(h.rounded(.down))
        return i + 1 < s.count ? s[i] + (h - Double(i)) * (s[i + 1] - s[i]) : s[i]
    }

    /// The straightforward per-column computation (`trim_outliers`, then `get_stats`).
    static func reference(_ column: [Double]) -> (mean: Double, sd: Double, z: [Double]) {
        let lo = quantile(column, 0.001), hi = quantile(column, 0.999)
        let kept = column.filter { !$0.isNaN && $0 >= lo && $0 <= hi }
        let mean = kept.reduce(0, +) / Double(kept.count)
        let sd = (kept.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(kept.count - 1)).squareRoot()
        return (mean, sd, column.map { $0.isNaN || !(sd > 0) ? .nan : ($0 - mean) / sd })
    }

    @Test func handWorkedColumn() {
        // Values 0.1, 0.2, 0.3, 0.4 and a missing one: q(0.001) = 0.1 + 0.003·0.1 = 0.1003 and
        // q(0.999) = 0.3 + 0.997·0.1 = 0.3997, so only 0.2 and 0.3 are kept: mean 0.25,
        // SD √((0.05² + 0.05²)/1) = 0.0707107.
        let r = TrimmedColumnZScores.compute([0.1, 0.2, 0.3, 0.4, .nan], rows: 5, columns: 1)
        #expect(r.kept == [2])
        // Two terms: a few ulps of each quantity, whatever the kernel's order.
        let sd = 0.05 * 2.0.squareRoot()
        #expect(abs(r.mean[0] - 0.25) <= RoundingBound.sum(terms: 2, magnitude: 0.25 + 0.1))
        #expect(abs(r.sd[0] - sd) <= RoundingBound.sum(terms: 4, magnitude: sd))
        #expect(abs(r.z[0] - (0.1 - 0.25) / sd) <= RoundingBound.sum(terms: 8, magnitude: 2.2))
        #expect(abs(r.z[3] - 2.1213203435596424) <= RoundingBound.sum(terms: 8, magnitude: 2.2))
        #expect(r.z[4].isNaN)
    }

    @Test func constantOrEmptyColumnsHaveNoZ() {
        let r = TrimmedColumnZScores.compute([0, 0, 0, .nan, .nan, .nan], rows: 3, columns: 2)
        #expect(r.sd[0] == 0 && r.z[0..<3].allSatisfy(\.isNaN))
        #expect(r.mean[1].isNaN && r.kept[1] == 0 && r.z[3..<6].allSatisfy(\.isNaN))
    }

    @Test func matchesTheStraightforwardComputation() {
        // 2,500 organisations × 30 chemicals: skewed ratios, ties at 0 and 1, missing values.
        var state: UInt64 = 42
        func u() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let R = 2500, C = 30
        var m = [Double](repeating: 0, count: R * C)
        for c in 0..<C {
            for r in 0..<R {
                let x = u()
                m[c * R + r] = x < 0.05 ? .nan : x < 0.15 ? 0 : x > 0.97 ? 1 : pow(u(), Double(c % 5 + 1))
            }
        }
        let got = TrimmedColumnZScores.compute(m, rows: R, columns: C)
        for c in 0..<C {
            let ref = Self.reference(Array(m[(c * R)..<((c + 1) * R)]))
            // The mean sums n non-negative terms; the sum of squared deviations n + 2 (the
            // subtraction and the square), so the SD's relative error is below γₙ₊₂. A z then
            // inherits the mean's error over the SD and its own size times the SD's relative error.
            let n = got.kept[c]
            let meanBound = RoundingBound.sum(terms: n, magnitude: ref.mean)
            let sdBound = RoundingBound.sum(terms: n + 2, magnitude: ref.sd)
            #expect(abs(got.mean[c] - ref.mean) <= meanBound, "column \(c) mean")
            #expect(abs(got.sd[c] - ref.sd) <= sdBound, "column \(c) sd")
            for r in 0..<R {
                let a = got.z[c * R + r], b = ref.z[r]
                let zBound = (meanBound + abs(b) * sdBound) / ref.sd + RoundingBound.sum(terms: 4, magnitude: abs(b))
                #expect(a.isNaN == b.isNaN && (a.isNaN || abs(a - b) <= zBound), "z[\(r), \(c)]")
            }
        }
    }
}

extension TrimmedColumnZScoresTests {
    @Test func selectedPercentilesEqualSortedOnes() {
        var state: UInt64 = 7
        for n in [1, 2, 3, 5, 50, 999, 1000, 1001, 6600] {
            var v = (0..<n).map { _ -> Double in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return Double(state >> 54)   // few distinct values: many ties
            }
            let sorted = v.sorted()
            for (p, q) in [(0.001, 0.999), (0.0, 1.0), (0.1, 0.9), (0.5, 0.5)] {
                let (a, b) = TrimmedColumnZScores.percentiles(&v, p, q)
                #expect(a == PercentileCont.sortedPercentile(sorted, p) && b == PercentileCont.sortedPercentile(sorted, q), "n \(n) p \(p)")
            }
        }
    }
}
