import ArgumentParser
import Foundation
import RxData
import RxReference

/// `rxatlas ingest`: reads prescribing files (and list sizes, org mappings, code mappings) into a
/// columnar store.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read prescribing files (EPD, PDPI, PHS; .csv, .csv.gz or .zip) into a columnar store.",
        discussion: """
        Layouts are detected from each file's header. Rows are summed to one per month, practice and \
        presentation; re-ingesting a month replaces it atomically. PDPI address (ADDR) and chemical \
        (CHEM) companion files may be given alongside the prescribing files.

        Examples:
          rxatlas ingest epd_2024*.csv.gz --store store \\
              --list-sizes list_sizes_*.csv.gz --orgs orgs.csv
          rxatlas ingest epd_202401.csv --check --on-error quarantine:bad_rows.csv
        """
    )

    @Argument(help: "Prescribing files (- reads standard input; a named pipe is read as a stream), and any PDPI ADDR/CHEM companion files.")
    var files: [String]

    @Option(help: "The store directory (created if absent).")
    var store: String?

    @Option(name: .customLong("list-sizes"), parsing: .upToNextOption, help: "List-size files (any of the three published layouts).")
    var listSizes: [String] = []

    @Option(name: .customLong("list-size-month"), help: "The month (YYYY-MM) a list-size file without a date applies to.")
    var listSizeMonth: String?

    @Option(help: "Org mapping CSV (practice_code, pcn_code, pcn_name, sub_icb_code, … setting).")
    var orgs: String?

    @Option(name: .customLong("code-mapping"), help: "BNF code changes CSV (old_code,new_code), applied before summing.")
    var codeMapping: String?

    @Option(name: .customLong("on-error"), help: ArgumentHelp("fail, or quarantine:FILE to set bad lines aside with their reasons.", valueName: "fail|quarantine:FILE"))
    var onError: String = "fail"

    @Option(parsing: .unconditional, help: "Worker threads (default: all cores).")
    var threads: Int?

    @Flag(help: "Read and check the files without writing a store.")
    var check = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Wait up to this long for another ingest writing the store (default: fail at once).", valueName: "SECONDS"))
    var wait: Double?

    @Flag(name: .customLong("allow-partial-months"), help: "Accept a month that holds a tiny share of a file's rows (under 1% and under 1,000 rows).")
    var allowPartialMonths = false

    @Flag(help: "Replace stored months even with far less data (under half their rows or prescribers).")
    var replace = false

    @Flag(help: "Print the summary as JSON.")
    var json = false

    func validate() throws {
        guard ErrorPolicy(argument: onError) != nil else {
            throw ValidationError("--on-error must be 'fail' or 'quarantine:FILE', not '\(onError)'")
        }
        if !check && store == nil { throw ValidationError("--store DIR is required (or use --check)") }
        _ = try ArgumentValues.month(listSizeMonth, option: "--list-size-month")
        if let threads { try ArgumentValues.count(threads, option: "--threads") }
        if let wait, !(wait >= 0) { throw ValidationError("--wait must be a number of seconds, not \(wait)") }
    }

    @OptionGroup var log: LogOptions

    func run() throws {
        let policy = ErrorPolicy(argument: onError)!
        var options = IngestOptions(
            files: files, listSizes: listSizes,
            listSizeMonth: try ArgumentValues.month(listSizeMonth, option: "--list-size-month"),
            orgMapping: orgs, codeMapping: codeMapping, errorPolicy: policy,
            threads: threads ?? ProcessInfoThreads.active, softwareVersion: RxAtlasVersion.current)
        options.wait = wait
        options.allowPartialMonths = allowPartialMonths
        options.replace = replace
        options.areaReference = try ScottishGeography.reference()
        let started = Date()
        let report = try StoreIngest(options: options).run(store: check ? nil : store, steps: log.reporter) { [reporter = log.reporter] line in
            reporter.message(line)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            log.result(report.text(seconds: Date().timeIntervalSince(started)))
        }
    }
}
