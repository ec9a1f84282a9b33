import Foundation
import RxAtlas
import RxData
import RxStats

extension HTMLReport {
    /// How many key measures each ICB entry draws month by month.
    static let icbTimeSeries = 2

    /// The levels with organisation entries and search-index rows.
    static let orgLevels: [OrgLevel] = [.icb, .subICB, .pcn, .practice]

    /// What each organisation stands out for: funnel flags outside the adjusted 99.8% limits,
    /// ranked steroid outliers, chemical shares with z ≥ 3, and biosimilar savings.
    func collectFindings() -> [OrgKey: [String]] {
        var out: [OrgKey: [String]] = [:]
        let nation = nationName
        for r in data.atlas.results where Self.orgLevels.contains(r.level) {
            guard let f = r.funnelAdjusted ?? r.funnel else { continue }
            let england = ReportFormat.number(r.summary?.pooled ?? .nan, digits: 2)
            for i in r.units.indices where f.funnel.flags[i].isOutside998 {
                let v = ReportFormat.number(r.numerators[i] / r.denominators[i] * r.multiplier, digits: 2)
                out[OrgKey(level: r.level, code: r.units[i]), default: []]
                    .append("\(measureName(r.measureID)): \(v) (\(nation) \(england)), \(Self.flagText(f.funnel.flags[i]))")
            }
        }
        for o in data.steroids.ranked {
            out[OrgKey(level: o.row.level, code: o.row.orgCode), default: []]
                .append("Steroids, \(measureName(o.row.measureID)): high outlier ranked \(o.rank), excess \(ReportFormat.number(o.row.excess, digits: 0)) items")
        }
        for r in data.chemicalOutliers where r.rankHigh != nil && !r.lowNumber && !r.fewUnits && r.z >= 3 {
            out[OrgKey(level: r.level, code: r.orgCode), default: []]
                .append("Chemical share: \(r.chemicalName) \(ReportFormat.percent(r.ratio, digits: 1)) of its sub-paragraph (z \(ReportFormat.number(r.z, digits: 2)))")
        }
        if let b = data.biosimilars {
            for level in Self.orgLevels {
                for t in biosimilarTotals(level: level) where t.target > 0 {
                    out[OrgKey(level: level, code: t.code), default: []]
                        .append("Biosimilars: \(ReportFormat.pounds(t.target)) a year at \(ReportFormat.percent(b.options.targetUptake)) uptake (full switch \(ReportFormat.pounds(t.full)))")
                }
            }
        }
        return out
    }

    /// Which organisations get an entry: every ICB with practices or results, and the practices
    /// flagged most often (biosimilar savings alone do not count), at most
    /// ``ReportOptions/maximumPracticeEntries``.
    func chooseAnchors() -> [OrgLevel: [String: String]] {
        var out: [OrgLevel: [String: String]] = [:]
        for code in icbCodes() { out[.icb, default: [:]][code] = "org-icb-" + HTML.identifier(code) }
        for code in entryPractices() { out[.practice, default: [:]][code] = "org-practice-" + HTML.identifier(code) }
        return out
    }

    /// The ICB codes: from the directory and from ICB-level results.
    func icbCodes() -> [String] {
        var codes = Set(data.orgs.practices.values.compactMap { $0.parents[.icb] })
        for r in results(at: .icb) { codes.formUnion(r.units) }
        return codes.sorted()
    }

    /// Whether a finding is a flag: outside a measure's adjusted 99.8% limits or a ranked steroid
    /// outlier. Biosimilar savings and chemical shares are findings, not flags (with hundreds of
    /// chemicals nearly every practice has some z ≥ 3).
    static func isFlag(_ finding: String) -> Bool {
        !finding.hasPrefix("Biosimilars:") && !finding.hasPrefix("Chemical share:")
    }

    /// The practices with an entry: those flagged at least once, most flags first, at most
    /// ``ReportOptions/maximumPracticeEntries``.
    func entryPractices() -> [String] {
        var counts: [String: Int] = [:]
        for (key, list) in findings where key.level == .practice {
            let n = list.filter(Self.isFlag).count
            if n > 0 { counts[key.code] = n }
        }
        return counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(options.maximumPracticeEntries).map(\.key)
    }

    /// The organisations section: an entry per ICB and per flagged practice.
    func organisationsSection() -> String {
        let practiceEntries = anchors[.practice]?.count ?? 0
        var s = HTML.p("An entry for each \(levels.name(.icb)) and for each practice flagged outside a measure's adjusted 99.8% limits or ranked "
                       + "as a steroid outlier (\(practiceEntries) practice\(practiceEntries == 1 ? "" : "s")"
                       + (practiceEntries == options.maximumPracticeEntries ? ", the most flagged first" : "")
                       + "). Entries are closed until opened. Every practice, \(levels.name(.pcn)), \(levels.name(.subICB)) and \(levels.name(.icb)) "
                       + "is in the search box's index, "
                       + "which shows its findings on demand.")
        var practicesByICB: [String: [String]] = [:]
        for code in (anchors[.practice] ?? [:]).keys.sorted() {
            practicesByICB[data.orgs.practices[code]?.parents[.icb] ?? "", default: []].append(code)
        }
        let groups = ICBGroups(self)
        for code in icbCodes() { s += icbEntry(code, groups: groups, flaggedPractices: practicesByICB[code] ?? []) }
        s += "<h3>Flagged practices</h3>"
        let practices = entryPractices()
        if practices.isEmpty { s += HTML.p("No practice was flagged in the period.", className: "muted") }
        for code in practices { s += practiceEntry(code) }
        return HTML.section("organisations", "Organisations", s)
    }

    /// The rows of each ICB's entry, grouped once for all ICBs.
    struct ICBGroups {
        var practices: [String: Int] = [:]
        var biosimilars: [String: [BiosimilarOpportunity]] = [:]
        var nationalUptake: [String: Double] = [:]
        var topPractices: [String: [BiosimilarTotal]] = [:]
        var steroids: [String: [SteroidOutlierRow]] = [:]
        var chemical: [String: [ChemicalOutlierRow]] = [:]

        init(_ report: HTMLReport) {
            let data = report.data
            for p in data.orgs.practices.values { if let icb = p.parents[.icb] { practices[icb, default: 0] += 1 } }
            for r in data.biosimilars?.opportunities ?? [] {
                if r.level == .icb { biosimilars[r.orgCode, default: []].append(r) }
                if r.level == .nation { nationalUptake[r.molecule] = r.uptake }
            }
            for t in report.biosimilarTotals(level: .practice) where t.target > 0 {
                if let icb = data.orgs.practices[t.code]?.parents[.icb] { topPractices[icb, default: []].append(t) }
            }
            for r in data.steroids.rows where r.isPeriod && r.level == .icb { steroids[r.orgCode, default: []].append(r) }
            for r in data.chemicalOutliers where r.level == .icb && r.rankHigh != nil && !r.fewUnits {
                chemical[r.orgCode, default: []].append(r)
            }
        }
    }

    /// An ICB's entry: its value on every measure, biosimilar brief, steroid rows and chemical
    /// outliers, and its flagged practices.
    func icbEntry(_ code: String, groups: ICBGroups, flaggedPractices: [String]) -> String {
        let id = anchors[.icb]?[code] ?? "org-icb-" + HTML.identifier(code)
        var s = "<details class=\"org\" id=\"\(id)\"><summary><h3>\(HTML.escape(name(.icb, code))) (\(HTML.escape(code))) — \(levels.name(.icb))</h3></summary>"
        let practices = groups.practices[code] ?? 0
        s += HTML.p("\(practices) practices in the directory.", className: "muted")
        var rows: [[HTMLTable.Cell]] = []
        for r in results(at: .icb) {
            guard let i = r.units.firstIndex(of: code) else { continue }
            let values = r.units.indices.map { r.numerators[$0] / r.denominators[$0] }
            let rank = CompetitionRank.rank(of: i, in: values)
            let flag = (r.funnelAdjusted ?? r.funnel).map { Self.flagText($0.funnel.flags[i]) } ?? ""
            rows.append([HTMLTable.Cell(measureName(r.measureID)), .number(values[i] * r.multiplier, digits: 2),
                         .number(r.summary?.pooled ?? .nan, digits: 2),
                         HTMLTable.Cell(rank?.text ?? "–", sort: Double(rank?.rank ?? Int.max)), HTMLTable.Cell(flag)])
        }
        s += table(HTMLTable(id: "\(id)-measures", caption: "Measures",
                             columns: [("Measure", false), ("Value", true), (nationName, true), ("Rank (highest first; = shared)", true), ("Flag", false)],
                             rows: rows))
        // The key measures month by month against the deciles of all ICBs.
        var series = ""
        for values in data.icbMonthly.prefix(Self.icbTimeSeries) {
            guard let def = definitions[values.measureID],
                  let chart = DecileChart(values: values, orgCode: code, title: def.name, valueLabel: AtlasCharts.valueLabel(def)) else { continue }
            series += HTML.figure(chart.svg())
        }
        if !series.isEmpty { s += "<div class=\"charts\">\(series)</div>" }
        if let b = data.biosimilars {
            let mine = groups.biosimilars[code] ?? []
            if !mine.isEmpty {
                let national = groups.nationalUptake
                let target = ReportFormat.percent(b.options.targetUptake)
                s += table(HTMLTable(id: "\(id)-biosimilars", caption: "Biosimilars (a year)",
                                     columns: Self.biosimilarColumns(target) + [("National uptake", true), ("Why no saving", false)],
                                     rows: mine.map { r in
                                         biosimilarCells(r, b) + [HTMLTable.Cell(ReportFormat.percent(national[r.molecule] ?? .nan)),
                                                                  HTMLTable.Cell(b.noSavingReason(r) ?? "")]
                                     }))
                s += sensitivityTable(mine, id: "\(id)-sensitivity", caption: "Sensitivity (a year, all molecules)")
                let top = (groups.topPractices[code] ?? []).prefix(BiosimilarBrief.topPractices)
                if !top.isEmpty {
                    s += "<h4>Top practices by biosimilar saving</h4><ul>"
                    for t in top {
                        s += "<li>\(cellHTML(orgCell(.practice, t.code))): \(HTML.escape(ReportFormat.pounds(t.target))) a year "
                            + "(full switch \(HTML.escape(ReportFormat.pounds(t.full))))</li>"
                    }
                    s += "</ul>"
                }
            }
        }
        let steroidRows = groups.steroids[code] ?? []
        if !steroidRows.isEmpty {
            s += table(HTMLTable(id: "\(id)-steroids", caption: "Steroid measures",
                                 columns: [("Measure", false), ("Value", true), ("National", true), ("Excess items", true), ("Flag", false)],
                                 rows: steroidRows.map { r in
                                     [HTMLTable.Cell(measureName(r.measureID)), .number(r.value, digits: 2), .number(r.national, digits: 2),
                                      .number(r.excess, digits: 0), HTMLTable.Cell(r.excludedReason.isEmpty ? Self.flagText(r.flagAdjusted) : r.excludedReason)]
                                 }))
        }
        let chem = groups.chemical[code] ?? []
        if !chem.isEmpty {
            s += table(HTMLTable(id: "\(id)-chemical", caption: "Highest chemical shares",
                                 columns: [("Chemical", false), ("Ratio", true), ("Mean", true), ("z", true)],
                                 rows: chem.map { r in
                                     [HTMLTable.Cell("\(r.chemicalName) (\(r.chemical))"), .number(r.ratio, digits: 3), .number(r.mean, digits: 3),
                                      .number(r.z, digits: 2)]
                                 }))
        }
        if !flaggedPractices.isEmpty {
            s += "<h4>Flagged practices</h4><p>" + flaggedPractices.map { cellHTML(orgCell(.practice, $0)) }.joined(separator: " · ") + "</p>"
        }
        return s + "</details>\n"
    }

    /// A practice's compact entry: its parents and findings.
    func practiceEntry(_ code: String) -> String {
        let id = anchors[.practice]?[code] ?? ""
        let list = findings[OrgKey(level: .practice, code: code)] ?? []
        let flags = list.filter(Self.isFlag).count
        var s = "<details class=\"org\" id=\"\(id)\"><summary><h4>\(HTML.escape(name(.practice, code))) (\(HTML.escape(code)))"
            + " — \(flags) flag\(flags == 1 ? "" : "s")</h4></summary>"
        if let icb = data.orgs.practices[code]?.parents[.icb] { s += "<p class=\"muted\">\(levels.title(.icb)): \(cellHTML(orgCell(.icb, icb)))</p>" }
        s += "<ul>" + list.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        return s + "</details>\n"
    }

    /// A cell's text, linked when it has an anchor.
    func cellHTML(_ c: HTMLTable.Cell) -> String {
        c.anchor.map { "<a href=\"#\(HTML.escape($0))\">\(HTML.escape(c.text))</a>" } ?? HTML.escape(c.text)
    }

    /// One search-index row.
    struct IndexEntry: Encodable {
        /// Code, name, level, parent ICB, anchor (empty when none) and findings.
        var c: String, n: String, l: String, p: String, a: String, f: [String]
    }

    /// The search index: every organisation of the directory and of the results at the entry
    /// levels, with its findings, as JSON.
    func searchIndexJSON() -> String {
        var entries: [IndexEntry] = []
        for level in Self.orgLevels {
            var codes = Set(data.orgs.names[level]?.keys.map { $0 } ?? [])
            if level == .practice { codes.formUnion(data.orgs.practices.keys) }
            if level == .icb { codes.formUnion(icbCodes()) }
            for r in results(at: level) { codes.formUnion(r.units) }
            for code in codes.sorted() {
                let icb = level == .icb ? nil : data.orgs.practices[code]?.parents[.icb]
                entries.append(IndexEntry(c: HTML.plain(code), n: HTML.plain(name(level, code)), l: MeasureOutput.levelName(level),
                                          p: icb.map { HTML.plain("\(name(.icb, $0)) (\($0))") } ?? "", a: anchors[level]?[code] ?? "",
                                          f: (findings[OrgKey(level: level, code: code)] ?? []).map(HTML.plain)))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
