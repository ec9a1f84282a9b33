import ArgumentParser
import RxDMD

/// `rxatlas dmd`: the dm+d release that OpenPrescribing's `*_bnf_codes_query` definitions need.
struct DMDCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dmd",
        abstract: "Import a dm+d release for OpenPrescribing's measure definitions that select codes from dm+d (docs/DMD.md).",
        subcommands: [Import.self]
    )

    /// `rxatlas dmd import`: the release's XML files into one SQLite database.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "Read a dm+d release (NHSBSA's XML files and the supplementary release's BNF file) into a SQLite database.",
            discussion: """
            RELEASE is the release's folder or zip (f_vmp2_….xml and the others) and the \
            supplementary ("bonus") release's folder or zip, whose BNF file (f_bnf1_….xml) gives \
            each VMP's and AMP's BNF code. Both are downloaded from NHSBSA's TRUD. The database is \
            written whole or not at all; give it to measures, atlas, report or serve with --dmd.

            Examples:
              rxatlas dmd import nhsbsa_dmd_10.1.0_20251201000001.zip nhsbsa_dmdbonus_10.1.0_20251201000001.zip --out dmd.sqlite
              rxatlas dmd import dmd/ bonus/ --table vw_aware_abx_bnf_codes=aware.csv --out dmd.sqlite
              rxatlas measures --store store --definitions openprescribing/measures/definitions --dmd dmd.sqlite --out measures
            """)

        @Argument(help: "The release's and the supplementary release's folders, zips or XML files.") var release: [String]
        @Option(help: "The database to write.") var out: String
        @Option(name: .customLong("table"), help: ArgumentHelp(
            "A table to add beside the release, NAME=FILE.csv (header: the columns), for SQL that reads a table dm+d does not hold.",
            discussion: "aware_antibiotics reads vw_aware_abx_bnf_codes (bnf_code, aware: Access, Watch or Reserve), which a user builds from UKHSA's UK-AWaRe classification."))
        var table: [String] = []
        @OptionGroup var log: LogOptions

        func validate() throws {
            for t in table where !t.contains("=") || t.hasPrefix("=") || t.hasSuffix("=") {
                throw ValidationError("--table takes NAME=FILE.csv, not '\(t)'")
            }
        }

        func run() throws {
            let added = table.map { t -> (name: String, file: String) in
                let parts = t.split(separator: "=", maxSplits: 1)
                return (String(parts[0]), String(parts[1]))
            }
            let s = try DMDImport.run(paths: release, output: out, tables: added, progress: log.reporter)
            let tables = s.rows.filter { !$0.key.hasPrefix("bnf_") }
            log.result("wrote \(out): \(tables.count) tables, \(tables.values.reduce(0, +)) rows (\(s.rows["vmp"] ?? 0) VMPs, "
                       + "\(s.rows["amp"] ?? 0) AMPs); BNF codes for \(s.vmpsWithBNF) VMPs and \(s.ampsWithBNF) AMPs")
        }
    }
}
