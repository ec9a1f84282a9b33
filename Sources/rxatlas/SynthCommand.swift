import ArgumentParser
import Foundation
import RxData
import RxSynth

/// `rxatlas synth`: writes a deterministic synthetic national prescribing dataset.
struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate synthetic prescribing data, list sizes and organisations, for England or Scotland.",
        discussion: """
        England: writes epd_YYYYMM.csv (2025+ EPD_SNOMED layout), list_sizes_YYYYMM.csv, \
        orgs.csv and planted_outliers.csv into --out. Scotland (--nation scotland): writes \
        pitcYYYYMM.csv (Prescriptions in the Community), a quarterly \
        practice_listsizes_mmmYYYY.csv (GP Practice Populations) and \
        practice_contactdetails_mmmYYYY.csv for the first month, in Public Health Scotland's \
        layouts. The same arguments always give byte-identical files.

        Examples:
          rxatlas synth --practices 300 --months 12 --seed 1 --out synth/
          rxatlas synth --practices 6500 --months 60 --seed 1 --start 2020-01 \\
              --gzip --out national/
          rxatlas synth --nation scotland --practices 930 --months 12 --seed 1 \\
              --out scotland/
        """)

    @Option(help: "england or scotland.")
    var nation: SynthNation = .england
    @Option(parsing: .unconditional, help: "Number of prescribing organisations (6500 ≈ England, 930 ≈ Scotland).")
    var practices: Int
    @Option(parsing: .unconditional, help: "Number of consecutive months.")
    var months: Int
    @Option(parsing: .unconditional, help: "Random seed.")
    var seed: UInt64
    @Option(help: "First month, YYYY-MM.")
    var start: String = "2025-01"
    @Option(help: "Output directory.")
    var out: String
    @Flag(help: "Write gzipped files (.csv.gz).")
    var gzip = false
    @Option(parsing: .unconditional, help: "gzip compression level 1-9.")
    var gzipLevel: Int32 = 6
    @Option(parsing: .unconditional, help: "Row target per practice-month for an average-sized practice (2800 gives ≈17M rows for 6,500 practices).")
    var presentationsPerPractice: Int = 2800
    @OptionGroup var log: LogOptions

    /// The generator's configuration, checked.
    func configuration() throws -> SynthConfiguration {
        let config = SynthConfiguration(practices: practices, months: months, seed: seed,
                                        start: try ArgumentValues.month(start, option: "--start"),
                                        presentationsPerPractice: presentationsPerPractice, gzip: gzip,
                                        gzipLevel: gzipLevel)
        do { try config.validate() } catch SynthError.invalidConfiguration(let why) { throw ValidationError(why) }
        return config
    }

    func validate() throws { _ = try configuration() }

    func run() throws {
        let config = try configuration()
        if nation == .scotland {
            let scotland = try SyntheticScotland(config)
            let h = scotland.hierarchy
            log.result("\(h.practices.count) practices, \(h.clusters.count) GP clusters, "
                       + "\(Set(h.practices.map(\.hscp)).count) HSCPs, \(Set(h.practices.map(\.board)).count) health boards")
            let summary = try scotland.write(to: out, progress: log.quiet ? nil : { [reporter = log.reporter] in reporter.message($0) })
            log.result(String(format: "PITC: %d rows, %.1f MB uncompressed in %.2f s", summary.epdRows,
                              Double(summary.epdBytes) / 1e6, summary.epdSeconds))
            return
        }
        let dataset = try SyntheticDataset(config)
        let h = dataset.hierarchy
        log.result("\(h.practices.count) prescribers, \(h.pcns.count) PCNs, \(h.subICBs.count) sub-ICBs, " +
                   "\(h.icbs.count) ICBs, \(h.regions.count) regions; \(dataset.plantedOutliers.count) planted outliers")
        let summary = try dataset.write(to: out, progress: log.quiet ? nil : { [reporter = log.reporter] in reporter.message($0) })
        log.result(String(format: "EPD: %d rows, %.1f MB uncompressed in %.2f s (%.0f MB/s)", summary.epdRows,
                          Double(summary.epdBytes) / 1e6, summary.epdSeconds,
                          Double(summary.epdBytes) / 1e6 / max(summary.epdSeconds, 1e-9)))
    }
}

extension SynthNation: ExpressibleByArgument {}
