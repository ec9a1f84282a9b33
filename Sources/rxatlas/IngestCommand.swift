import ArgumentParser

struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ingest", abstract: "Read prescribing files into a columnar store.")
    func run() throws { throw ValidationError("ingest: not yet wired") }
}
