import Foundation
import Hummingbird
import HummingbirdTesting
import RxAtlas
import RxData
import Testing
@testable import RxServe

@Suite(.enabled(if: FileManager.default.fileExists(atPath: sample + "/epd_202501.csv.gz"), "datasets/sample is missing"))
struct ServeRouterTests {
    @Test func healthAndMeasures() async throws {
        let f = try ServeFixture()
        try await f.test { client in
            try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .ok && String(buffer: r.body) == "{\"status\":\"ok\"}")
            }
            try await client.execute(uri: "/api/v1/measures", method: .get) { r in
                let list = try #require(try json(r) as? [[String: Any]])
                #expect(list.count == f.data.definitions.count)
                #expect(Set(list[0].keys) == ["id", "name", "description", "is_percentage", "low_is_good", "tags"])
            }
        }
    }

    /// Every number of the values route equals `rxatlas measures`' values.csv for the same store
    /// and period, row for row.
    @Test func valuesAndDecilesEqualTheCLIsFiles() async throws {
        let f = try ServeFixture()
        let period = try f.data.period(from: nil, to: nil)
        let run = try f.data.measures(period)
        let out = f.dir + "/out"
        try MeasureOutput.write(run.values, definitions: f.data.definitions, to: out)
        let csv = try CSVRecordReader.read(path: out + "/values.csv").map(\.fields)
        let measure = "prednisolone_items_per_1000"
        let expected = csv.filter { $0[0] == measure && $0[1] == "icb" }
        try await f.test { client in
            try await client.execute(uri: "/api/v1/measures/\(measure)/values?level=icb", method: .get) { r in
                #expect(r.status == .ok)
                let rows = try #require(try json(r) as? [[String: Any]])
                #expect(rows.count == expected.count && !rows.isEmpty)
                for (row, line) in zip(rows, expected) {
                    #expect(row["org_code"] as? String == line[2] && row["month"] as? String == line[4])
                    for (key, k) in [("numerator", 5), ("denominator", 6), ("value", 7), ("percentile", 8), ("lower95", 9), ("upper95", 10)] {
                        let a = row[key] as? Double, b = Double(line[k])
                        #expect((a == nil) == (b == nil), "\(key) \(line[2]) \(line[4])")
                        if let a, let b { #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(key) \(line[2]) \(line[4])") }
                    }
                }
            }
            let org = try #require(expected.first?[2])
            try await client.execute(uri: "/api/v1/measures/\(measure)/values?level=icb&org=\(org)", method: .get) { r in
                let rows = try #require(try json(r) as? [[String: Any]])
                #expect(rows.count == 3 && rows.allSatisfy { $0["org_code"] as? String == org })
            }
            let table = try #require(run.values.first { $0.measureID == measure && $0.level == .icb })
            try await client.execute(uri: "/api/v1/measures/\(measure)/deciles?level=icb", method: .get) { r in
                let rows = try #require(try json(r) as? [[String: Any]])
                let first = try #require(rows.first?["deciles"] as? [Double])
                #expect(rows.count == 3 && first.count == 9)
                #expect(zip(first, table.deciles()[0]).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
            }
        }
    }

    @Test func atlasAndOrganisations() async throws {
        let f = try ServeFixture()
        let practice = try #require(f.data.orgs.practices.values.filter { $0.kind == .practice && $0.setting == "4" }.map(\.code).sorted().first)
        try await f.test { client in
            try await client.execute(uri: "/api/v1/atlas/prednisolone_items_per_1000?level=practice", method: .get) { r in
                let results = try #require(try json(r) as? [[String: Any]])
                let points = try #require(results.first?["points"] as? [[String: Any]])
                #expect(results.count == 1 && !points.isEmpty && results[0]["national"] is Double)
            }
            try await client.execute(uri: "/api/v1/orgs?q=\(practice)", method: .get) { r in
                let found = try #require(try json(r) as? [[String: Any]])
                #expect(found.contains { $0["code"] as? String == practice && $0["level"] as? String == "practice" })
            }
            try await client.execute(uri: "/api/v1/orgs/\(practice)", method: .get) { r in
                let o = try #require(try json(r) as? [String: Any])
                let parents = try #require(o["parents"] as? [[String: Any]])
                #expect(parents.contains { $0["level"] as? String == "icb" })
                #expect(((o["measures"] as? [[String: Any]]) ?? []).count > 10)
            }
        }
    }

    /// The biosimilar route reruns the analysis for the scenario asked for; at the defaults it
    /// gives the CLI's savings.
    @Test func biosimilarScenariosAndSteroidOutliers() async throws {
        let f = try ServeFixture()
        let period = try f.data.period(from: nil, to: nil, latest: 12)
        let cli = try #require(try BiosimilarAnalysis.run(store: f.data.store, period: period, catalogue: try BiosimilarCatalogue.builtIn()))
        let icbs = cli.opportunities.filter { $0.level == .icb }
        try await f.test { client in
            func rows(_ query: String) async throws -> [[String: Any]] {
                try await client.execute(uri: "/api/v1/biosimilars?" + query, method: .get) { r in
                    #expect(r.status == .ok, "\(query)")
                    return try #require(try json(r) as? [[String: Any]])
                }
            }
            let defaults = try await rows("level=icb")
            #expect(defaults.count == icbs.count && !icbs.isEmpty)
            for (row, o) in zip(defaults, icbs) {
                #expect(row["org_code"] as? String == o.orgCode && row["molecule"] as? String == o.molecule)
                #expect(abs((row["saving_target_uptake"] as? Double ?? .nan) - o.targetUptake) < 1e-9)
                #expect(abs((row["saving_scenario"] as? Double ?? .nan) - o.targetUptake) < 1e-9)
            }
            // A higher target and a discount never save less.
            let more = try await rows("level=icb&target_uptake=1&discount=0.2")
            for (a, b) in zip(defaults, more) {
                #expect((b["saving_scenario"] as? Double ?? 0) >= (a["saving_scenario"] as? Double ?? 0) - 1e-9)
            }
            #expect(zip(defaults, more).contains { ($1["saving_scenario"] as? Double ?? 0) > ($0["saving_scenario"] as? Double ?? 0) })
            try await client.execute(uri: "/api/v1/biosimilars?discount=2", method: .get) { r in
                let e = try error(r)
                #expect(r.status == .badRequest && e.message.hasPrefix("discount"))
            }
            let report = try SteroidAnalysis.run(store: f.data.store, period: period, levels: [.practice, .pcn, .subICB, .icb])
            try await client.execute(uri: "/api/v1/steroids/outliers", method: .get) { r in
                let list = try #require(try json(r) as? [[String: Any]])
                #expect(list.count == report.ranked.count)
                #expect(list.first?["org_code"] as? String == report.ranked.first?.row.orgCode)
            }
        }
    }

    @Test func errorsAreJSONAndNameTheParameter() async throws {
        let f = try ServeFixture()
        try await f.test { client in
            for (uri, status, code, mentions) in [
                ("/api/v1/measures/nope/values", HTTPResponse.Status.notFound, "not_found", "nope"),
                ("/api/v1/measures/prednisolone_items_per_1000/values?level=ward", .badRequest, "bad_parameter", "level"),
                ("/api/v1/measures/prednisolone_items_per_1000/values?from=2025-13", .badRequest, "bad_parameter", "from"),
                ("/api/v1/measures/prednisolone_items_per_1000/values?from=2025-03&to=2025-01", .badRequest, "bad_parameter", "from"),
                ("/api/v1/measures/prednisolone_items_per_1000/values?from=1990-01&to=1990-12", .badRequest, "bad_parameter", "from"),
                ("/api/v1/orgs?q=x", .badRequest, "bad_parameter", "q"),
                ("/api/v1/orgs/..%2F..%2Fetc%2Fpasswd", .notFound, "not_found", "organisation"),
                ("/../store.json", .notFound, "not_found", "route"),
                ("/api/v1/nothing", .notFound, "not_found", "route"),
                ("/api/v1/orgs?q=" + String(repeating: "a", count: 5000), .uriTooLong, "bad_request", "query"),
            ] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == status, "\(uri)")
                    let e = try error(r)
                    #expect(e.code == code && e.message.contains(mentions), "\(uri): \(e)")
                    let text = String(buffer: r.body)
                    #expect(!text.contains("root:") && !text.contains(".swift") && !text.contains(f.dir), "\(uri)")
                }
            }
        }
    }

    /// The committed OpenAPI description names exactly the routes the router answers.
    @Test func theOpenAPIDescriptionMatchesTheRoutes() async throws {
        let f = try ServeFixture()
        try await f.test { client in
            try await client.execute(uri: "/api/v1/openapi.json", method: .get) { r in
                let spec = try #require(try json(r) as? [String: Any])
                #expect(spec["openapi"] as? String == "3.1.0")
                let paths = try #require(spec["paths"] as? [String: Any])
                #expect(Set(paths.keys) == Set(ServeRouter.paths))
            }
            for path in ServeRouter.paths where !path.contains("{") && path != "/api/v1/orgs" {
                try await client.execute(uri: path, method: .get) { r in #expect(r.status == .ok, "\(path)") }
            }
        }
    }

    @Test func theAppIsServedFromTheBinaryAndLoadsNothingElse() async throws {
        let f = try ServeFixture()
        try await f.test { client in
            for path in ServeRouter.appPaths {
                try await client.execute(uri: path, method: .get) { r in
                    #expect(r.status == .ok, "\(path)")
                    let text = String(buffer: r.body)
                    #expect(!text.contains("http://") && !text.contains("https://") || text.contains("http://www.w3.org/2000/svg"), "\(path)")
                    if path == "/" {
                        #expect(r.headers[.contentSecurityPolicy] == "default-src 'self'")
                        #expect(text.contains("src=\"/app.js\"") && !text.contains("<script>"))
                    }
                }
            }
        }
    }
}
