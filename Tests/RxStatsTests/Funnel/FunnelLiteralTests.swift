import Testing
@testable import RxStats

/// Core checks with reference values copied literally, so they run without ../shared.
@Suite struct FunnelLiteralTests {
    private func close(_ a: Double, _ b: Double, _ rel: Double) -> Bool { abs(a - b) <= rel * abs(b) }

    /// PHE proportion limits, testdata_funnel_prop_outputs.csv row Population=4 (6 decimals)
    /// with average 0.80642448... from the package's inputs (here as the printed baseline).
    @Test func pheProportionLimit() {
        // Axis-variation file, Population 10000: baseline 82.18033788 (8 decimals).
        let l = PHEFunnel.proportionLimits(population: 10000, average: 0.8218033788)
        #expect(abs(l.lower95 - 81.43030244) < 2e-6)
        #expect(abs(l.upper998 - 83.36290233) < 2e-6)
    }

    /// testdata_funnel_ratio_outputs.csv, Observed_events = 1 and 4 (bisection, 1e-8 relative).
    @Test func pheRatioBisection() {
        let one = PHEFunnel.poissonExpectedCounts(observed: 1)
        #expect(close(one.lower95, 5.571644585, 1e-8))
        #expect(close(one.upper95, 0.025317898, 1e-8))
        #expect(close(one.lower998, 9.233410143, 1e-8))
        #expect(close(one.upper998, 0.001000547, 1e-6))
        let four = PHEFunnel.poissonExpectedCounts(observed: 4)
        #expect(close(four.upper998, 0.42855244, 1e-8))
        // Exact chi-square differs from the bisection by up to ~5e-5 relative.
        let exact = PHEFunnel.poissonExpectedCounts(observed: 1, method: .chiSquare)
        #expect(close(exact.upper998, 0.001000547, 1e-4))
        #expect(!close(exact.upper998, 0.001000547, 1e-7))
    }

    /// The continuous inversion passes through PHE's rows: at the expected count where 4
    /// events sit on the lower 95% limit, the limit is 4/E.
    @Test func pheLimitsAtDenominators() {
        let e = PHEFunnel.poissonFunnel(observed: 4, probability: 0.025, side: .lower, method: .chiSquare)
        let l = PHEFunnel.ratioLimits(expected: e, ratioType: .isr)
        #expect(close(l.lower95, 400 / e, 1e-11))
        let u = PHEFunnel.poissonFunnel(observed: 7, probability: 0.001, side: .upper, method: .chiSquare)
        #expect(close(PHEFunnel.ratioLimits(expected: u, ratioType: .isr).upper998, 700 / u, 1e-11))
        // Below −log(0.025) expected events there is no lower 95% limit.
        #expect(PHEFunnel.ratioLimits(expected: 3, ratioType: .count).lower95 == -1)
    }

    /// Labels: ratio 151/106.44 is High (0.001) and 8/6.24 not significant (ratio inputs file).
    @Test func pheRatioSignificance() throws {
        let labels = try PHEFunnel.ratioSignificance(observed: [8, 151, 159, 191], expected: [6.239860227, 106.4429719, 232.9329036, 184.0963855])
        #expect(labels == [.notSignificant, .high001, .low001, .notSignificant])
        #expect(throws: StatsError.negativeNumerator) { try PHEFunnel.ratioSignificance(observed: [-1], expected: [2]) }
        #expect(throws: StatsError.numeratorExceedsDenominator) {
            try PHEFunnel.proportionSignificance(numerators: [65, 80, 30], denominators: [100, 100, 20])
        }
    }

    /// FunnelPlotR's SHMI example: φ 2.948033175102358 and τ² 0.01947753057802157
    /// (computed_with_scipy.csv cmp007/cmp008; closed form, 1e-12), OD95LCL at E=108 cmp009.
    @Test func shmiOverdispersion() throws {
        let o: [Double] = [100, 150, 180, 80, 120, 225], e: [Double] = [108, 112, 165, 95, 100, 220]
        let result = try FunnelBatch.spiegelhalter(numerators: o, denominators: e, dataType: .ratioLog, trim: .truncate(0.1))
        let s = try #require(result.overdispersion)
        #expect(close(s.phi, 2.948033175102358, 1e-12))
        #expect(close(s.tau2, 0.01947753057802157, 1e-12))
        #expect(s.adjusted && s.method == .additive && s.target == 1)
        #expect(close(result.lower95[0], 0.7173067492847119, 1e-12))
        #expect(close(result.upper998[5], 1.6144040419533623, 1e-12))
        // Unit b (150/112 = 1.339) is inside its additive upper 95% limit 1.3914 (cmp014).
        #expect(close(result.upper95[1], 1.3914334660606567, 1e-12))
        #expect(result.flags == [FunnelFlag](repeating: .none, count: 6))
    }

    /// FunnelPlotR test-poisson_limits.R: E=15 gives ll95 0.5596924 and ul998 2.082907.
    @Test func unadjustedPoissonLimits() {
        let l = SpiegelhalterFunnel.limits(denominator: 15, target: 1, dataType: .ratioLog)
        #expect((l.lower95 * 1e7).rounded() / 1e7 == 0.5596924)
        #expect((l.upper998 * 1e6).rounded() / 1e6 == 2.082907)
    }

    /// Spiegelhalter 2005 appendix, cmp037 and cmp118 of computed_with_scipy.csv.
    @Test func spiegelhalterExact() {
        #expect(close(SpiegelhalterExact.binomialLimit(probability: 0.975, target: 0.1, denominator: 10), 0.2787356597962478, 1e-10))
        #expect(close(SpiegelhalterExact.poissonLimit(probability: 0.025, target: 1, denominator: 5), 0.10841315910257662, 1e-10))
    }

    /// Winsorisation clamps to type-7 quantiles; τ² is 0 when nφ < n − 1; φ ≤ 1 falls back.
    @Test func winsorisationAndFallback() throws {
        let z: [Double] = [-3, -1, 0, 1, 2, 10]
        let (n, phi, _) = Overdispersion.estimate(zScores: z, standardErrors: [Double](repeating: 1, count: 6), trim: .winsorise(0.1))
        // quantile(z, 0.1) = -2, quantile(z, 0.9) = 6
        #expect(n == 6)
        #expect(close(phi, (4 + 1 + 0 + 1 + 4 + 36) / 6, 1e-15))
        let flat = Overdispersion.estimate(zScores: [0.1, -0.1, 0.2], standardErrors: [1, 1, 1], trim: .none)
        #expect(flat.tau2 == 0)
        let calm = try FunnelBatch.spiegelhalter(numerators: [50, 52, 48], denominators: [100, 100, 100], dataType: .proportion)
        #expect(calm.overdispersion?.adjusted == false)
    }

    /// A value exactly on a limit is not an outlier.
    @Test func inclusiveBounds() {
        let l = FunnelLimits(lower95: 0.9, upper95: 1.1, lower998: 0.59, upper998: 1.41)
        #expect(FunnelFlag.classify(1.1, limits: l) == .none)
        #expect(FunnelFlag.classify(1.41, limits: l) == .high95)
        #expect(FunnelFlag.classify(0.58, limits: l) == .low998)
    }
}
