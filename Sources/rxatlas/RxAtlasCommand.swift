import ArgumentParser

/// `rxatlas`: prescribing-variation analytics from national GP-practice prescribing data.
@main
struct RxAtlasCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rxatlas",
        abstract: "Prescribing-variation analytics over national GP-practice prescribing data.",
        discussion: """
        Every subcommand accepts --quiet (warnings and errors only) and --verbose (detail and phase \
        timings), after it or before it. Long commands draw a progress bar when standard error is a terminal and print plain \
        log lines otherwise.

        Exit codes: 0 success; 1 failure; 2 usage error (bad option or batch config key); 3 a batch \
        finished but some jobs failed; 4 bad input data (the message names file, line and field).

        Examples:
          rxatlas ingest epd_*.csv.gz --store store \\
              --list-sizes list_sizes_*.csv.gz --orgs orgs.csv
          rxatlas measures --store store --out measures/
          rxatlas atlas --store store --level icb --out atlas/
          rxatlas charts --store store --measure ics_high_dose --level icb \\
              --out charts/
          rxatlas report --store store --out report.html
          rxatlas --quiet batch batch.toml
        """,
        version: RxAtlasVersion.current,
        subcommands: [IngestCommand.self, StoreCommand.self, SynthCommand.self, IndicatorCommand.self, MeasuresCommand.self, AtlasCommand.self,
                      BiosimilarsCommand.self, SteroidsCommand.self, OutliersCommand.self, ChartsCommand.self,
                      ReportCommand.self, BatchCommand.self, OutputsCommand.self, ServeCommand.self, DMDCommand.self]
    )
}

/// The software version, reported by `--version` and written into store manifests.
enum RxAtlasVersion {
    static let current = "0.1.0"
}
