import ArgumentParser
import RxAtlas
import RxData
import RxReport

/// `rxatlas atlas`: the Atlas of Variation summary and funnel outliers per measure × level over
/// a period (default: the latest 12 months).
struct AtlasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atlas",
        abstract: "Atlas-of-Variation statistics and funnel outliers per measure and level over a period (default: the latest 12 months).",
        discussion: """
        Examples:
          rxatlas atlas --store store --out atlas/
          rxatlas atlas --store store --measure ics_high_dose --level icb \\
              --from 2024-01 --to 2024-12 --out atlas/ --sqlite results.sqlite
        """
    )

    @OptionGroup var selection: MeasureSelection
    @OptionGroup var log: LogOptions
    @Option(help: "Output directory.") var out: String
    @OptionGroup var outputs: ResultOutputOptions

    func run() throws {
        let (defs, levels, period, tables, coverage) = try selection.compute(defaultMonths: 12, progress: log.reporter)
        let run = try log.phase("analysis") { try AtlasRun(tables, definitions: defs, period: period) }
        let set = try OutputSet.begin(directory: out, command: "atlas")
        try AtlasOutput.write(run, to: out)
        let also = outputs.requested
            ? try outputs.write(AtlasOutput.tables(run) + [coverage.table()], command: "atlas", metadata: selection.metadata(defs, levels, period)) : []
        try set.commit(also: also)
        log.result("\(defs.count) measures × \(levels.count) levels, \(period.lowerBound)…\(period.upperBound): wrote summary.csv, outliers.csv and trends.csv to \(out)"
              + (also.isEmpty ? "" : "; all tables to \(also.joined(separator: " and "))"))
    }
}
