import ArgumentParser
import Foundation
import Hummingbird
import RxData
import RxDMD
import RxServe

/// `rxatlas serve`: the store's results as a JSON API and a browser app on this machine.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the store's measures, Atlas and organisations as a JSON API and a browser app (docs/SERVE.md).",
        discussion: """
        Binds 127.0.0.1 by default, so only this machine can see the data. The API is under /api/v1 \
        (its OpenAPI description at /api/v1/openapi.json); the app is at /.

        Examples:
          rxatlas serve --store store
          rxatlas serve --store store --port 8090 --definitions ../openprescribing/measures/definitions
        """)

    @Option(help: "The store directory.") var store: String
    @Option(help: "The address to listen on.") var host = "127.0.0.1"
    @Option(parsing: .unconditional, help: "The port to listen on.") var port = 8080
    @Option(parsing: .upToNextOption, help: "Measure definition files or directories (default: the built-in library).")
    var definitions: [String] = []
    @Option(help: "A dm+d release imported with `rxatlas dmd import`, for definitions that select their codes from dm+d.")
    var dmd: String?
    @Option(name: .customLong("first-format"), parsing: .upToNextOption,
            help: "OpenPrescribing's first-format (JSON) definitions, for its second-format (YAML) ones whose code list is empty.")
    var firstFormat: [String] = []
    @OptionGroup var log: LogOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port must be from 1 to 65535, not \(port)") }
    }

    func run() async throws {
        let data = try ServeData(storePath: store, definitions: definitions,
                                 codeQueries: try dmd.map { try DMDDatabase(path: $0, store: Store.open(at: store)) }, firstFormat: firstFormat)
        DefinitionWarnings.report(refused: data.refused, running: data.definitions, outcome: "and are not served", progress: log.reporter)
        if host != "127.0.0.1" && host != "localhost" && host != "::1" {
            log.reporter.message("warning: --host \(host) makes the store's data visible to every machine that can reach this one",
                                 level: .warning)
        }
        let app = Application(router: ServeRouter.router(data), configuration: .init(address: .hostname(host, port: port)))
        log.result("serving \(store) (\(data.months.count) months, \(data.definitions.count) measures) at http://\(host):\(port)/")
        try await app.runService()
    }
}
