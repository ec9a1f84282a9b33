import ArgumentParser
import RxAtlas
import RxData
import RxStats

/// `rxatlas steroids`: ICS dose classification, the steroid measures and their funnel outliers.
struct SteroidsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "steroids",
        abstract: "High-dose ICS and oral steroid outliers: ICS classification, steroid measures, funnel flags, persistence and excess items.",
        discussion: """
        Classifies every ICS presentation of the period by the BTS/NICE/SIGN 2024 daily-dose bands and by \
        OpenPrescribing's per-actuation rule (the bundled reference/ics tables), computes the steroid measures and, per \
        level, over the period (default: the latest 12 months) and each month, every unit's value with its 95% \
        interval, funnel z, flags unadjusted and adjusted for overdispersion, persistence and excess over the \
        national rate. Writes outliers.csv, small_numbers.csv, high_outliers.csv, ics_classification.csv and \
        unclassified.csv.

        Examples:
          rxatlas steroids --store store --out steroids/
          rxatlas steroids --store store --level icb \\
              --overdispersion multiplicative --persistence 3/6 --out steroids/
        """
    )

    @Option(help: "The store directory.") var store: String
    @Option(parsing: .upToNextOption, help: "practice, pcn, sub-icb or icb (default: all four).") var level: [OrgLevel] = []
    @Option(help: "First month (YYYY-MM).") var from: String?
    @Option(help: "Last month (YYYY-MM).") var to: String?
    @Option(help: "none, multiplicative or additive (Spiegelhalter random effects).") var overdispersion: OverdispersionMethod = .additive
    @Option(name: .customLong("min-items"), parsing: .unconditional, help: "Small-number rule: smallest denominator (items) ranked.") var minItems: Double = 20
    @Option(name: .customLong("min-list-size"), parsing: .unconditional, help: "Smallest list for per-1,000 measures.") var minListSize: Int64 = 1000
    @Option(name: .customLong("persistence"), help: "Persistent when outside the adjusted 99.8% limit in K of the last N months: K/N, 1 <= K <= N.")
    var persistence = PersistenceRule(count: 6, months: 12)
    @Option(help: "Output directory.") var out: String
    @OptionGroup var outputs: ResultOutputOptions
    @OptionGroup var log: LogOptions

    func run() throws {
        let levels = try OutlierLevels.parse(level)
        let opened = try Store.open(at: store)
        opened.keepsSnapshots = true   // the coverage reads the months the analysis mapped
        let period = try MeasureSelection.months(in: opened, from: from, to: to, defaultMonths: 12)
        let options = SteroidOutlierOptions(overdispersion: overdispersion, minimumItems: minItems, minimumPatients: Double(minListSize),
                                            persistenceCount: persistence.count, persistenceMonths: persistence.months)
        let report = try log.phase("analysis") { try SteroidAnalysis.run(store: opened, period: period, levels: levels, options: options,
                                             kernelOptions: MeasureKernelOptions(minimumListSize: minListSize), progress: log.reporter) }
        let coverage = try report.coverage ?? Coverage.compute(store: opened, period: period, unclassified: ["ICS": report.unclassified.count])
        for w in coverage.warnings(perThousand: true) { log.reporter.message(w, level: .warning) }
        let set = try OutputSet.begin(directory: out, command: "steroids")
        try SteroidOutput.write(report, to: out)
        var also: [String] = []
        if outputs.requested {
            also = try outputs.write(SteroidOutput.tables(report) + [coverage.table()], prefix: "steroid_", command: "steroids",
                                     metadata: ResultOutputOptions.metadata(store: store, period: period, levels: levels))
            log.result("all tables also to \(also.joined(separator: " and "))")
        }
        try set.commit(also: also)
        log.result("\(report.classifications.count) ICS presentations (\(report.unclassified.count) unclassified), \(report.definitions.count) measures × \(levels.count) levels, \(period.lowerBound)…\(period.upperBound): \(report.ranked.count) ranked high outliers; wrote outliers.csv, small_numbers.csv, high_outliers.csv, ics_classification.csv, unclassified.csv to \(out)")
    }
}

/// The levels `steroids` and `outliers` accept: practice, PCN, sub-ICB and ICB.
enum OutlierLevels {
    static let all: [OrgLevel] = AnalysisOptionValues.outlierLevels

    static func parse(_ levels: [OrgLevel]) throws -> [OrgLevel] { try ArgumentValues.levels(levels, allowed: all) }
}
