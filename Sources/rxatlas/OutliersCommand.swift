import ArgumentParser
import Foundation
import RxAtlas
import RxData

/// `rxatlas outliers`: OpenPrescribing's static chemical-share outliers.
struct OutliersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outliers",
        abstract: "Chemical-share outliers (OpenPrescribing's static method) for practices, PCNs, sub-ICBs and ICBs.",
        discussion: """
        For every chemical in BNF chapters 01-17: ratio = the organisation's chemical items / its items in the \
        chemical's BNF sub-paragraph over the period (default: the latest 6 months); mean and SD per chemical over \
        the ratios between the 0.1th and 99.9th percentiles; z = (ratio - mean) / SD; the --top highest and lowest \
        per organisation, flagged low_number under 5 items. Writes chemical_outliers.csv.

        Examples:
          rxatlas outliers --store store --out outliers/
          rxatlas outliers --store store --level practice --top 10 --from 2024-07 \\
              --to 2024-12 --out outliers/
        """
    )

    @Option(help: "The store directory.") var store: String
    @Option(parsing: .upToNextOption, help: "practice, pcn, sub-icb or icb (default: all four).") var level: [OrgLevel] = []
    @Option(help: "First month (YYYY-MM).") var from: String?
    @Option(help: "Last month (YYYY-MM).") var to: String?
    @Option(parsing: .unconditional, help: "Chemicals listed per organisation in each direction.") var top: Int = 5
    @Option(help: "Output directory.") var out: String
    @OptionGroup var outputs: ResultOutputOptions
    @OptionGroup var log: LogOptions

    func run() throws {
        guard top >= 1 else { throw ValidationError("--top must be at least 1") }
        let levels = try OutlierLevels.parse(level)
        let opened = try Store.open(at: store)
        opened.keepsSnapshots = true   // the coverage reads the months the analysis mapped
        let period = try MeasureSelection.months(in: opened, from: from, to: to, defaultMonths: 6)
        let started = Date()
        let (items, rows, coverage) = try log.phase("analysis") { try ChemicalOutlierAnalysis.run(store: opened, months: period, levels: levels,
                                                            options: ChemicalOutlierOptions(top: top), progress: log.reporter) }
        for w in coverage.warnings(perThousand: false) { log.reporter.message(w, level: .warning) }
        let set = try OutputSet.begin(directory: out, command: "outliers")
        try ChemicalOutlierOutput.write(rows, to: out)
        var also: [String] = []
        if outputs.requested {
            also = try outputs.write([ChemicalOutlierOutput.table(rows)] + [coverage.table()], command: "outliers",
                                     metadata: ResultOutputOptions.metadata(store: store, period: period, levels: levels))
            log.result("all tables also to \(also.joined(separator: " and "))")
        }
        try set.commit(also: also)
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        log.result("\(items.chemicals.count) chemicals × \(levels.count) levels, \(period.lowerBound)…\(period.upperBound), \(seconds) s: wrote \(rows.count) rows to \(out)/chemical_outliers.csv")
    }
}
