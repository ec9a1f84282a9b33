import Foundation
import Testing
import RxData
@testable import RxAtlas

/// A cost-based percentage measure in OpenPrescribing's format gets its cost and quantity sides,
/// the run computes them beside it, and its savings follow OpenPrescribing's formula.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: BuiltInMeasureLibraryTests.root.appendingPathComponent("datasets/sample/epd_202501.csv.gz").path),
                "datasets/sample is missing"))
struct PercentageCostSavingsTests {
    static let definition = """
    {"name": "Atorvastatin", "description": "Atorvastatin as a share of statins", "is_percentage": true, "is_cost_based": true,
     "low_is_good": false, "numerator_type": "bnf_items", "numerator_bnf_codes_filter": ["0212000B0"],
     "denominator_type": "bnf_items", "denominator_bnf_codes_filter": ["0212000B0", "0212000Y0", "0212000AA"]}
    """

    @Test func theRunComputesTheCostSidesAndOpenPrescribingsSavings() throws {
        let def = try OpenPrescribingMeasureFormat.decode(Data(Self.definition.utf8), file: "/defs/atorva.json")
        let costs = try #require(def.percentageCosts)
        #expect(costs.numeratorCost.quantity == .actualCost && costs.numeratorCost.filter == def.numerator.filter)
        #expect(costs.denominatorQuantity.quantity == .quantity && costs.denominatorQuantity.filter == def.denominator.filter)

        let sample = BuiltInMeasureLibraryTests.root.appendingPathComponent("datasets/sample").path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pct-cost-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        _ = try StoreIngest(options: IngestOptions(files: [sample + "/epd_202501.csv.gz"], listSizes: [sample + "/list_sizes_202501.csv.gz"],
                                                   orgMapping: sample + "/orgs.csv.gz", softwareVersion: "test")).run(store: scratch)
        let store = try Store.open(at: scratch)
        let month = YearMonth(year: 2025, month: 1)!
        // The same sums as plain measures, to check the attached ones against.
        func plain(_ id: String, _ side: MeasureDefinition.Side) -> MeasureDefinition {
            MeasureDefinition(id: id, name: id, isPercentage: false, lowIsGood: true, isCostBased: false,
                              numerator: side, denominator: .init(quantity: .listSize, filter: nil))
        }
        let run = try MeasureRun.run(store: store, period: month...month,
                                     definitions: [def, plain("nc", costs.numeratorCost), plain("nq", costs.numeratorQuantity),
                                                   plain("dc", costs.denominatorCost), plain("dq", costs.denominatorQuantity)],
                                     levels: [.practice, .icb])
        #expect(run.values.count == 10)   // the cost sides are not tables of their own
        for level in [OrgLevel.practice, .icb] {
            let table = try #require(run.values.first { $0.measureID == def.id && $0.level == level })
            let c = try #require(table.percentageCosts)
            let byID = { (id: String) in run.values.first { $0.measureID == id && $0.level == level }!.numerator }
            #expect(c.numeratorCost == byID("nc") && c.numeratorQuantity == byID("nq"))
            #expect(c.denominatorCost == byID("dc") && c.denominatorQuantity == byID("dq"))
        }
        // National unit costs over the ranked practices.
        let practices = run.values.first { $0.measureID == def.id && $0.level == .practice }!
        let c = practices.percentageCosts!
        var sums = [0.0, 0.0, 0.0, 0.0]
        for u in practices.orgCodes.indices where practices.status[u] != .notRanked {
            sums[0] += c.numeratorCost[u]; sums[1] += c.numeratorQuantity[u]; sums[2] += c.denominatorCost[u]; sums[3] += c.denominatorQuantity[u]
        }
        #expect(sums[0] > 0 && abs(c.costPerNumerator[0] - sums[0] / sums[1]) < 1e-12)
        #expect(abs(c.costPerDenominator[0] - (sums[2] - sums[0]) / (sums[3] - sums[1])) < 1e-12)
        // The savings table has them, by the formula.
        let s = MeasureSavings(practices, population: .everyRankedUnit)
        let u = try #require(practices.orgCodes.indices.first { practices.status[$0] == .defined && c.numeratorQuantity[$0] > 0 })
        let p50 = s.saving(u, decile: 4)
        let ratios = practices.orgCodes.indices.map { practices.status[$0] == .defined ? practices.numerator[$0] / practices.denominator[$0] : Double.nan }
        let median = RxStatsDeciles.median(ratios)
        let expected = c.denominatorCost[u] - (median * c.denominatorQuantity[u] * c.numeratorCost[u] / c.numeratorQuantity[u]
            + (c.denominatorQuantity[u] - c.denominatorQuantity[u] * median)
            * (c.denominatorCost[u] - c.numeratorCost[u]) / (c.denominatorQuantity[u] - c.numeratorQuantity[u]))
        #expect(abs(p50 - expected) < 1e-6 * max(1, abs(expected)))
        let tables = MeasureOutput.tables(run.values, definitions: [def])
        #expect(tables.contains { $0.name == "savings" && $0.rowCount > 0 })
    }
}

/// PERCENTILE_CONT at 0.5 over the values that are numbers (as the deciles take them).
enum RxStatsDeciles {
    static func median(_ values: [Double]) -> Double {
        let v = values.filter { !$0.isNaN }.sorted()
        let rank = 0.5 * Double(v.count - 1)
        let lo = Int(rank.rounded(.down)), hi = Int(rank.rounded(.up))
        return v[lo] + (v[hi] - v[lo]) * (rank - Double(lo))
    }
}
