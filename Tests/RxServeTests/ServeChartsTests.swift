import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RxAtlas
import RxData
import RxReport
import Testing
@testable import RxServe

/// The chart route draws what `rxatlas charts` draws, byte for byte, and says why a chart is
/// missing.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: sample + "/epd_202501.csv.gz"), "datasets/sample is missing"))
struct ServeChartsTests {
    @Test func chartsAreTheCLIsCharts() async throws {
        let f = try ServeFixture()
        let period = try f.data.period(from: nil, to: nil, latest: 12)
        let tables = try MeasureRun.run(store: f.data.store, period: period, definitions: f.data.definitions).values
        let files = Dictionary(try AtlasCharts.render(tables, definitions: f.data.definitions, period: period,
                                                      hexLayout: try HexLayout.builtIn(for: f.data.orgs), orgs: f.data.orgs),
                               uniquingKeysWith: { a, _ in a })
        let measure = "prednisolone_items_per_1000"
        let def = try f.data.definition(measure)
        let table = try #require(tables.first { $0.measureID == measure && $0.level == .practice })
        let org = try #require(table.orgCodes.first)
        let deciles = try #require(DecileChart(values: table, orgCode: org, title: def.name, valueLabel: AtlasCharts.valueLabel(def))).svg()
        try await f.test { client in
            for (uri, expected) in [("/api/v1/charts/\(measure)/funnel.svg?level=practice", files["\(measure)-practice-funnel.svg"]),
                                    ("/api/v1/charts/\(measure)/ranked.svg?level=icb", files["\(measure)-icb-ranked.svg"]),
                                    ("/api/v1/charts/\(measure)/deciles.svg?level=practice&org=\(org)", deciles)] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == .ok, "\(uri)")
                    #expect(r.headers[.contentType] == "image/svg+xml; charset=utf-8")
                    #expect(r.headers[.contentSecurityPolicy] == "default-src 'self'" && r.headers[.xContentTypeOptions] == "nosniff")
                    let svg = String(buffer: r.body)
                    #expect(svg.hasPrefix("<svg") && svg == expected, "\(uri)")
                }
            }
        }
    }

    @Test func aMissingChartSaysWhy() async throws {
        let f = try ServeFixture()
        let measure = "prednisolone_items_per_1000"
        try await f.test { client in
            for (uri, status, mentions) in [
                ("/api/v1/charts/\(measure)/map.svg?level=practice", HTTPResponse.Status.notFound, "ICBs"),
                ("/api/v1/charts/\(measure)/deciles.svg", .badRequest, "org"),
                ("/api/v1/charts/\(measure)/deciles.svg?org=NOPE1", .notFound, "NOPE1"),
                ("/api/v1/charts/\(measure)/pie.svg", .notFound, "funnel.svg"),
                ("/api/v1/charts/\(measure)/funnel.svg?nation=X99999999", .badRequest, "nation"),
                ("/api/v1/charts/nope/funnel.svg", .notFound, "nope"),
            ] {
                try await client.execute(uri: uri, method: .get) { r in
                    #expect(r.status == status, "\(uri)")
                    let message = try error(r).message
                    #expect(message.contains(mentions), "\(uri): \(message)")
                    #expect(r.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
                }
            }
        }
    }
}
