import Foundation
import Hummingbird
import HummingbirdTesting
import RxAtlas
import RxData
import Testing
@testable import RxServe

/// The Atlas and organisation routes give the numbers of `rxatlas atlas`' `summary.csv` and
/// `outliers.csv` for the same store and period; and every route answers on Scotland's store.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: sample + "/epd_202501.csv.gz"), "datasets/sample is missing"))
struct ServeAgreementTests {
    /// `a` and `b` equal to the CSV's printed precision; both absent, or both present.
    private func same(_ a: Double?, _ b: String, _ what: String) {
        let v = Double(b)
        #expect((a == nil) == (v == nil), "\(what): \(String(describing: a)) against '\(b)'")
        if let a, let v { #expect(abs(a - v) <= 1e-9 * max(1, abs(v)), "\(what): \(a) against \(v)") }
    }

    @Test func atlasAndOrganisationNumbersEqualTheAtlasCSVs() async throws {
        let f = try ServeFixture()
        let period = try f.data.period(from: nil, to: nil, latest: 12)
        let run = try AtlasRun(try MeasureRun.run(store: f.data.store, period: period, definitions: f.data.definitions).values,
                               definitions: f.data.definitions, period: period)
        let out = f.dir + "/atlas"
        try AtlasOutput.write(run, to: out)
        let summary = try CSVRecordReader.read(path: out + "/summary.csv").map(\.fields)
        let outliers = try CSVRecordReader.read(path: out + "/outliers.csv").map(\.fields)
        let h = Dictionary(uniqueKeysWithValues: AtlasOutput.summaryHeader.enumerated().map { ($1, $0) })
        let measure = "ics_high_dose"
        try await f.test { client in
            for level in ["practice", "icb"] {
                try await client.execute(uri: "/api/v1/atlas/\(measure)?level=\(level)", method: .get) { r in
                    let answer = try #require(try json(r) as? [[String: Any]])
                    let line = try #require(summary.first { $0[0] == measure && $0[1] == level })
                    let a = try #require(answer.first)
                    #expect(answer.count == 1 && a["units"] as? Int == Int(line[h["units"]!]))
                    for (key, column) in [("national", "national"), ("national_lower95", "national_lower95"), ("national_upper95", "national_upper95"),
                                          ("minimum", "min"), ("maximum", "max"), ("fold_range", "fold_range"), ("p95_p5", "p95_p5"),
                                          ("eq", "eq"), ("phi", "phi"), ("tau2", "tau2")] {
                        same(a[key] as? Double, line[h[column]!], "\(level) \(key)")
                    }
                    let points = try #require(a["points"] as? [[String: Any]])
                    let rows = outliers.filter { $0[0] == measure && $0[1] == level }
                    #expect(points.count == rows.count && !rows.isEmpty)
                    for (p, row) in zip(points, rows) {
                        #expect(p["org_code"] as? String == row[2])
                        same(p["numerator"] as? Double, row[5], "numerator \(row[2])")
                        same(p["denominator"] as? Double, row[6], "denominator \(row[2])")
                        same(p["value"] as? Double, row[7], "value \(row[2])")
                        same(p["z"] as? Double, row[8], "z \(row[2])")
                        #expect((p["flag"] as? String ?? "") == row[9] && (p["flag_adjusted"] as? String ?? "") == row[10], "\(row[2])")
                    }
                }
            }
            // An organisation's standing: its row of outliers.csv, its rank among its level's values.
            let rows = outliers.filter { $0[0] == measure && $0[1] == "practice" }
            let values = rows.compactMap { Double($0[7]) }
            let row = try #require(rows.first { $0[9].hasPrefix("high") } ?? rows.first)
            try await client.execute(uri: "/api/v1/orgs/\(row[2])", method: .get) { r in
                let o = try #require(try json(r) as? [String: Any])
                let s = try #require((o["measures"] as? [[String: Any]])?.first { $0["measure"] as? String == measure })
                same(s["value"] as? Double, row[7], "value")
                same(s["z"] as? Double, row[8], "z")
                #expect((s["flag"] as? String ?? "") == row[9] && (s["flag_adjusted"] as? String ?? "") == row[10])
                #expect(s["units"] as? Int == rows.count)
                #expect(s["rank"] as? Int == 1 + values.filter { $0 > Double(row[7])! * (1 + 1e-12) }.count)
                let lo = try #require(s["lower95"] as? Double), hi = try #require(s["upper95"] as? Double)
                #expect(lo <= Double(row[7])! && Double(row[7])! <= hi)
            }
        }
    }

    /// Scotland's own store: every route answers, in Scotland's levels, with data.
    @Test func everyRouteAnswersOnScotlandsStore() async throws {
        let f = try ServeFixture(scotland: true)
        let board = try #require(f.data.orgs.practices.values.compactMap { $0.parents[.icb] }.sorted().first)
        let practice = try #require(f.data.orgs.practices.keys.sorted().first)
        let measure = "prednisolone_items_per_1000"
        try await f.test { client in
            for uri in ["/healthz", "/api/v1/measures", "/api/v1/measures/\(measure)/values?level=icb",
                        "/api/v1/measures/\(measure)/deciles?level=practice", "/api/v1/atlas/\(measure)?level=icb",
                        "/api/v1/orgs?q=\(board.prefix(5))", "/api/v1/orgs/\(board)", "/api/v1/orgs/\(practice)",
                        "/api/v1/biosimilars?level=icb", "/api/v1/steroids/outliers",
                        "/api/v1/charts/\(measure)/funnel.svg", "/api/v1/charts/\(measure)/map.svg?level=icb",
                        "/api/v1/charts/\(measure)/deciles.svg?level=icb&org=\(board)", "/"] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok, "\(uri): \(String(buffer: r.body).prefix(200))")
                    #expect(r.body.readableBytes > 10, "\(uri)")
                }
            }
            try await client.execute(uri: "/api/v1/atlas/\(measure)?level=icb", method: .get) { r in
                let a = try #require((try json(r) as? [[String: Any]])?.first)
                #expect(a["nation"] as? String == "S92000003" && (a["units"] as? Int ?? 0) >= 10)
            }
            try await client.execute(uri: "/api/v1/biosimilars?level=icb", method: .get) { r in
                let rows = try #require(try json(r) as? [[String: Any]])
                #expect(!rows.isEmpty && rows.contains { ($0["saving_full_switch"] as? Double ?? 0) > 0 })
            }
            try await client.execute(uri: "/api/v1/charts/\(measure)/map.svg?level=icb", method: .get) { r in
                #expect(String(buffer: r.body).contains("Health board"))
            }
        }
    }
}
