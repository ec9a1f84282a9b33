import Testing
@testable import RxStats

/// `FunnelBatch.spiegelhalterFlags` gives the z-scores and flags of `FunnelBatch.spiegelhalter`
/// (exact chi-square limits decided by tail probabilities).
@Suite struct FunnelBatchFlagsTests {
    static func units(_ count: Int, seed: UInt64, rate: Bool) -> ([Double], [Double]) {
        var draws = UniformDraws(seed: seed)
        func u() -> Double { draws.next() }
        var num: [Double] = [], den: [Double] = []
        for _ in 0..<count {
            let d = (5 + 3000 * u() * u()).rounded()
            let p = 0.2 * (0.3 + 1.4 * u()) * (u() < 0.03 ? 2.5 : 1)
            // Rates: counts around expected, zero counts included; proportions: within the denominator.
            num.append(rate ? (d * p * 4 * u()).rounded() : min(d, (d * p).rounded()))
            den.append(rate ? d * 0.2 : d)
        }
        return (num, den)
    }

    @Test(arguments: [FunnelDataType.ratioLog, .proportion])
    func sameFlagsAsTheFullFunnel(_ type: FunnelDataType) throws {
        for seed in [1, 2, 3] as [UInt64] {
            let (o, d) = Self.units(4000, seed: seed, rate: type == .ratioLog)
            for method in OverdispersionMethod.allCases {
                for target in [nil, 0.93] as [Double?] {
                    let full = try FunnelBatch.spiegelhalter(numerators: o, denominators: d, dataType: type, target: target,
                                                             method: method, multiplier: 100)
                    let quick = try FunnelBatch.spiegelhalterFlags(numerators: o, denominators: d, dataType: type, target: target,
                                                                   method: method, multiplier: 100)
                    #expect(quick.flags == full.flags, "\(type) \(method) seed \(seed) target \(String(describing: target))")
                    #expect(quick.z.elementsEqual(full.z) { $0 == $1 || ($0.isNaN && $1.isNaN) })
                    #expect(quick.overdispersion == full.overdispersion!)
                    if method == .none && target == nil { #expect(Set(full.flags).count >= 4, "the data exercise the flags") }
                }
            }
        }
    }
}
