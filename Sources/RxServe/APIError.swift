import Foundation
import HTTPTypes
import Hummingbird

/// An error the API answers with: a status and `{"error": {"code": …, "message": …}}`. The
/// message names the parameter at fault; it never holds a stack trace or a path of the machine.
public struct APIError: Error, Sendable, Equatable {
    /// The HTTP status.
    public var status: HTTPResponse.Status
    /// A short machine-readable code: `bad_parameter`, `not_found`, `internal`.
    public var code: String
    /// What is wrong, in plain words.
    public var message: String

    /// A bad query or path parameter (400), named.
    public static func badParameter(_ name: String, _ why: String) -> APIError {
        APIError(status: .badRequest, code: "bad_parameter", message: "\(name): \(why)")
    }

    /// An unknown measure, organisation or route (404).
    public static func notFound(_ what: String) -> APIError {
        APIError(status: .notFound, code: "not_found", message: what)
    }

    /// The JSON response.
    func response() -> Response {
        let body = ["error": ["code": code, "message": message]]
        let data = (try? JSONEncoder.api.encode(body)) ?? Data("{\"error\":{\"code\":\"internal\",\"message\":\"\"}}".utf8)
        return Response.json(data, status: status)
    }
}

/// Turns every error a handler or the router throws into the API's JSON error: ``APIError`` as it
/// is, the router's own (an unknown route is 404) by its status, anything else a 500 that says
/// only that the server failed.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let e as APIError {
            return e.response()
        } catch let e as HTTPError {
            let code = e.status == .notFound ? "not_found" : e.status.code < 500 ? "bad_request" : "internal"
            let message = e.status == .notFound ? "no such route: \(request.uri.path)" : (e.status.code < 500 ? e.status.reasonPhrase : "the server failed")
            return APIError(status: e.status, code: code, message: message).response()
        } catch {
            context.logger.error("request failed: \(request.uri.path): \(error)")
            return APIError(status: .internalServerError, code: "internal", message: "the server failed to answer").response()
        }
    }
}

extension JSONEncoder {
    /// The API's encoder: sorted keys, so answers are byte-stable.
    static var api: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}

extension Response {
    /// A JSON response from encoded bytes.
    static func json(_ data: Data, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.cacheControl] = "no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// An encodable value as JSON.
    static func json<T: Encodable>(_ value: T) throws -> Response {
        .json(try JSONEncoder.api.encode(value))
    }
}
