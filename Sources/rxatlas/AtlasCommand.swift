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
        let byID = Dictionary(defs.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let results = try tables.compactMap { t in try byID[t.measureID].map { try AtlasAnalysis.run(t, definition: $0, period: period) } }
        let trends = tables.compactMap { t in
            byID[t.measureID].map { (t.measureID, t.level, period, MeasureTrend.trends(t, definition: $0, period: period)) }
        }
        let outputTables = AtlasOutput.tables(results) + [AtlasOutput.trendsTable(trends)]
        try MeasureOutput.writeCSV(outputTables, to: out)
        let also = try outputs.write(outputTables, command: "atlas", metadata: selection.metadata(defs, levels, period))
        print("\(defs.count) measures × \(levels.count) levels, \(period.lowerBound)…\(period.upperBound): wrote summary.csv, outliers.csv and trends.csv to \(out)"
              + (also.isEmpty ? "" : "; all tables to \(also.joined(separator: " and "))"))
    }
}
