import ArgumentParser
import RxAtlas
import RxData
import RxReport

/// `rxatlas measures`: every measure at every organisation level and month, with percentiles,
/// intervals and deciles.
struct MeasuresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measures",
        abstract: "Compute prescribing measures over a store: values, percentiles and deciles per level and month."
    )

    @OptionGroup var selection: MeasureSelection
    @Option(help: "Output directory.") var out: String
    @OptionGroup var outputs: ResultOutputOptions

    func run() throws {
        let (defs, levels, months, values) = try selection.compute()
        let tables = MeasureOutput.tables(values, definitions: defs)
        try MeasureOutput.writeCSV(tables, to: out)
        let also = try outputs.write(tables, command: "measures", metadata: selection.metadata(defs, levels, months))
        print("\(defs.count) measures × \(levels.count) levels, \(months.lowerBound)…\(months.upperBound): wrote \(tables.map { $0.name + ".csv" }.joined(separator: ", ")) to \(out)"
              + (also.isEmpty ? "" : "; all tables to \(also.joined(separator: " and "))"))
    }
}
