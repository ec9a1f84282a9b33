import ArgumentParser
import RxAtlas
import RxData
import RxReport

/// `rxatlas atlas`: the Atlas of Variation summary and funnel outliers per measure × level over
/// a period (default: the latest 12 months).
struct AtlasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atlas",
        abstract: "Atlas-of-Variation statistics and funnel outliers per measure and level over a period (default: the latest 12 months)."
    )

    @OptionGroup var selection: MeasureSelection
    @Option(help: "Output directory.") var out: String
    @OptionGroup var outputs: ResultOutputOptions

    func run() throws {
        let (defs, levels, period, tables) = try selection.compute(defaultMonths: 12)
        let run = try AtlasRun(tables, definitions: defs, period: period)
        try AtlasOutput.write(run, to: out)
        let also = outputs.requested
            ? try outputs.write(AtlasOutput.tables(run), command: "atlas", metadata: selection.metadata(defs, levels, period)) : []
        print("\(defs.count) measures × \(levels.count) levels, \(period.lowerBound)…\(period.upperBound): wrote summary.csv, outliers.csv and trends.csv to \(out)"
              + (also.isEmpty ? "" : "; all tables to \(also.joined(separator: " and "))"))
    }
}
