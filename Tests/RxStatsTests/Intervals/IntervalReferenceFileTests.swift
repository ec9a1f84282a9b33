import Testing
@testable import RxStats

/// Every row of the published interval test values in ../shared/data/reference-values
/// (PHEindicatormethods v2.1.0 test sheets). Tolerance: 1e-8 relative throughout (closed-form
/// formulas, and R's own qchisq/qnorm/qt from the same libRmath). Skipped when ../shared is
/// absent; the literal copies in the other suites still run.
@Suite(.enabled(if: IntervalReferenceData.available, IntervalReferenceData.missing))
struct IntervalReferenceFileTests {
    let rel = 1e-8

    @Test func wilsonProportionAllRows() throws {
        let rows = try IntervalReferenceData.rows("phe_wilson_proportion.csv")
        #expect(rows.count == 46)
        for r in rows {
            let x = refNumber(r["numerator"]), n = refNumber(r["denominator"])
            let c = refNumber(r["confidence"]), m = refNumber(r["multiplier"])
            let i = try WilsonInterval.interval(numerator: x, denominator: n, confidence: c, multiplier: m)
            let id = r["case_id"] ?? "?"
            if r["value"] != "NA" { #expect(agrees(i.value, refNumber(r["value"]), rel: rel), "\(id) value") }
            #expect(agrees(i.lower, refNumber(r["lower"]), rel: rel), "\(id) lower")
            #expect(agrees(i.upper, refNumber(r["upper"]), rel: rel), "\(id) upper")
            #expect(i.method?.rawValue == r["method"], "\(id) method")
        }
        // the same rows through the batch form
        let byConfidence = Dictionary(grouping: rows) { "\($0["confidence"]!)|\($0["multiplier"]!)" }
        for group in byConfidence.values {
            let b = try WilsonInterval.intervals(numerators: group.map { refNumber($0["numerator"]) },
                                                 denominators: group.map { refNumber($0["denominator"]) },
                                                 confidence: refNumber(group[0]["confidence"]),
                                                 multiplier: refNumber(group[0]["multiplier"]))
            for (k, r) in group.enumerated() {
                #expect(agrees(b.lower[k], refNumber(r["lower"]), rel: rel), "\(r["case_id"]!) batch lower")
                #expect(agrees(b.upper[k], refNumber(r["upper"]), rel: rel), "\(r["case_id"]!) batch upper")
            }
        }
    }

    @Test func rateByarsExactAllRows() throws {
        let rows = try IntervalReferenceData.rows("phe_rate_byars_exact.csv")
        #expect(rows.count == 43)
        for r in rows {
            let id = r["case_id"] ?? "?"
            let i = try RateInterval.interval(count: refNumber(r["numerator"]), denominator: refNumber(r["denominator"]),
                                              confidence: refNumber(r["confidence"]), multiplier: refNumber(r["multiplier"]))
            #expect(agrees(i.value, refNumber(r["value"]), rel: rel), "\(id) value")
            #expect(agrees(i.lower, refNumber(r["lower"]), rel: rel), "\(id) lower")
            #expect(agrees(i.upper, refNumber(r["upper"]), rel: rel), "\(id) upper")
            #expect(i.method?.rawValue == r["method"], "\(id) method")
            let b = try RateInterval.intervals(counts: [refNumber(r["numerator"])], denominators: [refNumber(r["denominator"])],
                                               confidence: refNumber(r["confidence"]), multiplier: refNumber(r["multiplier"]))
            #expect(b[0] == i, "\(id) batch")
        }
    }

    @Test func byarsCountAllRows() throws {
        let rows = try IntervalReferenceData.rows("phe_byars_count_ci.csv")
        #expect(rows.count == 7)
        for r in rows {
            let id = r["case_id"] ?? "?"
            let x = refNumber(r["observed"]), c = refNumber(r["confidence"])
            #expect(agrees(try PoissonInterval.byarsLower(x, confidence: c), refNumber(r["lower"]), rel: rel), "\(id) lower")
            #expect(agrees(try PoissonInterval.byarsUpper(x, confidence: c), refNumber(r["upper"]), rel: rel), "\(id) upper")
        }
    }

    @Test func meanAllRows() throws {
        let inputs = try IntervalReferenceData.rows("phe_mean_inputs.csv")
        let rows = try IntervalReferenceData.rows("phe_mean_t.csv")
        #expect(rows.count == 6)
        for r in rows {
            let id = r["case_id"] ?? "?"
            let group = r["group"]!
            let values = inputs.filter { group == "No grouping" || $0["area"] == group }.map { refNumber($0["value"]) }
            #expect(Double(values.count) == refNumber(r["value_count"]), "\(id) count")
            let i = try MeanInterval.interval(values: values, confidence: refNumber(r["confidence"]))
            #expect(agrees(i.value, refNumber(r["value"]), rel: rel), "\(id) value")
            #expect(agrees(i.lower, refNumber(r["lower"]), rel: rel), "\(id) lower")
            #expect(agrees(i.upper, refNumber(r["upper"]), rel: rel), "\(id) upper")
            #expect(i.method?.rawValue == r["method"], "\(id) method")
        }
    }

    @Test func edgeCaseErrorMessagesMatch() throws {
        let rows = try IntervalReferenceData.rows("edge_cases.csv")
        func outcome(_ function: String, _ scenario: String) -> String? {
            rows.first { $0["function"] == function && $0["scenario"] == scenario }?["outcome"]
        }
        #expect(outcome("phe_proportion", "numerator < 0") == StatsError.negativeNumerator.description)
        #expect(outcome("phe_proportion", "denominator = 0") == StatsError.nonPositiveDenominator.description)
        #expect(outcome("phe_proportion", "numerator > denominator") == StatsError.numeratorExceedsDenominator.description)
        #expect(outcome("calculate_dsr", "stdpop < 0") == StatsError.negativeStandardPopulation.description)
        #expect(outcome("calculate_dsr", "multiplier <= 0") == StatsError.nonPositiveMultiplier.description)
        #expect(outcome("calculate_dsr", "pop NA") == StatsError.missingValue("n").description)
        #expect(outcome("calculate_ISRatio", "pop < 0") == StatsError.negativeDenominator.description)
    }
}
