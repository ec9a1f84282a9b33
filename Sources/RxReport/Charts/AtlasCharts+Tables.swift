import RxAtlas
import RxData

extension AtlasCharts {
    /// The charts and maps of every measure × level table over `period`: runs
    /// ``AtlasAnalysis/run(_:definition:period:)`` per table whose definition is given and
    /// ``render(_:definition:names:hexLayout:boundaries:)`` on the result, names taken from the
    /// table. Shared by `rxatlas charts` and batch runs. `orgs` names the nation and its levels
    /// (``RxData/OrgDirectory/nationName``, ``RxData/OrgDirectory/levelVocabulary``).
    public static func render(_ tables: [MeasureValues], definitions: [MeasureDefinition], period: ClosedRange<YearMonth>,
                              hexLayout: HexLayout? = nil,
                              boundaries: (collection: GeoFeatureCollection, key: String, nameProperty: String?)? = nil,
                              orgs: OrgDirectory? = nil)
        throws -> [(String, String)] {
        let byID = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var files: [(String, String)] = []
        for t in tables {
            guard let def = byID[t.measureID] else { continue }
            let r = try AtlasAnalysis.run(t, definition: def, period: period)
            var names: [String: String] = [:]
            for (code, name) in zip(t.orgCodes, t.orgNames) { if let name { names[code] = name } }
            files += try render(r, definition: def, names: names, hexLayout: hexLayout, boundaries: boundaries,
                                nationalLabel: orgs?.nationName ?? "England", levels: orgs?.levelVocabulary ?? .england)
        }
        return files
    }
}
