import ArgumentParser

/// `rxatlas`: prescribing-variation analytics from national GP-practice prescribing data.
@main
struct RxAtlasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rxatlas",
        abstract: "Prescribing-variation analytics over national GP-practice prescribing data.",
        version: RxAtlasVersion.current,
        subcommands: [IngestCommand.self, StoreCommand.self, SynthCommand.self, IndicatorCommand.self, MeasuresCommand.self, AtlasCommand.self,
                      BiosimilarsCommand.self, SteroidsCommand.self, OutliersCommand.self, ChartsCommand.self, BatchCommand.self]
    )
}

/// The software version, reported by `--version` and written into store manifests.
enum RxAtlasVersion {
    static let current = "0.1.0"
}
