import ArgumentParser
import RxAtlas
import RxData

/// `rxatlas biosimilars`: biosimilar uptake, best-value prices and switch savings per molecule
/// and organisation over a period (default: the latest 12 months).
struct BiosimilarsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "biosimilars",
        abstract: "Biosimilar uptake, best-value prices and switch savings per molecule and organisation (default: the latest 12 months).",
        discussion: """
        NIC and actual cost are list-price based: confidential discounts are not in the data (see sensitivity.csv). Definitions: docs/BIOSIMILARS.md.

        Examples:
          rxatlas biosimilars --store store --out biosimilars/
          rxatlas biosimilars --store store --molecule adalimumab --level icb \\
              --cost-basis nic --target-uptake 0.8 --out biosimilars/
        """
    )

    @Option(help: "The store directory.") var store: String
    @Option(help: "A biosimilar catalogue CSV (default: the bundled reference/biosimilars.csv).") var catalogue: String?
    @Option(parsing: .upToNextOption, help: "Only these molecules (catalogue names).") var molecule: [String] = []
    @Option(parsing: .upToNextOption, help: "practice, pcn, sub-icb, icb, region or nation (default: all).") var level: [OrgLevel] = []
    @Option(help: "First month (YYYY-MM).") var from: String?
    @Option(help: "Last month (YYYY-MM).") var to: String?
    @Option(name: .customLong("cost-basis"), help: "actual or nic (default: actual cost when every month of the data has it, else NIC).")
    var costBasis: BiosimilarCostBasis?
    @Option(name: .customLong("target-uptake"), parsing: .unconditional, help: "Target biosimilar uptake for the target-uptake saving (0–1).") var targetUptake: Double = 0.9
    @Option(help: "Output directory.") var out: String
    @OptionGroup var outputs: ResultOutputOptions
    @OptionGroup var log: LogOptions

    func run() throws {
        let asked = costBasis
        guard targetUptake >= 0, targetUptake <= 1 else { throw ValidationError("--target-uptake must be between 0 and 1") }
        let levels = try MeasureSelection.levels(level)
        let cat = try BiosimilarCatalogue.builtIn(path: catalogue)
        let opened = try Store.open(at: store)
        opened.keepsSnapshots = true   // the coverage reads the months the analysis mapped
        let period = try MeasureSelection.months(in: opened, from: from, to: to, defaultMonths: 12)
        let basis = try asked ?? BiosimilarCostBasis.best(store: opened, months: period)
        if asked == nil {
            log.reporter.message("cost basis: \(basis == .actual ? "actual cost" : "net ingredient cost (the data have no actual cost for every month)")",
                                 level: basis == .actual ? .detail : .info)
        }
        guard let result = try BiosimilarAnalysis.run(store: opened, period: period, catalogue: cat, costBasis: basis,
                                                      options: BiosimilarOptions(targetUptake: targetUptake), molecules: molecule,
                                                      progress: log.reporter) else {
            throw StoreError(path: store, reason: "holds no month in \(period.lowerBound)…\(period.upperBound)")
        }
        let names = try opened.readPresentationNames()
        let coverage = try result.coverage ?? Coverage.compute(store: opened, period: period,
                                                               unclassified: ["biosimilars": result.unclassified.count])
        for w in coverage.warnings(perThousand: false) { log.reporter.message(w, level: .warning) }
        let set = try OutputSet.begin(directory: out, command: "biosimilars")
        try BiosimilarOutput.write(result, levels: levels, names: names, to: out)
        var also: [String] = []
        if outputs.requested {
            also = try outputs.write(BiosimilarOutput.tables(result, levels: levels, names: names) + [coverage.table()], prefix: "biosimilar_",
                                         command: "biosimilars",
                                         metadata: ResultOutputOptions.metadata(store: store, period: period, levels: levels))
            log.result("all tables also to \(also.joined(separator: " and "))")
        }
        try set.commit(also: also)
        let nation = result.opportunities.filter { $0.level == .nation }
        let full = nation.reduce(0) { $0 + $1.fullSwitch }, target = nation.reduce(0) { $0 + $1.targetUptake }
        log.result("\(result.molecules.count) molecules, \(result.months.first!)…\(result.months.last!) (\(result.months.count) months), \(basis.rawValue) cost: "
              + "annualised saving £\(Int(result.annualised(full).rounded())) full switch, £\(Int(result.annualised(target).rounded())) at \(Int((targetUptake * 100).rounded()))% uptake")
        let unclassified = result.unclassified
        if !unclassified.isEmpty {
            log.reporter.message("\(unclassified.count) presentation(s) of catalogued chemicals match no catalogue row and are not counted: "
                  + unclassified.prefix(5).map { $0.presentation.code.description }.joined(separator: ", ")
                  + (unclassified.count > 5 ? ", …" : "") + " (see presentations.csv)", level: .warning)
        }
        log.result("wrote opportunities.csv, prices.csv, uptake_monthly.csv, switch_months.csv, sensitivity.csv, presentations.csv and summary.md to \(out)")
    }
}
