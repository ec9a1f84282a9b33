import ArgumentParser
import Foundation
import RxAtlas
import RxData

/// `rxatlas measures`: every measure at every organisation level and month, with percentiles,
/// intervals and deciles.
struct MeasuresCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measures",
        abstract: "Compute prescribing measures over a store: values, percentiles and deciles per level and month.",
        discussion: "With no --definitions the built-in library (datasets/reference/measures) is used; with no --level every level is computed."
    )

    @Option(help: "The store directory.") var store: String
    @Option(parsing: .upToNextOption, help: "Measure definition files or directories (ours or OpenPrescribing's JSON).")
    var definitions: [String] = []
    @Option(parsing: .upToNextOption, help: "Only these measure ids.") var measure: [String] = []
    @Option(parsing: .upToNextOption, help: "practice, pcn, sub-icb, icb, region or nation.") var level: [String] = []
    @Option(help: "First month (YYYY-MM).") var from: String?
    @Option(help: "Last month (YYYY-MM).") var to: String?
    @Option(name: .customLong("min-list-size"), help: "Smallest list for per-1,000 measures.") var minListSize: Int64 = 1000
    @Option(help: "Output directory.") var out: String

    func run() throws {
        var defs = definitions.isEmpty ? try MeasureLibrary.builtIn() : try MeasureLibrary.load(paths: definitions)
        if !measure.isEmpty {
            let known = Set(defs.map(\.id))
            if let unknown = measure.first(where: { !known.contains($0) }) {
                throw ValidationError("unknown measure id '\(unknown)' (known: \(defs.map(\.id).sorted().joined(separator: ", ")))")
            }
            defs = defs.filter { measure.contains($0.id) }
        }
        let levels = try level.isEmpty ? OrgLevel.allCases : level.map { name in
            guard let l = MeasureOutput.level(named: name) else { throw ValidationError("unknown level '\(name)'") }
            return l
        }
        let opened = try Store.open(at: store)
        let months = try opened.months()
        guard let first = months.first, let last = months.last else { throw ValidationError("the store has no months") }
        func month(_ text: String?, _ fallback: YearMonth) throws -> YearMonth {
            guard let text else { return fallback }
            guard let m = YearMonth(parsing: text) else { throw ValidationError("not a month: \(text)") }
            return m
        }
        let lo = try month(from, first), hi = try month(to, last)
        guard lo <= hi else { throw ValidationError("--from is after --to") }
        let kernel = MeasureKernel(options: MeasureKernelOptions(minimumListSize: minListSize))
        let tables = try kernel.compute(store: opened, measures: defs, months: lo...hi, levels: levels)
        try MeasureOutput.write(tables, definitions: defs, to: out)
        print("\(defs.count) measures × \(levels.count) levels, \(lo)…\(hi): wrote \(out)/values.csv and \(out)/deciles.csv")
    }
}
