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
          rxatlas synth --practices 6500 --months 120 --start 2016-01 --seed 1 \\
              --month 2016-05 --stdout --out lists/ \\
            | rxatlas ingest - --store national --list-sizes lists/list_sizes_201605.csv
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
    @Option(help: ArgumentHelp("Write only this month of the run (YYYY-MM), with the org mapping: its data are those it has in the whole run, so a long run can be written a month at a time.", valueName: "YYYY-MM"))
    var month: String?
    @Flag(help: "Write the prescribing CSV to standard output (England, one month: --months 1 or --month), for `rxatlas ingest -`; the other files still go to --out.")
    var stdout = false
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

    func validate() throws {
        let config = try configuration()
        _ = try monthOffset(config)
        if stdout {
            if nation != .england { throw ValidationError("--stdout writes England's EPD layout; Scotland's files go to --out") }
            if gzip { throw ValidationError("--stdout writes plain CSV; leave out --gzip") }
            if month == nil && months != 1 { throw ValidationError("--stdout writes one month: give --months 1 or --month YYYY-MM") }
        }
    }

    /// The offset of `--month` in the run, checked.
    func monthOffset(_ config: SynthConfiguration) throws -> Int? {
        guard let month else { return nil }
        let m = try ArgumentValues.month(month, option: "--month")!
        let offset = (m.year - config.start.year) * 12 + (m.month - config.start.month)
        guard (0..<config.months).contains(offset) else {
            throw ValidationError("--month \(month) is outside the run (\(config.start) and the \(config.months - 1) months after)")
        }
        if nation != .england { throw ValidationError("--month applies to England's data") }
        return offset
    }

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
        // With --stdout the data take standard output, so what is said goes to standard error.
        let say: (String) -> Void = stdout ? { [quiet = log.quiet] in if !quiet { FileHandle.standardError.write(($0 + "\n").data(using: .utf8)!) } } : { log.result($0) }
        say("\(h.practices.count) prescribers, \(h.pcns.count) PCNs, \(h.subICBs.count) sub-ICBs, " +
                   "\(h.icbs.count) ICBs, \(h.regions.count) regions; \(dataset.plantedOutliers.count) planted outliers")
        let summary = try dataset.write(to: out, month: try monthOffset(config),
                                        prescribing: stdout ? FileSink(fileDescriptor: 1, name: "standard output") : nil,
                                        progress: log.quiet ? nil : { [reporter = log.reporter] in reporter.message($0) })
        if log.quiet { return }
        say(String(format: "EPD: %d rows, %.1f MB uncompressed in %.2f s (%.0f MB/s)", summary.epdRows,
                          Double(summary.epdBytes) / 1e6, summary.epdSeconds,
                          Double(summary.epdBytes) / 1e6 / max(summary.epdSeconds, 1e-9)))
    }
}

extension SynthNation: ExpressibleByArgument {}
