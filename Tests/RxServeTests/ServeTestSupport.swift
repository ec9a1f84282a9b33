import Foundation
import Hummingbird
import HummingbirdTesting
import RxAtlas
import RxData
import Testing
@testable import RxServe

let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("datasets/sample").path

/// The bundled sample's first quarter in a store, served: England's (EPD, list sizes and the
/// org mapping) or Scotland's (PITC and the quarter's practice list sizes).
final class ServeFixture: @unchecked Sendable {
    let dir: String
    let data: ServeData
    init(scotland: Bool = false) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-serve-\(UUID().uuidString)").path
        let months = (1...3).map { "20250\($0)" }
        let options = scotland
            ? IngestOptions(files: months.map { sample + "/scotland/pitc\($0).csv.gz" },
                            listSizes: [sample + "/scotland/practice_listsizes_jan2025.csv.gz"], softwareVersion: "test")
            : IngestOptions(files: months.map { sample + "/epd_\($0).csv.gz" }, listSizes: months.map { sample + "/list_sizes_\($0).csv.gz" },
                            orgMapping: sample + "/orgs.csv.gz", softwareVersion: "test")
        _ = try StoreIngest(options: options).run(store: dir + "/store")
        data = try ServeData(storePath: dir + "/store")
    }
    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// Runs `body` against the router in process (no socket).
    func test(_ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        try await Application(router: ServeRouter.router(data)).test(.router) { client in try await body(client) }
    }
}

func json(_ r: TestResponse) throws -> Any { try JSONSerialization.jsonObject(with: Data(buffer: r.body), options: [.fragmentsAllowed]) }
func error(_ r: TestResponse) throws -> (code: String, message: String) {
    let e = try #require((try json(r) as? [String: Any])?["error"] as? [String: String])
    return (e["code"] ?? "", e["message"] ?? "")
}

