import ArgumentParser
import RxData

/// `rxatlas store`: commands that inspect a store.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Inspect a store.",
        discussion: """
        Examples:
          rxatlas store info --store store
          rxatlas store info --store store --format json --verify
        """,
        subcommands: [Info.self]
    )

    /// `rxatlas store info`: per-month rows, practices, presentations and exact totals.
    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "info",
            abstract: "Report per month: rows, practices, presentations and totals of items, quantity, NIC and actual cost.",
            discussion: """
            --verify maps every snapshot and checks every payload checksum (slower).

            Examples:
              rxatlas store info --store store
              rxatlas store info --store store --format json --verify
            """
        )

        /// The output formats.
        enum Format: String, ExpressibleByArgument, CaseIterable {
            case text, json
        }

        @Option(name: .long, help: "The store directory.")
        var store: String

        @Option(name: .long, help: "Output format: text (an aligned table) or json.")
        var format: Format = .text

        @Flag(name: .long, help: "Load every snapshot and verify all its checksums, not only the headers.")
        var verify = false

        @OptionGroup var log: LogOptions

        func run() throws {
            let info = try Store.open(at: store).info(verify: verify)
            switch format {
            case .text: print(info.textTable(), terminator: "")
            case .json: print(try info.json())
            }
        }
    }
}
