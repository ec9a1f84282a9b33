import ArgumentParser
import Foundation
import RxAtlas
import RxData
import RxReport

/// `rxatlas charts`: SVG funnel plots, ranked charts and maps of the Atlas results.
struct ChartsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "charts",
        abstract: "SVG funnel plots, ranked column charts and variation maps per measure and level (default: the latest 12 months).",
        discussion: """
        Writes <measure>-<level>-funnel.svg (measures counted in items), <measure>-<level>-ranked.svg, \
        at ICB level <measure>-icb-hexmap.svg (the built-in ICB hex layout), and with --boundaries \
        <measure>-<level>-map.svg, a choropleth in quintile classes on the British National Grid. \
        --org adds <measure>-<level>-<org>-deciles.svg, the organisation's monthly values over the deciles.

        Examples:
          rxatlas charts --store store --measure ics_high_dose \\
              --level practice icb --out charts/
          rxatlas charts --store store --level icb --boundaries icbs.geojson \\
              --boundary-key STP21CD --out charts/
        """
    )

    @OptionGroup var selection: MeasureSelection
    @OptionGroup var log: LogOptions
    @Option(help: "Output directory.") var out: String
    @Option(help: ArgumentHelp("A GeoJSON boundary file (WGS84 or British National Grid) for choropleth maps.", valueName: "FILE"))
    var boundaries: String?
    @Option(name: .customLong("boundary-key"), help: "The boundary property holding each area's code (ODS or E54 ICB codes both match).")
    var boundaryKey: String?
    @Option(name: .customLong("boundary-name"), help: "The boundary property holding each area's name (default: the first ending in NM).")
    var boundaryName: String?
    @Option(help: "Also draw this organisation's monthly values over the deciles.") var org: String?

    func validate() throws {
        if (boundaries == nil) != (boundaryKey == nil) { throw ValidationError("--boundaries and --boundary-key go together") }
    }

    func run() throws {
        let geo = try boundaries.map { (try GeoFeatureCollection.read(path: $0), boundaryKey!, boundaryName) }
        let (defs, _, period, tables, _) = try selection.compute(defaultMonths: 12, progress: log.reporter)
        let orgs = try Store.open(at: selection.store).readOrgs()
        let layout = try HexLayout.builtIn(for: orgs)
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        var files = try AtlasCharts.render(tables, definitions: defs, period: period, hexLayout: layout, boundaries: geo,
                                           orgs: orgs)
        if let org {
            for t in tables {
                guard let def = defs.first(where: { $0.id == t.measureID }),
                      let chart = DecileChart(values: t, orgCode: org, title: def.name, valueLabel: AtlasCharts.valueLabel(def)) else { continue }
                files.append(("\(def.id)-\(MeasureOutput.levelName(t.level))-\(org)-deciles.svg", chart.svg()))
            }
        }
        let set = try OutputSet.begin(directory: out, command: "charts")
        for (name, svg) in files { try AtomicFile.write(svg, to: out + "/" + name) }
        try set.commit()
        let count = files.count
        log.result("\(defs.count) measures, \(period.lowerBound)…\(period.upperBound): wrote \(count) SVG files to \(out)")
    }
}
