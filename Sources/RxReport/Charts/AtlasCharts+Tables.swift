import RxAtlas
import RxData

extension AtlasCharts {
    /// The charts and maps of every measure × level table over `period`: runs
    /// ``AtlasAnalysis/run(_:definition:period:)`` per table whose definition is given and
    /// ``render(_:definition:names:hexLayout:boundaries:)`` on the result, names taken from the
    /// table. Shared by `rxatlas charts` and batch runs. `orgs` names the nation and its levels
    /// (``RxData/OrgDirectory/nationName``, ``RxData/OrgDirectory/levelVocabulary``).
    ///
    /// Tables of two nations (``RxAtlas/MeasureValues/nation``) are drawn apart: each nation's
    /// charts carry its name in the file name (`<measure>-<level>-scotland-funnel.svg`), its own
    /// national line, level names and built-in hex layout.
    public static func render(_ tables: [MeasureValues], definitions: [MeasureDefinition], period: ClosedRange<YearMonth>,
                              hexLayout: HexLayout? = nil,
                              boundaries: (collection: GeoFeatureCollection, key: String, nameProperty: String?)? = nil,
                              orgs: OrgDirectory? = nil)
        throws -> [(String, String)] {
        let byID = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var files: [(String, String)] = []
        let several = Set(tables.map(\.nation)).count > 1
        for t in tables {
            guard let def = byID[t.measureID] else { continue }
            let r = try AtlasAnalysis.run(t, definition: def, period: period)
            var names: [String: String] = [:]
            for (code, name) in zip(t.orgCodes, t.orgNames) { if let name { names[code] = name } }
            let own = several ? orgs?.restricted(toNation: t.nation) : orgs
            let layout = several ? try own.map { try HexLayout.builtIn(for: $0) } ?? hexLayout : hexLayout
            let drawn = try render(r, definition: def, names: names, hexLayout: layout, boundaries: boundaries,
                                   nationalLabel: own?.nationName ?? "England", levels: own?.levelVocabulary ?? .england)
            guard several else { files += drawn; continue }
            let base = "\(def.id)-\(MeasureOutput.levelName(t.level))-"
            let tag = (own?.nationName ?? t.nation ?? "unknown").lowercased().replacingOccurrences(of: " ", with: "-") + "-"
            files += drawn.map { (base + tag + $0.0.dropFirst(base.count), $0.1) }
        }
        return files
    }
}
