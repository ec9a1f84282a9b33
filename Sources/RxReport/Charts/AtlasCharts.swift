import RxAtlas
import RxData

/// The charts and maps of one Atlas result, ready to save: the funnel plot (when the measure has
/// one), the ranked column chart, and at ICB level the hex map and, given boundaries, the
/// choropleth. File names are `<measure>-<level>-<kind>.svg`.
public enum AtlasCharts {
    /// Each unit's period value (Σ numerator / Σ denominator × multiplier) by code.
    public static func values(_ r: AtlasResult) -> [String: Double] {
        var out: [String: Double] = [:]
        for i in r.units.indices where r.denominators[i] > 0 { out[r.units[i]] = r.numerators[i] / r.denominators[i] * r.multiplier }
        return out
    }

    /// The unit label of a measure's values.
    public static func valueLabel(_ def: MeasureDefinition) -> String {
        if def.isPercentage { return "%" }
        if def.denominator.quantity == .listSize { return "per 1,000 patients a month" }
        return "ratio"
    }

    /// The funnel plot's x axis title: what its denominators count ("patient-months" for a
    /// per-1,000 measure, whose funnel is drawn against patients; else the denominator's unit,
    /// such as "ICS items").
    public static func denominatorLabel(_ def: MeasureDefinition) -> String {
        def.denominator.quantity == .listSize ? "patient-months (list sizes summed over the months)" : def.denominator.unit
    }

    /// Values re-keyed to the keys a map uses: a value stays under its own code when that is a
    /// key, else moves to its alias (an ICB's ODS code ↔ its E54 code) when that is.
    public static func rekey(_ values: [String: Double], to keys: Set<String>, aliases: [String: String]) -> [String: Double] {
        var out: [String: Double] = [:]
        for (code, v) in values {
            if keys.contains(code) { out[code] = v } else if let a = aliases[code], keys.contains(a) { out[a] = v }
        }
        return out
    }

    /// The SVG documents for one result, by file name.
    /// - Parameters:
    ///   - names: organisation names by code, for tooltips.
    ///   - hexLayout: the ICB hex layout (drawn for ICB-level results).
    ///   - boundaries: a boundary file and the property matching codes, for a choropleth (drawn
    ///     when at least ``QuintileClasses/minimumUnits`` units' codes, or their ICB aliases, are
    ///     among the boundary keys, and they cover at least half of the boundaries).
    ///   - nationalLabel: the name of the national line in the legends.
    ///   - levels: what the nation calls its levels, in subtitles.
    public static func render(_ r: AtlasResult, definition def: MeasureDefinition, names: [String: String] = [:],
                              hexLayout: HexLayout? = nil,
                              boundaries: (collection: GeoFeatureCollection, key: String, nameProperty: String?)? = nil,
                              nationalLabel: String = "England", levels: LevelVocabulary = .england) throws -> [(String, String)] {
        let base = "\(def.id)-\(MeasureOutput.levelName(r.level))"
        let label = valueLabel(def)
        var out: [(String, String)] = []
        if var funnel = FunnelChart(atlas: r, title: def.name, names: names, valueLabel: label, denominatorLabel: denominatorLabel(def), levels: levels) {
            funnel.centreLabel = nationalLabel
            out.append(("\(base)-funnel.svg", funnel.svg()))
        }
        var ranked = RankedChart(atlas: r, title: def.name, names: names, valueLabel: label, levels: levels)
        ranked.nationalLabel = nationalLabel
        out.append(("\(base)-ranked.svg", ranked.svg()))
        let values = values(r)
        let period = "\(r.period.lowerBound)–\(r.period.upperBound)"
        // A map only where the data covers it (most areas have a value) and fifths mean something.
        if r.level == .icb, let hexLayout, HexMap.coverage(of: values, layout: hexLayout) >= HexMap.minimumCoverage,
           values.count >= QuintileClasses.minimumUnits {
            out.append(("\(base)-hexmap.svg", HexMap(title: def.name, subtitle: "\(levels.title(.icb))s, \(period)", valueLabel: label, layout: hexLayout,
                                                     values: values).svg()))
        }
        if let boundaries {
            var aliases: [String: String] = [:]
            for c in hexLayout?.cells ?? [] { aliases[c.odsCode] = c.code; aliases[c.code] = c.odsCode }
            let keys = Set(try boundaries.collection.keys(boundaries.key))
            let matched = rekey(values, to: keys, aliases: aliases)
            // Drawn only for a level whose codes the boundaries carry, when most areas have a value.
            guard matched.count >= QuintileClasses.minimumUnits,
                  Double(matched.count) >= HexMap.minimumCoverage * Double(keys.count) else { return out }
            let map = try ChoroplethMap(title: def.name, subtitle: "\(levels.title(r.level)), \(period)", valueLabel: label,
                                        boundaries: boundaries.collection, key: boundaries.key, nameProperty: boundaries.nameProperty,
                                        values: matched)
            out.append(("\(base)-map.svg", map.svg()))
        }
        return out
    }
}
