import Foundation
import HTTPTypes
import Hummingbird

/// The files the server answers with from its own bundle: the app (`app.html`, `app.js`,
/// `app.css`) and the OpenAPI description. No asset comes from anywhere else, and the app's
/// content security policy (`default-src 'self'`) lets the page load nothing from elsewhere.
enum ServeResources {
    /// The bytes of `name` in the bundle's `Resources` folder.
    static func data(_ name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Resources"),
              let data = try? Data(contentsOf: url) else {
            throw APIError(status: .internalServerError, code: "internal", message: "the server's \(name) is missing")
        }
        return data
    }

    /// `name` as a response of `type` (the security headers are added to every answer by
    /// `SecurityHeadersMiddleware`).
    static func file(_ name: String, type: String) -> Response {
        guard let bytes = try? data(name) else { return APIError.notFound("no \(name)").response() }
        var headers = HTTPFields()
        headers[.contentType] = type
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// The app's page.
    static func app() -> Response { file("app.html", type: "text/html; charset=utf-8") }
}
