import ArgumentParser
import RxAtlas
import RxData

/// `rxatlas atlas`: the Atlas of Variation summary and funnel outliers per measure × level over
/// a period (default: the latest 12 months).
struct AtlasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "atlas",
        abstract: "Atlas-of-Variation statistics and funnel outliers per measure and level over a period (default: the latest 12 months)."
    )

    @OptionGroup var selection: MeasureSelection
    @Option(help: "Output directory.") var out: String

    func run() throws {
        let (defs, levels, period, tables) = try selection.compute(defaultMonths: 12)
        try AtlasOutput.write(try AtlasRun(tables, definitions: defs, period: period), to: out)
        print("\(defs.count) measures × \(levels.count) levels, \(period.lowerBound)…\(period.upperBound): wrote summary.csv, outliers.csv and trends.csv to \(out)")
    }
}
