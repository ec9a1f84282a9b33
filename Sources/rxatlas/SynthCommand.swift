import ArgumentParser

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "synth", abstract: "Generate synthetic data.")
    func run() throws { throw ValidationError("synth: not yet wired") }
}
