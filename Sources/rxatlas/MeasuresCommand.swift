import ArgumentParser
import RxAtlas
import RxData

/// `rxatlas measures`: every measure at every organisation level and month, with percentiles,
/// intervals and deciles.
struct MeasuresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measures",
        abstract: "Compute prescribing measures over a store: values, percentiles and deciles per level and month."
    )

    @OptionGroup var selection: MeasureSelection
    @Option(help: "Output directory.") var out: String

    func run() throws {
        let (defs, levels, months, tables) = try selection.compute()
        try MeasureOutput.write(tables, definitions: defs, to: out)
        print("\(defs.count) measures × \(levels.count) levels, \(months.lowerBound)…\(months.upperBound): wrote values.csv, deciles.csv and, for cost measures, savings.csv and savings_totals.csv to \(out)")
    }
}
