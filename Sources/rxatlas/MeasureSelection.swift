import ArgumentParser
import RxAtlas
import RxData
import RxDMD

/// The options `measures` and `atlas` share: the store, the definitions, which measures and
/// levels, and the months.
struct MeasureSelection: ParsableArguments {
    @Option(help: "The store directory.") var store: String
    @Option(parsing: .upToNextOption, help: "Measure definition files or directories (ours or OpenPrescribing's JSON; default: the built-in library).")
    var definitions: [String] = []
    @Option(help: "A dm+d release imported with `rxatlas dmd import`, for definitions that select their codes from dm+d (*_bnf_codes_query).")
    var dmd: String?
    @Option(name: .customLong("first-format"), parsing: .upToNextOption,
            help: "OpenPrescribing's first-format (JSON) definitions, for its second-format (YAML) ones whose code list is empty: each takes its codes from the JSON definition of the same name (and says so).")
    var firstFormat: [String] = []
    @Flag(help: "Fail when any definition under --definitions cannot run (by default those that can run, and the others are listed with every reason).")
    var strict = false
    @Option(parsing: .upToNextOption, help: "Only these measure ids.") var measure: [String] = []
    @Option(parsing: .upToNextOption, help: "practice, pcn, sub-icb, icb, region or nation (default: all).") var level: [OrgLevel] = []
    @Option(help: "First month (YYYY-MM).") var from: String?
    @Option(help: "Last month (YYYY-MM).") var to: String?
    @Option(name: .customLong("min-list-size"), parsing: .unconditional,
            help: "Smallest list for per-1,000 measures (default 1000; 0 for OpenPrescribing's definitions, as OpenPrescribing sets none).")
    var minListSize: Int64?
    @Option(name: .customLong("list-size-carry"), parsing: .unconditional,
            help: "Months a list-size extract is carried into later months without one.")
    var listSizeCarry: Int = ListSizeTimeline.defaultCarry

    /// The selected definitions. Of the files under `--definitions`, those that can run are run
    /// and every other is reported with all its reasons (``RxAtlas/MeasureLibrary/loadRunnable(paths:)``);
    /// with `--strict` any refusal fails the command.
    func definitionsSelected(defaultMonths: Int? = nil, progress: ProgressReporter = .silent) throws -> [MeasureDefinition] {
        var defs: [MeasureDefinition]
        if definitions.isEmpty {
            defs = try MeasureLibrary.builtIn()
        } else {
            let codeQueries = try dmd.map { path -> DMDDatabase in
                let opened = try Store.open(at: store)
                return try DMDDatabase(path: path, store: opened, period: try monthsSelected(in: opened, defaultMonths: defaultMonths))
            }
            let loaded = try MeasureLibrary.loadRunnable(paths: definitions, codeQueries: codeQueries, firstFormat: firstFormat)
            if let codeQueries { progress.message("codes selected from dm+d come from \(codeQueries.source)", level: .info) }
            if strict, let first = loaded.refused.first {
                for r in loaded.refused.dropFirst() { progress.message("refused: \(r)", level: .warning) }
                throw first.inputError
            }
            DefinitionWarnings.report(refused: loaded.refused, running: loaded.definitions,
                                      outcome: "and are left out (--strict fails instead)", progress: progress)
            guard !loaded.definitions.isEmpty else {
                throw InputError(file: definitions.joined(separator: " "), reason: "no definition here can run (\(loaded.refused.count) refused)")
            }
            defs = loaded.definitions
        }
        if !measure.isEmpty {
            let known = Set(defs.map(\.id))
            if let unknown = measure.first(where: { !known.contains($0) }) {
                throw ValidationError("unknown measure id '\(unknown)' (known: \(defs.map(\.id).sorted().joined(separator: ", ")))")
            }
            defs = defs.filter { measure.contains($0.id) }
        }
        return defs
    }

    /// The inclusion rules: `--min-list-size` applies to every definition when given; otherwise
    /// RxAtlas's definitions need 1,000 patients and OpenPrescribing's none.
    var kernelOptions: MeasureKernelOptions {
        var o = MeasureKernelOptions(minimumListSize: minListSize ?? 1000, listSizeCarry: listSizeCarry)
        o.minimumListSizeForOpenPrescribing = minListSize ?? 0
        return o
    }

    /// The selected levels.
    func levelsSelected() throws -> [OrgLevel] { try Self.levels(level) }

    /// Parses level names; none means every level.
    static func levels(_ level: [OrgLevel]) throws -> [OrgLevel] { try ArgumentValues.levels(level) }

    func validate() throws {
        _ = try Self.levels(level)
        try ArgumentValues.count(listSizeCarry, option: "--list-size-carry", minimum: 0)
        _ = try ArgumentValues.month(from, option: "--from")
        _ = try ArgumentValues.month(to, option: "--to")
    }

    /// Everything selected, computed: the definitions, levels, months and every measure × level's
    /// values from the measure kernel.
    ///
    /// The run's ``Coverage`` is computed too, and its warnings reported (months without list
    /// sizes when a per-1,000 measure is selected, months without actual cost).
    func compute(defaultMonths: Int? = nil, progress: ProgressReporter = .silent) throws
        -> (definitions: [MeasureDefinition], levels: [OrgLevel], months: ClosedRange<YearMonth>, values: [MeasureValues], coverage: Coverage) {
        let defs = try definitionsSelected(defaultMonths: defaultMonths, progress: progress)
        let levels = try levelsSelected()
        let opened = try Store.open(at: store)
        opened.keepsSnapshots = true   // the coverage reads the months the kernel mapped
        let months = try monthsSelected(in: opened, defaultMonths: defaultMonths)
        let run = try MeasureRun.run(store: opened, period: months, definitions: defs, levels: levels,
                                     options: kernelOptions,
                                     progress: progress)
        let coverage = run.coverage
        for w in run.warnings { progress.message(w, level: .warning) }
        if !coverage.monthsWithCarriedListSizes.isEmpty {
            progress.message("list sizes carried forward into " + coverage.monthsWithCarriedListSizes.map(\.description).joined(separator: ", "),
                             level: .detail)
        }
        return (defs, levels, months, run.values, coverage)
    }

    /// The month range: --from/--to, else the store's months; `defaultMonths` limits the default
    /// start to that many months before the end.
    func monthsSelected(in store: Store, defaultMonths: Int? = nil) throws -> ClosedRange<YearMonth> {
        try Self.months(in: store, from: from, to: to, defaultMonths: defaultMonths)
    }

    /// The month range from `from`/`to` (YYYY-MM), else the store's months; `defaultMonths`
    /// limits the default start to that many months before the end.
    static func months(in store: Store, from: String?, to: String?, defaultMonths: Int? = nil) throws -> ClosedRange<YearMonth> {
        do {
            return try AnalysisPeriod.resolve(store: store, from: try ArgumentValues.month(from, option: "--from"),
                                              to: try ArgumentValues.month(to, option: "--to"), latest: defaultMonths)
        } catch let e as AnalysisPeriodError {
            throw ValidationError(e.description)
        }
    }

    /// What was selected, as metadata rows for SQLite and JSON outputs.
    func metadata(_ defs: [MeasureDefinition], _ levels: [OrgLevel], _ months: ClosedRange<YearMonth>) -> [(key: String, value: String)] {
        ResultOutputOptions.metadata(store: store, period: months, levels: levels)
            + [("measures", defs.map(\.id).joined(separator: " ")), ("min_list_size", minListSize.map(String.init) ?? "1000 (RxAtlas's definitions), 0 (OpenPrescribing's)")]
    }
}
