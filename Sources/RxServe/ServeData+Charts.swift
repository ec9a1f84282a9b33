import Foundation
import RxAtlas
import RxData
import RxReport

extension ServeData {
    /// The charts the server draws, with RxReport's own renderers (the ones `rxatlas charts` and
    /// the HTML report use), as SVG documents.
    public enum ChartKind: String, CaseIterable, Sendable {
        /// The funnel plot of the Atlas period (``RxReport/FunnelChart``).
        case funnel
        /// Every unit ranked with its 95% interval (``RxReport/RankedChart``).
        case ranked
        /// The hex map of ICBs or health boards (``RxReport/HexMap``), where most have a value.
        case map
        /// One organisation's months against the deciles of its level (``RxReport/DecileChart``).
        case deciles
    }

    /// What a drawn chart is kept under.
    struct ChartKey: Hashable {
        var period: ClosedRange<YearMonth>, measure: String, level: OrgLevel, nation: String?, org: String?
    }

    /// The chart `kind` of measure `def` at `level` over `period`: the Atlas charts (funnel,
    /// ranked, map) for one nation's units (`nation`, a nation code; the first nation when nil),
    /// or the deciles chart of organisation `org`. Drawn once and kept with the period.
    /// - Throws: ``APIError/badParameter(_:_:)`` for a missing `org` or an unknown `nation`;
    ///   ``APIError/notFound(_:)`` when the measure has no such chart here (a map below ICB level,
    ///   a funnel of a measure with none, an organisation without values).
    public func chart(_ kind: ChartKind, definition def: MeasureDefinition, level: OrgLevel, period: ClosedRange<YearMonth>,
                      nation: String?, org: String?) throws -> String {
        if kind == .deciles {
            guard let org else { throw APIError.badParameter("org", "the deciles chart is of one organisation: give its code") }
            let key = ChartKey(period: period, measure: def.id, level: level, nation: nil, org: org)
            if let hit = chartLock.withLock({ chartCache[key]?[kind] }) { return hit }
            guard let t = try measures(period).values.first(where: { $0.measureID == def.id && $0.level == level && $0.unitIndex(org) != nil }),
                  let chart = DecileChart(values: t, orgCode: org, title: def.name, valueLabel: AtlasCharts.valueLabel(def)) else {
                throw APIError.notFound("no values of '\(def.id)' for '\(org)' at \(MeasureOutput.levelName(level)) level")
            }
            let svg = chart.svg()
            chartLock.withLock { chartCache[key, default: [:]][kind] = svg }
            return svg
        }
        let results = try atlas(period).results.filter { $0.measureID == def.id && $0.level == level }
        guard let r = nation.map({ n in results.first { $0.nation == n } }) ?? results.first else {
            if let nation, !results.isEmpty { throw APIError.badParameter("nation", "no units of nation '\(nation)' in '\(def.id)'") }
            throw APIError.notFound("no Atlas result of '\(def.id)' at \(MeasureOutput.levelName(level)) level")
        }
        let key = ChartKey(period: period, measure: def.id, level: level, nation: r.nation, org: nil)
        var drawn = chartLock.withLock { chartCache[key] }
        if drawn == nil {
            let own = results.count > 1 ? orgs.restricted(toNation: r.nation) : orgs
            // Names as `rxatlas charts` takes them: from the measure's own table.
            var names: [String: String] = [:]
            let table = try measures(period).values.first { $0.measureID == def.id && $0.level == level && $0.nation == r.nation }
            for (code, name) in zip(table?.orgCodes ?? [], table?.orgNames ?? []) { if let name { names[code] = name } }
            let files = try AtlasCharts.render(r, definition: def, names: names, hexLayout: try HexLayout.builtIn(for: own),
                                               nationalLabel: own.nationName, levels: own.levelVocabulary)
            var byKind: [ChartKind: String] = [:]
            for (file, svg) in files {
                if file.hasSuffix("-funnel.svg") { byKind[.funnel] = svg }
                if file.hasSuffix("-ranked.svg") { byKind[.ranked] = svg }
                if file.hasSuffix("-hexmap.svg") { byKind[.map] = svg }
            }
            chartLock.withLock { chartCache[key] = byKind }
            drawn = byKind
        }
        guard let svg = drawn?[kind] else {
            let why = kind == .map ? "maps are drawn for ICBs and health boards when most of them have a value"
                                   : "the measure has no \(kind.rawValue) chart (a funnel needs a rate or a proportion with units that have denominators)"
            throw APIError.notFound("no \(kind.rawValue) chart of '\(def.id)' at \(MeasureOutput.levelName(level)) level: \(why)")
        }
        return svg
    }
}
