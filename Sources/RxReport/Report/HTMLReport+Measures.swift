import RxAtlas
import RxData
import RxStats

extension HTMLReport {
    /// The Atlas summary: a row per measure × level, and for the key measures the practice
    /// funnel plot, the ICB ranked chart, the ICB hex map and (given boundaries) the choropleth.
    func measuresSection() throws -> String {
        var s = HTML.p("The Atlas-of-Variation summary of every measure at every level: the \(nationName) value, the spread between "
                       + "units and the number of units outside the funnel limits adjusted for overdispersion.")
        var rows: [[HTMLTable.Cell]] = []
        // Key measures first, then the others, each in the library's order.
        let key = Set(keyMeasures())
        for r in data.atlas.results.filter({ key.contains($0.measureID) }) + data.atlas.results.filter({ !key.contains($0.measureID) }) {
            let sm = r.summary
            func count(_ flags: [FunnelFlag]) -> HTMLTable.Cell {
                guard let f = r.funnelAdjusted ?? r.funnel else { return HTMLTable.Cell("–") }
                let n = f.funnel.flags.filter { flags.contains($0) }.count
                return HTMLTable.Cell(String(n), sort: Double(n))
            }
            rows.append([HTMLTable.Cell(measureName(r.measureID)), HTMLTable.Cell(levels.name(r.level)),
                         HTMLTable.Cell(String(r.units.count), sort: Double(r.units.count)),
                         .number(sm?.pooled ?? .nan, digits: 2), .number(sm?.p95ToP5 ?? .nan, digits: 2),
                         .number(r.extremalQuotient ?? .nan, digits: 2), .number(sm?.scvMcPherson ?? .nan, digits: 3),
                         count([.high998]), count([.low998])])
        }
        s += table(HTMLTable(id: "atlas-summary", caption: "Atlas summary, \(data.period.lowerBound)–\(data.period.upperBound)",
                             columns: [("Measure", false), ("Level", false), ("Units", true), (nationName, true), ("P95/P5", true),
                                       ("EQ", true), ("SCV", true), ("High 99.8%", true), ("Low 99.8%", true)],
                             rows: rows, fullTableNote: "rxatlas atlas writes summary.csv"))
        let layout = try HexLayout.builtIn(for: data.orgs)
        for id in keyMeasures() {
            guard let def = definitions[id] else { continue }
            s += "<h3 id=\"measure-\(HTML.identifier(id))\">\(HTML.escape(def.name))</h3>"
            if !def.description.isEmpty { s += HTML.p(def.description) }
            s += "<div class=\"charts\">"
            let label = AtlasCharts.valueLabel(def)
            if let r = data.atlas.results.first(where: { $0.measureID == id && $0.level == .practice }),
               var funnel = FunnelChart(atlas: r, title: def.name, names: practiceNames(), valueLabel: label,
                                        denominatorLabel: AtlasCharts.denominatorLabel(def), levels: levels) {
                funnel.centreLabel = nationName
                s += HTML.figure(funnel.svg())
            }
            if let r = data.atlas.results.first(where: { $0.measureID == id && $0.level == .icb }) {
                let charts = try AtlasCharts.render(r, definition: def, names: data.orgs.names[.icb] ?? [:], hexLayout: layout,
                                                    boundaries: options.boundaries, nationalLabel: nationName, levels: levels)
                for (file, svg) in charts where !file.hasSuffix("-funnel.svg") { s += HTML.figure(svg) }
            }
            s += "</div>"
            s += measureOutlierTable(id)
        }
        let others = Set(data.atlas.results.map(\.measureID)).subtracting(keyMeasures()).sorted()
        if !others.isEmpty {
            s += HTML.p("Other measures are summarised in the table above: " + others.map(measureName).joined(separator: "; ") + ".",
                        className: "note")
        }
        return HTML.section("measures", "Measures", s)
    }

    /// The key measures present in the results, in the options' order.
    func keyMeasures() -> [String] {
        let present = Set(data.atlas.results.map(\.measureID))
        return options.keyMeasures.filter { present.contains($0) }
    }

    /// Practice names by code.
    func practiceNames() -> [String: String] {
        var out: [String: String] = [:]
        for (code, p) in data.orgs.practices { if let n = p.name { out[code] = n } }
        return out
    }

    /// The practices of a key measure outside the 99.8% limits the flags use (adjusted for
    /// overdispersion when the adjustment was applied), furthest first. Numerator and denominator
    /// are headed with their units and shown with the precision they have; z is the z the flag
    /// used, beside the unadjusted one.
    func measureOutlierTable(_ id: String) -> String {
        guard let def = definitions[id], let r = data.atlas.results.first(where: { $0.measureID == id && $0.level == .practice }),
              let f = r.funnelAdjusted ?? r.funnel else { return "" }
        let adjusted = f.summary.adjusted
        let idx = r.units.indices.filter { f.funnel.flags[$0].isOutside998 }
            .sorted { abs(f.funnel.adjustedZ[$0]) > abs(f.funnel.adjustedZ[$1]) }
        let rows: [[HTMLTable.Cell]] = idx.map { i in
            [orgCell(.practice, r.units[i]), .number(r.numerators[i], digits: def.numerator.decimals),
             .number(r.denominators[i], digits: def.denominator.decimals),
             .number(r.numerators[i] / r.denominators[i] * r.multiplier, digits: 2)]
                + (adjusted ? [.number(f.funnel.adjustedZ[i], digits: 2)] : []) + [.number(f.funnel.z[i], digits: 2),
             HTMLTable.Cell(Self.flagText(f.funnel.flags[i]))]
        }
        let limits = adjusted ? "the 99.8% limits adjusted for overdispersion" : "the 99.8% limits"
        return table(HTMLTable(id: "outliers-\(HTML.identifier(id))", caption: "Practices outside \(limits)",
                               columns: [("Practice", false), ("Numerator (\(def.numerator.unit))", true),
                                         ("Denominator (\(def.denominator.unit))", true), ("Value (\(AtlasCharts.valueLabel(def)))", true)]
                                   + (adjusted ? [("z (adjusted; the flag's)", true), ("z (unadjusted)", true)] : [("z", true)])
                                   + [("Flag", false)],
                               rows: rows, fullTableNote: "rxatlas atlas writes every unit to outliers.csv"))
    }
}
