import Foundation
import Testing
@testable import RxStats

/// OpenPrescribing's percentiles (PERCENT_RANK × 100) and deciles (PERCENTILE_CONT).
@Suite struct OpenPrescribingRanksTests {
    /// core_0, 2018-06, practice level, copied from OpenPrescribing's
    /// `functional-measures-dont-edit.json`: (calc_value, percentile) for 16 practices, and the
    /// measureglobal practice deciles. Percentiles are reproduced exactly; deciles to 1e-15
    /// relative (BigQuery's interpolation is not bit-reproducible: even exact rational
    /// interpolation of these doubles differs from its output in the last ulp for 85 of the
    /// fixture's 1,800 deciles).
    static let values: [Double] = [
        0.23251748251748253, 0.1888, 0.140084388185654, 0.2717948717948718, 0.24571428571428572,
        0.21836506159014557, 0.31758034026465026, 0.28368794326241137, 0.31746031746031744,
        0.2590909090909091, 0.36768149882903983, 0.3681214421252372, 0.35877862595419846,
        0.3683127572016461, 0.3768939393939394, 0.37701149425287356,
    ]
    static let percentiles: [Double] = [
        20.0, 6.666666666666667, 0.0, 40.0, 26.666666666666668, 13.333333333333334, 60.0,
        46.666666666666664, 53.333333333333336, 33.33333333333333, 73.33333333333333, 80.0,
        66.66666666666666, 86.66666666666667, 93.33333333333333, 100.0,
    ]
    static let deciles: [Double] = [
        0.2035825307950728, 0.23251748251748253, 0.2524025974025974, 0.2717948717948718,
        0.3005741303613644, 0.31758034026465026, 0.36323006239161915, 0.3681214421252372,
        0.37260334829779274,
    ]

    @Test func literalPartitionReproducesOpenPrescribing() {
        #expect(PercentRank.percentiles(Self.values) == Self.percentiles)
        let d = PercentileCont.deciles(Self.values)
        #expect(d.count == 9)
        for (a, b) in zip(d, Self.deciles) { #expect(relativelyClose(a, b, 1e-15)) }
    }

    /// Ties share the lowest rank; NULLs are excluded from n and stay NULL; one value → 0.
    @Test func tiesNullsAndSingleValues() {
        let p = PercentRank.percentiles([3, nil, 1, 3, 2] as [Double?])
        let twoThirds: Double = 2.0 / 3 * 100, oneThird: Double = 1.0 / 3 * 100
        let expected: [Double?] = [twoThirds, nil, 0, twoThirds, oneThird]
        #expect(p == expected)
        #expect(PercentRank.percentiles([nil, 5] as [Double?]) == [nil, 0])
        #expect(PercentRank.percentiles([Double]()) == [])
        let d = PercentileCont.percentiles([.nan, 4, 1, 2, 3], at: [0, 0.5, 0.9, 1])
        for (a, b) in zip(d, [1, 2.5, 3.7, 4]) { #expect(relativelyClose(a, b, 1e-15)) }
        #expect(PercentileCont.percentiles([.nan], at: [0.5])[0].isNaN)
    }

    /// Every measure × month × organisation level in the fixture: percentiles exactly as
    /// stored, deciles to 1e-15 relative (see above).
    @Test(.enabled(if: ReferenceValues.available, ReferenceValues.missing))
    func wholeFixtureReproduces() throws {
        // JSONDecoder, not JSONSerialization: on Linux the latter misreads some 17-digit
        // doubles by an ulp, which would break the exact comparison.
        struct Fields: Decodable {
            let measure: String?, month: String?, practice: String?, pct: String?, pcn: String?
            let stp: String?, calc_value: Double?, percentile: Double?
            let percentiles: [String: [String: Double]]?
        }
        struct Object: Decodable { let model: String; let fields: Fields }
        let data = try Data(contentsOf: ReferenceValues.url("openprescribing/functional-measures-dont-edit.json"))
        let objects = try JSONDecoder().decode([Object].self, from: data)
        struct Key: Hashable { let measure: String; let month: String; let level: String }
        var partitions: [Key: [(value: Double, percentile: Double)]] = [:]
        var globals: [Key: [String: Double]] = [:]
        for object in objects {
            let f = object.fields
            let measure = f.measure ?? "", month = f.month ?? ""
            if object.model == "frontend.measurevalue" {
                func has(_ v: String?) -> Bool { !(v ?? "").isEmpty }
                let level = has(f.practice) ? "practice" : has(f.pct) ? "ccg" : has(f.pcn) ? "pcn"
                    : has(f.stp) ? "stp" : "regional_team"
                partitions[Key(measure: measure, month: month, level: level), default: []]
                    .append((f.calc_value ?? .nan, f.percentile ?? .nan))
            } else if object.model == "frontend.measureglobal", let levels = f.percentiles {
                for (level, d) in levels { globals[Key(measure: measure, month: month, level: level)] = d }
            }
        }
        #expect(partitions.count == 200)
        var checkedDeciles = 0
        for (key, rows) in partitions {
            let got = PercentRank.percentiles(rows.map(\.value))
            for (g, r) in zip(got, rows) {
                #expect(g == r.percentile || (g.isNaN && r.percentile.isNaN), "\(key) got \(g) stored \(r.percentile) value \(r.value)")
            }
            if let expected = globals[key] {
                let d = PercentileCont.deciles(rows.map(\.value))
                for (i, q) in (1...9).enumerated() {
                    let e = try #require(expected[String(q * 10)])
                    #expect(relativelyClose(d[i], e, 1e-15), "\(key) decile \(q)")
                    checkedDeciles += 1
                }
            }
        }
        #expect(checkedDeciles == 1800)
    }

    /// A million values in one partition.
    @Test func aMillionValues() {
        let n = 1_000_000
        var v = [Double](repeating: 0, count: n)
        for i in 0..<n { v[i] = Double((i * 7919) % 1000) }
        let start = Date()
        let p = PercentRank.percentiles(v)
        let d = PercentileCont.deciles(v)
        let elapsed = Date().timeIntervalSince(start)
        #expect(p[0] == 0)
        #expect(d[4] == 499.5 || d[4] == 499 || d[4] == 500)
        // Speed is measured in Benchmarks/; this bound only catches a quadratic regression, even
        // in a debug build on a busy machine.
        #expect(elapsed < 60, "took \(elapsed) s")
    }
}
