import ArgumentParser
import Foundation
import RxAtlas
import RxData
import RxReport

/// `rxatlas report`: the self-contained HTML report of every analysis over a period.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "A self-contained HTML report: measures, biosimilars, steroid and chemical outliers, organisations, methods (default: the latest 12 months).",
        discussion: """
        One HTML file with inline SVG charts, CSS and a small script; it loads nothing from elsewhere. Tables sort \
        by any column and are capped (--max-rows) and paged; every practice, PCN, sub-ICB and ICB can be found \
        from the search box. See docs/REPORTS.md.

        Examples:
          rxatlas report --store store --out report.html
          rxatlas report --store store --from 2024-01 --to 2024-12 \\
              --boundaries icbs.geojson --boundary-key ICB23CD --out report.html
        """
    )

    @Option(help: "The store directory.") var store: String
    @OptionGroup var log: LogOptions
    @Option(help: "First month (YYYY-MM).") var from: String?
    @Option(help: "Last month (YYYY-MM).") var to: String?
    @Option(help: ArgumentHelp("A GeoJSON boundary file (WGS84 or British National Grid) for ICB choropleth maps.", valueName: "FILE"))
    var boundaries: String?
    @Option(name: .customLong("boundary-key"), help: "The boundary property holding each area's code (ODS or E54 ICB codes both match).")
    var boundaryKey: String?
    @Option(name: .customLong("key-measure"), parsing: .upToNextOption, help: "Measures drawn in full (default: ics_high_dose, prednisolone_items_per_1000, saba_percent_of_saba_ics, ppi_cost_per_1000).")
    var keyMeasure: [String] = []
    @Option(name: .customLong("max-rows"), parsing: .unconditional, help: "Rows a table holds at most.") var maxRows: Int = 200
    @Option(name: .customLong("min-list-size"), parsing: .unconditional, help: "Smallest list for per-1,000 measures.") var minListSize: Int64 = 1000
    @Option(help: ArgumentHelp("Report one nation only (a name such as Scotland, or a GSS code); by default every nation of the period, with a switch between them.", valueName: "NATION"))
    var nation: String?
    @Option(help: ArgumentHelp("The HTML file to write.", valueName: "FILE.html")) var out: String

    func validate() throws {
        if (boundaries == nil) != (boundaryKey == nil) { throw ValidationError("--boundaries and --boundary-key go together") }
        guard maxRows >= 1 else { throw ValidationError("--max-rows must be at least 1") }
    }

    func run() throws {
        let started = Date()
        var options = ReportOptions()
        options.softwareVersion = RxAtlasVersion.current
        options.maximumTableRows = maxRows
        options.nation = nation
        options.kernelOptions = .init(minimumListSize: minListSize)
        if !keyMeasure.isEmpty {
            let known = Set(try MeasureLibrary.builtIn().map(\.id) + [SteroidMeasures.highDoseNICE, SteroidMeasures.highDoseOpenPrescribing])
            if let unknown = keyMeasure.first(where: { !known.contains($0) }) {
                throw ValidationError("unknown measure id '\(unknown)' (known: \(known.sorted().joined(separator: ", ")))")
            }
            options.keyMeasures = keyMeasure
        }
        if let boundaries, let boundaryKey {
            options.boundaries = (try GeoFeatureCollection.read(path: boundaries), boundaryKey, nil)
        }
        let opened = try Store.open(at: store)
        opened.keepsSnapshots = true  // every analysis of the report reads the same months
        let period = try MeasureSelection.months(in: opened, from: from, to: to, defaultMonths: 12)
        let data = try ReportData.compute(store: opened, period: period, options: options)
        let computed = Date()
        try HTMLReport(data, options: options).write(to: out)
        let total = String(format: "%.2f", Date().timeIntervalSince(started)), render = String(format: "%.2f", Date().timeIntervalSince(computed))
        log.result("\(period.lowerBound)…\(period.upperBound), \(total) s (" + data.timings.map { "\($0.name) \(String(format: "%.2f", $0.seconds)) s" }.joined(separator: ", ")
              + ", writing the report \(render) s): wrote \(out)")
    }
}
