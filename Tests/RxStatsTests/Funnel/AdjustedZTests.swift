import Testing
@testable import RxStats

/// The adjusted z-score is the z the flags use: a unit lies outside the adjusted 99.8% limits
/// exactly when |adjusted z| exceeds the 99.8% quantile, whichever adjustment was applied.
@Suite struct AdjustedZTests {
    /// Overdispersed units: proportions with a unit-level random effect.
    static func units(seed: UInt64, count: Int) -> (num: [Double], den: [Double]) {
        var draws = UniformDraws(seed: seed)
        func u() -> Double { draws.next() }
        var num: [Double] = [], den: [Double] = []
        for _ in 0..<count {
            let d = (50 + 4000 * u()).rounded()
            let p = min(0.95, max(0.02, 0.3 + 0.25 * (u() - 0.5) * (u() < 0.1 ? 3 : 1)))
            num.append((d * p).rounded())
            den.append(d)
        }
        return (num, den)
    }

    @Test(arguments: [OverdispersionMethod.additive, .multiplicative], [FunnelDataType.proportion, .ratioSquareRoot, .ratioLog])
    func adjustedZAgreesWithTheAdjustedFlags(method: OverdispersionMethod, type: FunnelDataType) throws {
        let (num, den) = Self.units(seed: 11, count: 400)
        let r = try FunnelBatch.spiegelhalter(numerators: num, denominators: den, dataType: type, method: method)
        let summary = try #require(r.overdispersion)
        #expect(summary.adjusted, "the data are overdispersed (φ = \(summary.phi))")
        var checked = 0
        for i in num.indices {
            let a = abs(r.adjustedZ[i])
            // Units within a hair of a limit are left out: the flag compares values, z compares
            // transformed values, and the two round differently.
            guard abs(a - LimitQuantiles.funnelPlotR.z998) > 1e-6, abs(a - LimitQuantiles.funnelPlotR.z95) > 1e-6 else { continue }
            #expect(r.flags[i].isOutside998 == (a > LimitQuantiles.funnelPlotR.z998), "unit \(i): z \(r.adjustedZ[i]), \(r.flags[i])")
            #expect(r.flags[i].isOutside95 == (a > LimitQuantiles.funnelPlotR.z95), "unit \(i)")
            // The adjusted z keeps the unadjusted z's sign.
            #expect(r.z[i] == 0 || (r.adjustedZ[i] > 0) == (r.z[i] > 0))
            checked += 1
        }
        #expect(checked > 390)
        #expect(r.flags.contains { $0.isOutside95 } && r.flags.contains { $0 == .none })
    }

    @Test func unadjustedFunnelsKeepTheirZ() throws {
        let (num, den) = Self.units(seed: 3, count: 50)
        let r = try FunnelBatch.spiegelhalter(numerators: num, denominators: den, dataType: .proportion, method: .none)
        #expect(r.adjustedZ == r.z)
    }
}
