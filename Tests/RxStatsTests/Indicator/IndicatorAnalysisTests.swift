import Foundation
import Testing
@testable import RxStats

@Suite struct IndicatorAnalysisTests {
    let numerators: [Double] = [12, 30, 45, 8, 60, 22, 90, 5, 40, 33, 70, 15]
    let denominators: [Double] = [100, 150, 300, 90, 250, 120, 400, 80, 200, 210, 260, 60]

    @Test func proportionMatchesItsParts() throws {
        let options = IndicatorOptions(type: .proportion, multiplier: 100)
        let r = try IndicatorAnalysis.run(numerators: numerators, denominators: denominators, options: options)
        let wilson = try WilsonInterval.intervals(numerators: numerators, denominators: denominators, confidence: 0.95, multiplier: 100)
        let funnel = try FunnelBatch.spiegelhalter(numerators: numerators, denominators: denominators, dataType: .proportion,
                                                   method: .additive, multiplier: 100)
        #expect(r.value == wilson.value)
        #expect(r.lower95 == wilson.lower)
        #expect(r.funnel.upper998 == funnel.upper998)
        #expect(r.funnel.flags == funnel.flags)
        let pooled = numerators.reduce(0, +) / denominators.reduce(0, +)
        #expect(abs(r.summary.target - pooled) < 1e-15)
        #expect(r.summary.n == numerators.count)
    }

    @Test func pheProportionLimitsAreAroundTheTarget() throws {
        let options = IndicatorOptions(type: .proportion, multiplier: 100, target: 0.2, limits: .phe, overdispersion: .none)
        let r = try IndicatorAnalysis.run(numerators: numerators, denominators: denominators, options: options)
        for i in numerators.indices {
            let l = PHEFunnel.proportionLimits(population: denominators[i], average: 0.2, multiplier: 100)
            #expect(r.funnel.lower95[i] == l.lower95)
            #expect(r.funnel.upper998[i] == l.upper998)
            #expect(r.funnel.lower998[i] <= r.funnel.lower95[i] && r.funnel.lower95[i] < 20 && 20 < r.funnel.upper95[i])
            #expect(r.funnel.flags[i] == FunnelFlag.classify(r.value[i], limits: l))
        }
        #expect(r.summary.adjusted == false)
    }

    /// A rate's Spiegelhalter funnel is the SHMI funnel of observed against population × target,
    /// scaled by the target: a unit exactly at the target rate sits on the centre line (z = 0).
    @Test func rateAtTheTargetHasZeroZ() throws {
        let options = IndicatorOptions(type: .rate, multiplier: 1000, target: 0.05, overdispersion: .none)
        let r = try IndicatorAnalysis.run(numerators: [50, 10, 200], denominators: [1000, 100, 2000], options: options)
        #expect(abs(r.funnel.z[0]) < 1e-12)
        #expect(abs(r.value[0] - 50) < 1e-12)
        #expect(r.funnel.lower95[0] < 50 && 50 < r.funnel.upper95[0])
        #expect(r.funnel.z[1] > 0 && r.funnel.z[2] > 0)
    }

    @Test func ratioTargetMovesTheCentre() throws {
        let o: [Double] = [30, 12, 50], e: [Double] = [20, 10, 50]
        let base = try IndicatorAnalysis.run(numerators: o, denominators: e, options: .init(type: .ratio, overdispersion: .none))
        let shifted = try IndicatorAnalysis.run(numerators: o, denominators: e, options: .init(type: .ratio, target: 1.5, overdispersion: .none))
        #expect(base.value == [1.5, 1.2, 1.0])
        #expect(shifted.value == base.value)
        #expect(abs(shifted.funnel.z[0]) < 1e-12)   // 30/20 = 1.5 is the target
        #expect(shifted.funnel.upper95[0] > base.funnel.upper95[0])
    }

    /// Large tables are split across cores; every unit must get the limits of its own denominator.
    @Test func pheLimitsForManyUnitsMatchUnitByUnit() throws {
        let n = 40_000
        let den = (0..<n).map { Double(100 + ($0 * 7919) % 5000) }
        let num = den.map { ($0 * 0.3).rounded() }
        let r = try IndicatorAnalysis.run(numerators: num, denominators: den,
                                          options: .init(type: .proportion, multiplier: 100, limits: .phe, overdispersion: .none))
        for i in stride(from: 0, to: n, by: 997) {
            let l = PHEFunnel.proportionLimits(population: den[i], average: r.summary.target, multiplier: 100)
            #expect(abs(r.funnel.lower95[i] - l.lower95) < 1e-12)
            #expect(abs(r.funnel.upper998[i] - l.upper998) < 1e-12)
        }
    }

    @Test func badInputIsRefused() {
        #expect(throws: StatsError.numeratorExceedsDenominator) {
            try IndicatorAnalysis.run(numerators: [5, 11], denominators: [10, 10], options: .init(type: .proportion))
        }
        #expect(throws: StatsError.self) {
            try IndicatorAnalysis.run(numerators: [-1], denominators: [10], options: .init(type: .rate))
        }
        #expect(throws: StatsError.empty) {
            try IndicatorAnalysis.run(numerators: [], denominators: [], options: .init(type: .rate))
        }
    }

    @Test func curveSpansTheDenominatorsAndNarrows() {
        let options = IndicatorOptions(type: .proportion, multiplier: 100)
        let points = IndicatorAnalysis.curve(range: 10...10_000, points: 50, target: 0.2, summary: nil, options: options)
        #expect(points.count == 50)
        #expect(abs(points.first!.denominator - 10) < 1e-9 && abs(points.last!.denominator - 10_000) < 1e-6)
        #expect(points.allSatisfy { $0.target == 20 })
        let widths = points.map { $0.limits.upper95 - $0.limits.lower95 }
        #expect(zip(widths, widths.dropFirst()).allSatisfy { $0 >= $1 })
    }
}
