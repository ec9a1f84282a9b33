import ArgumentParser
import RxAtlas
import RxData
import RxReport

/// `rxatlas measures`: every measure at every organisation level and month, with percentiles,
/// intervals and deciles.
struct MeasuresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measures",
        abstract: "Compute prescribing measures over a store: values, percentiles and deciles per level and month.",
        discussion: """
        Examples:
          rxatlas measures --store store --out measures/
          rxatlas measures --store store --measure ics_high_dose \\
              --level practice icb --from 2024-01 --out measures/ \\
              --json measures.json
        """
    )

    @OptionGroup var selection: MeasureSelection
    @OptionGroup var log: LogOptions
    @Option(help: "Output directory.") var out: String
    @OptionGroup var outputs: ResultOutputOptions

    func run() throws {
        let (defs, levels, months, values, coverage) = try selection.compute(progress: log.reporter)
        let set = try OutputSet.begin(directory: out, command: "measures")
        try MeasureOutput.write(values, definitions: defs, to: out)
        let also = outputs.requested
            ? try outputs.write(MeasureOutput.tables(values, definitions: defs) + [coverage.table()], command: "measures",
                                metadata: selection.metadata(defs, levels, months)) : []
        try set.commit(also: also)
        log.result("\(defs.count) measures × \(levels.count) levels, \(months.lowerBound)…\(months.upperBound): wrote values.csv, deciles.csv and, for cost measures, savings.csv and savings_totals.csv to \(out)"
              + (also.isEmpty ? "" : "; all tables to \(also.joined(separator: " and "))"))
    }
}
