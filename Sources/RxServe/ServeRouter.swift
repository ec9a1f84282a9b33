import Foundation
import HTTPTypes
import Hummingbird
import RxAtlas
import RxData

/// The routes of `rxatlas serve` (docs/SERVE.md; the OpenAPI description is
/// `Resources/openapi.json`, served at `/api/v1/openapi.json`). Every answer is computed with the
/// library calls the CLI makes, through ``ServeData``.
public enum ServeRouter {
    /// The paths the router answers (checked against the OpenAPI description by a test).
    public static let paths = ["/healthz", "/api/v1/openapi.json", "/api/v1/measures", "/api/v1/measures/{id}/values",
                               "/api/v1/measures/{id}/deciles", "/api/v1/atlas/{id}", "/api/v1/orgs", "/api/v1/orgs/{code}",
                               "/api/v1/biosimilars", "/api/v1/steroids/outliers", "/api/v1/charts/{id}/{chart}"]

    /// The app's own files, served beside the API.
    public static let appPaths = ["/", "/app.js", "/app.css"]

    /// The longest query string accepted, in bytes.
    public static let maximumQueryLength = 2048

    /// The router over `data`.
    public static func router(_ data: ServeData) -> Router<BasicRequestContext> {
        let router = Router()
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: JSONErrorMiddleware())
        router.add(middleware: QueryLimitMiddleware())
        router.get("/healthz") { _, _ in try Response.json(["status": "ok"]) }
        router.get("/api/v1/openapi.json") { _, _ in Response.json(try ServeResources.data("openapi.json")) }
        router.get("/") { _, _ in ServeResources.app() }
        router.get("/app.js") { _, _ in ServeResources.file("app.js", type: "text/javascript; charset=utf-8") }
        router.get("/app.css") { _, _ in ServeResources.file("app.css", type: "text/css; charset=utf-8") }
        router.get("/api/v1/measures") { _, _ in try Response.json(data.definitions.map(MeasureSummary.init)) }
        router.get("/api/v1/measures/:id/values") { request, context in
            let q = request.uri.queryParameters
            let def = try data.definition(try context.parameters.require("id"))
            let level = try ServeData.level(q.get("level"))
            let period = try data.period(from: q.get("from"), to: q.get("to"))
            let org = q.get("org")
            if let org, data.organisation(org) == nil { throw APIError.notFound("no organisation '\(org)'") }
            let table = try data.valueTable(def, level: level, period: period)
            guard let org else { return try Response.json(table.rows) }
            return try Response.json(Array(table.rows[table.byOrg[org] ?? 0..<0]))
        }
        router.get("/api/v1/measures/:id/deciles") { request, context in
            let q = request.uri.queryParameters
            let def = try data.definition(try context.parameters.require("id"))
            let level = try ServeData.level(q.get("level"))
            let period = try data.period(from: q.get("from"), to: q.get("to"))
            return try Response.json(try data.deciles(def, level: level, period: period))
        }
        router.get("/api/v1/atlas/:id") { request, context in
            let q = request.uri.queryParameters
            let def = try data.definition(try context.parameters.require("id"))
            let level = try ServeData.level(q.get("level"))
            let period = try data.period(from: q.get("from"), to: q.get("to"), latest: 12)
            let results = try data.atlas(period).results.filter { $0.measureID == def.id && $0.level == level }
            return try Response.json(results.map(AtlasAnswer.init))
        }
        router.get("/api/v1/biosimilars") { request, _ in
            let q = request.uri.queryParameters
            let level = try ServeData.level(q.get("level"), default: .icb)
            let period = try data.period(from: q.get("from"), to: q.get("to"), latest: 12)
            let target = try fraction(q.get("target_uptake"), "target_uptake", default: BiosimilarOptions().targetUptake)
            let discount = try fraction(q.get("discount"), "discount", default: 0)
            let org = q.get("org")
            var options = BiosimilarOptions(targetUptake: target)
            options.sensitivityUptakes = [target]
            options.sensitivityDiscounts = [discount]
            let scenario = try data.biosimilarRows(period, options: options, level: level)
            guard let org else { return Response.json(scenario.json) }
            let rows = scenario.rows.filter { $0.orgCode == org }
            if rows.isEmpty, data.organisation(org) == nil { throw APIError.notFound("no organisation '\(org)'") }
            return try Response.json(rows)
        }
        router.get("/api/v1/steroids/outliers") { request, _ in
            let q = request.uri.queryParameters
            let level = try q.get("level").map { try ServeData.level($0) }
            let period = try data.period(from: q.get("from"), to: q.get("to"), latest: 12)
            let ranked = try data.steroids(period).ranked.filter { level == nil || $0.row.level == level }
            return try Response.json(ranked.map(SteroidAnswer.init))
        }
        router.get("/api/v1/charts/:id/:chart") { request, context in
            let q = request.uri.queryParameters
            let def = try data.definition(try context.parameters.require("id"))
            let name = try context.parameters.require("chart")
            guard name.hasSuffix(".svg"), let kind = ServeData.ChartKind(rawValue: String(name.dropLast(4))) else {
                throw APIError.notFound("no chart '\(name)': the charts are funnel.svg, ranked.svg, map.svg and deciles.svg")
            }
            let level = try ServeData.level(q.get("level"), default: kind == .map ? .icb : .practice)
            let period = try data.period(from: q.get("from"), to: q.get("to"), latest: kind == .deciles ? nil : 12)
            let org = q.get("org")
            if let org, data.organisation(org) == nil { throw APIError.notFound("no organisation '\(org)'") }
            let svg = try data.chart(kind, definition: def, level: level, period: period, nation: q.get("nation"), org: org)
            var headers = HTTPFields()
            headers[.contentType] = "image/svg+xml; charset=utf-8"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: svg)))
        }
        router.get("/api/v1/orgs") { request, _ in
            let text = (request.uri.queryParameters.get("q") ?? "").lowercased()
            guard text.count >= 2 else { throw APIError.badParameter("q", "give at least two characters of a code or name") }
            return try Response.json(data.index.search(text))
        }
        router.get("/api/v1/orgs/:code") { request, context in
            let code = try context.parameters.require("code")
            guard let org = data.organisation(code) else { throw APIError.notFound("no organisation '\(code)'") }
            return try Response.json(try Self.answer(data, code: code, org: org))
        }
        return router
    }

    /// A number from 0 to 1 given as `name`.
    /// - Throws: ``APIError/badParameter(_:_:)`` naming it.
    static func fraction(_ text: String?, _ name: String, default value: Double) throws -> Double {
        guard let text else { return value }
        guard let v = Double(text), v.isFinite, (0...1).contains(v) else { throw APIError.badParameter(name, "expected a number from 0 to 1") }
        return v
    }

    /// An organisation's parents, children and standing on every measure over the Atlas period
    /// (the latest 12 months).
    static func answer(_ data: ServeData, code: String, org: (level: OrgLevel, name: String?)) throws -> OrgAnswer {
        let parents = data.index.parents[code] ?? []
        let children = data.index.children[code] ?? []
        let period = try data.period(from: nil, to: nil, latest: 12)
        var standings: [OrgAnswer.Standing] = []
        for r in try data.atlas(period).results where r.level == org.level {
            guard let i = r.units.firstIndex(of: code) else { continue }
            let values = r.units.indices.map { r.numerators[$0] / r.denominators[$0] * r.multiplier }
            let rank = 1 + values.filter { $0 > values[i] }.count
            let f = r.funnel
            standings.append(.init(measure: r.measureID, name: data.definitions.first { $0.id == r.measureID }?.name ?? r.measureID,
                                   value: values[i], lower95: f.flatMap { $0.lower95[i].isFinite ? $0.lower95[i] : nil },
                                   upper95: f.flatMap { $0.upper95[i].isFinite ? $0.upper95[i] : nil }, rank: rank, units: values.count,
                                   z: f.flatMap { $0.funnel.z[i].isFinite ? $0.funnel.z[i] : nil }, flag: f?.funnel.flags[i].rawValue,
                                   flagAdjusted: r.funnelAdjusted?.funnel.flags[i].rawValue))
        }
        return OrgAnswer(org: OrgSummary(level: MeasureOutput.levelName(org.level), code: code, name: org.name),
                         parents: parents, children: children, from: period.lowerBound.description, to: period.upperBound.description,
                         measures: standings)
    }
}

/// Adds the app's security headers to every answer, errors included: a content security policy
/// that lets a page load only from this server, no MIME sniffing, and no referrer sent on.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.contentSecurityPolicy] = "default-src 'self'"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        return response
    }
}

/// Refuses an oversized query string (414) before any work.
struct QueryLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if (request.uri.query?.utf8.count ?? 0) > ServeRouter.maximumQueryLength {
            throw APIError(status: .uriTooLong, code: "bad_request", message: "the query string is longer than \(ServeRouter.maximumQueryLength) bytes")
        }
        return try await next(request, context)
    }
}
