import Testing
@testable import RxStats

/// PHEindicatormethods' published funnel test data (v2.1.0, `tests/testthat/testFunnels.R`),
/// copied to `../shared/data/reference-values/phe_funnel/`.
@Suite(.enabled(if: FunnelReferenceData.available, Comment(rawValue: FunnelReferenceData.missing)))
struct PHEFunnelReferenceTests {
    typealias R = FunnelReferenceData

    /// Proportion limits are printed to 6 decimals (closed form), so 6e-7 absolute.
    @Test func proportionLimits() throws {
        let inputs = try R.rows("phe_funnel/testdata_funnel_prop_inputs.csv")
        let curve = try PHEFunnel.proportionCurve(numerators: inputs.map { R.number($0, "numerator") },
                                                  denominators: inputs.map { R.number($0, "denominator") })
        let expected = try R.rows("phe_funnel/testdata_funnel_prop_outputs.csv")
        #expect(curve.count == expected.count)
        for (p, e) in zip(curve, expected) {
            #expect(p.x == R.number(e, "Population"))
            #expect(R.close(p.limits.lower95, R.number(e, "Lower2s0025limit"), relative: 0, absolute: 6e-7))
            #expect(R.close(p.limits.upper95, R.number(e, "Upper2s0025limit"), relative: 0, absolute: 6e-7))
            #expect(R.close(p.limits.lower998, R.number(e, "Lower3s0001limit"), relative: 0, absolute: 6e-7))
            #expect(R.close(p.limits.upper998, R.number(e, "Upper3s0001limit"), relative: 0, absolute: 6e-7))
            #expect(R.close(p.baseline, R.number(e, "Baseline"), relative: 0, absolute: 6e-7))
        }
    }

    /// Printed to 8 decimals (10 significant digits): 1e-8 relative.
    @Test func proportionLimitsWithAxisVariation() throws {
        let inputs = try R.rows("phe_funnel/testdata_funnel_prop_inputs.csv").filter { R.number($0, "denominator") < 31000 }
        let curve = try PHEFunnel.proportionCurve(numerators: inputs.map { R.number($0, "numerator") },
                                                  denominators: inputs.map { R.number($0, "denominator") })
        let expected = try R.rows("phe_funnel/testdata_funnel_prop_outputs_with_axis_variation.csv")
        #expect(curve.count == expected.count)
        for (p, e) in zip(curve, expected) {
            #expect(p.x == R.number(e, "Population"))
            #expect(R.close(p.limits.lower95, R.number(e, "Lower2s0025limit"), relative: 1e-8))
            #expect(R.close(p.limits.upper95, R.number(e, "Upper2s0025limit"), relative: 1e-8))
            #expect(R.close(p.limits.lower998, R.number(e, "Lower3s0001limit"), relative: 1e-8))
            #expect(R.close(p.limits.upper998, R.number(e, "Upper3s0001limit"), relative: 1e-8))
            #expect(R.close(p.baseline, R.number(e, "Baseline"), relative: 1e-8))
        }
    }

    @Test func proportionSignificance() throws {
        let inputs = try R.rows("phe_funnel/testdata_funnel_prop_inputs.csv")
        let labels = try PHEFunnel.proportionSignificance(numerators: inputs.map { R.number($0, "numerator") },
                                                          denominators: inputs.map { R.number($0, "denominator") })
        #expect(labels.map(\.rawValue) == inputs.map { $0["significance"]! })
    }

    /// With PHE's bisection replicated, 1e-6 relative plus 5e-10 absolute (values printed
    /// to 9 decimals / 10 significant digits). The comparisons here use R's `ppois`, while
    /// PHE's `poisson_cis` sums a series that stops at terms under 1e-10 of the total; at one
    /// row (O = 275, 99.8% upper) that flips one bisection step, a 5e-7 relative difference. With exact chi-square quantiles, 1e-4 relative: the bisection stops at
    /// dv ≤ 1e-7 and differs from the exact answer by up to about 5e-5.
    @Test(arguments: [PoissonFunnelMethod.bisection, .chiSquare])
    func ratioLimits(method: PoissonFunnelMethod) throws {
        let inputs = try R.rows("phe_funnel/testdata_funnel_ratio_inputs.csv")
        let obs = inputs.map { R.number($0, "obs") }, exp = inputs.map { R.number($0, "expected") }
        let tolerance = method == .bisection ? 1e-6 : 1e-4
        let expected = try R.rows("phe_funnel/testdata_funnel_ratio_outputs.csv")
        for type in PHERatioType.allCases {
            let curve = try PHEFunnel.ratioCurve(observed: obs, expected: exp, ratioType: type, method: method)
            #expect(curve.count == expected.count)
            for (p, e) in zip(curve, expected) {
                #expect(p.x == R.number(e, "Observed_events"))
                let suffix = type.rawValue
                // The count scale is O/E − 1: the relative tolerance applies to O/E, i.e. |value + 1|.
                let absolute = type == .count ? tolerance * (1 + abs(R.number(e, "upper_3s_count"))) : 5e-10
                #expect(R.close(p.limits.lower95, R.number(e, "lower_2s_\(suffix)"), relative: tolerance, absolute: absolute))
                #expect(R.close(p.limits.upper95, R.number(e, "upper_2s_\(suffix)"), relative: tolerance, absolute: absolute))
                #expect(R.close(p.limits.lower998, R.number(e, "lower_3s_\(suffix)"), relative: tolerance, absolute: absolute))
                #expect(R.close(p.limits.upper998, R.number(e, "upper_3s_\(suffix)"), relative: tolerance, absolute: absolute))
                #expect(R.close(p.denominators!.lower95, R.number(e, "lower_2s_exp_events"), relative: tolerance))
                #expect(R.close(p.denominators!.upper998, R.number(e, "upper_3s_exp_events"), relative: tolerance, absolute: 5e-10))
            }
        }
    }

    @Test func ratioSignificance() throws {
        let inputs = try R.rows("phe_funnel/testdata_funnel_ratio_inputs.csv")
        let labels = try PHEFunnel.ratioSignificance(observed: inputs.map { R.number($0, "obs") },
                                                     expected: inputs.map { R.number($0, "expected") })
        #expect(labels.map(\.rawValue) == inputs.map { $0["significance"]! })
    }

    /// The three rate variants of testFunnels.R; tolerance as for ratios.
    @Test(arguments: [PoissonFunnelMethod.bisection, .chiSquare])
    func rateLimits(method: PoissonFunnelMethod) throws {
        let input = try R.rows("phe_funnel/testdata_funnel_rate_input_funnels.csv")
        let ev = input.map { R.number($0, "ev") }, rate = input.map { R.number($0, "rate") }
        let tolerance = method == .bisection ? 1e-8 : 1e-4
        let maxEv = ev.max()!

        let dsr = try PHEFunnel.rateCurve(numerators: ev, rates: rate, rateType: .dsr, multiplier: 1e5,
                                          yearsOfData: 3, method: method)
        try check(dsr, "phe_funnel/testdata_funnel_rate_outputs.csv", tolerance)

        let ev2 = ev.map { $0 == maxEv ? 5 : $0 }
        let crude = try PHEFunnel.rateCurve(numerators: ev2, rates: rate, rateType: .crude, multiplier: 1e5,
                                            yearsOfData: 3, method: method)
        try check(crude, "phe_funnel/testdata_funnel_rate_outputs_2.csv", tolerance)

        var pop = zip(ev, rate).map { 1e5 * $0 / $1 }
        var ev3 = ev.map { $0 == maxEv ? 0 : $0 }
        var rate3 = zip(ev, rate).map { $0 == maxEv ? 0 : $1 }
        let maxPop = pop.max()!
        let keep = pop.indices.filter { pop[$0] > maxPop / 2 }
        pop = keep.map { pop[$0] }; ev3 = keep.map { ev3[$0] }; rate3 = keep.map { rate3[$0] }
        let withDenominator = try PHEFunnel.rateCurve(numerators: ev3, rates: rate3, denominators: pop, rateType: .crude,
                                                      multiplier: 1e5, yearsOfData: 3, method: method)
        try check(withDenominator, "phe_funnel/testdata_funnel_rate_outputs_3.csv", tolerance)
    }

    private func check(_ curve: [PHEFunnelPoint], _ file: String, _ tolerance: Double) throws {
        let expected = try R.rows(file)
        #expect(curve.count == expected.count, "\(file)")
        for (p, e) in zip(curve, expected) {
            #expect(p.x == R.number(e, "Events"), "\(file)")
            #expect(R.close(p.limits.lower95, R.number(e, "lower_2s_limit"), relative: tolerance), "\(file) \(p.x)")
            #expect(R.close(p.limits.upper95, R.number(e, "upper_2s_limit"), relative: tolerance), "\(file) \(p.x)")
            #expect(R.close(p.limits.lower998, R.number(e, "lower_3s_limit"), relative: tolerance), "\(file) \(p.x)")
            #expect(R.close(p.limits.upper998, R.number(e, "upper_3s_limit"), relative: tolerance), "\(file) \(p.x)")
            #expect(R.close(p.denominators!.lower95, R.number(e, "lower_2s_population_1_year"), relative: tolerance))
            #expect(R.close(p.denominators!.upper998, R.number(e, "upper_3s_population_1_year"), relative: tolerance))
            #expect(R.close(p.baseline, R.number(e, "baseline"), relative: 1e-8))
        }
    }

    /// The 8 label columns: {dsr, crude} × {per 100,000, per 100} × {with, without zero counts}.
    @Test func rateSignificance() throws {
        let all = try R.rows("phe_funnel/testdata_funnel_rate_dsr_inputs.csv")
        for withZero in [true, false] {
            let rows = withZero ? all : all.filter { R.number($0, "count") != 0 }
            let count = rows.map { R.number($0, "count") }, pop = rows.map { R.number($0, "pop") }
            for (type, rateColumn, multiplier, label) in [
                (PHERateType.dsr, "rate_dsr", 1e5, "dsr_per_100000"), (.dsr, "rate_dsr", 100, "dsr_per_100"),
                (.crude, "rate_crude_per_100000", 1e5, "crude_per_100000"), (.crude, "rate_crude_per_100", 100, "crude_per_100"),
            ] {
                let column = "\(label)_\(withZero ? "with_0" : "without_0")"
                let labels = try PHEFunnel.rateSignificance(numerators: count, rates: rows.map { R.number($0, rateColumn) },
                                                            denominators: pop, rateType: type, multiplier: multiplier)
                #expect(labels.map(\.rawValue) == rows.map { $0[column]! }, "\(column)")
            }
        }
    }
}
