import ArgumentParser

struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store", abstract: "Inspect a store.")
    func run() throws { throw ValidationError("store: not yet wired") }
}
