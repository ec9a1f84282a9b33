import Foundation
import RxAtlas
import RxData

extension HTMLReport {
    /// Methods and data provenance: the store, its ingests with input files and checksums, the
    /// months, the options, every measure definition, the software version and the timings.
    /// Whether any measure of the report divides by a list size.
    var hasPerThousandMeasures: Bool {
        data.definitions.contains(where: \.usesListSize)
    }

    /// A banner at the top of the page when the analyses could not see everything.
    func coverageBanner() -> String {
        guard let c = data.coverage else { return "" }
        let warnings = c.warnings(perThousand: hasPerThousandMeasures)
        guard !warnings.isEmpty else { return "" }
        return "<div class=\"banner\" role=\"note\" id=\"coverage-banner\"><strong>Incomplete data.</strong> "
            + warnings.map(HTML.escape).joined(separator: "; ") + ". <a href=\"#coverage\">Coverage</a></div>"
    }

    /// The coverage of the period, month by month, and the standard-practice rule.
    func coverageSection() -> String {
        guard let c = data.coverage else { return "" }
        var s = "<h3 id=\"coverage\">Coverage</h3>"
        s += HTML.p("Standard GP practices: " + Coverage.standardPracticeRule + ". List sizes: a month without its own extract "
                    + "takes the nearest earlier one up to \(c.listSizeCarry) months before (carried).")
        let warnings = c.warnings(perThousand: hasPerThousandMeasures)
        s += warnings.isEmpty ? HTML.p("Every month of the period has prescribing, list sizes and both cost columns.", className: "muted")
            : "<ul>" + warnings.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        s += table(HTMLTable(id: "coverage-months", caption: "Coverage by month",
                             columns: [("Month", false), ("Standard GP practices", true), ("Other practices", true),
                                       ("Unidentified buckets", true), ("Non-practice prescribers", true), ("List sizes", false),
                                       ("Actual cost", false)],
                             rows: c.months.map { m in
                                 [HTMLTable.Cell(m.month.description), .number(Double(m.standardPractices), digits: 0),
                                  .number(Double(m.otherPractices), digits: 0), .number(Double(m.unidentified), digits: 0),
                                  .number(Double(m.nonPractice), digits: 0), HTMLTable.Cell(m.listSizes.description),
                                  HTMLTable.Cell(m.published.has(.actualCost) ? "yes" : "no")]
                             }))
        return s
    }

    /// Months as text: a run of consecutive months as "2025-01–2025-12", others listed.
    static func monthList(_ months: [YearMonth]) -> String {
        var parts: [String] = []
        var i = 0
        let m = months.sorted()
        while i < m.count {
            var j = i
            while j + 1 < m.count && m[j + 1] == m[j].advanced(by: 1) { j += 1 }
            parts.append(j > i ? "\(m[i])–\(m[j])" : m[i].description)
            i = j + 1
        }
        return parts.joined(separator: ", ")
    }

    func methodsSection() -> String {
        let m = data.manifest
        var s = "<h3>Data</h3>"
        s += HTML.p("Store \(data.storePath): format \(m.formatVersion), written by rxatlas \(m.softwareVersion); "
                    + "\(m.months.count) months (\(m.months.first?.description ?? "–")–\(m.months.last?.description ?? "–")); "
                    + "this report covers \(data.period.lowerBound)–\(data.period.upperBound).")
        var inputs: [[HTMLTable.Cell]] = []
        let iso = ISO8601DateFormatter()
        for e in m.ingests {
            for f in e.inputs {
                // The months this file holds ("–" for files that hold none, such as an org mapping);
                // never the whole run's months against every file.
                let months = f.months.map { $0.isEmpty ? "none" : Self.monthList($0) }
                    ?? (e.inputs.count == 1 ? Self.monthList(e.monthsWritten) : "–")
                inputs.append([HTMLTable.Cell(iso.string(from: e.time)), HTMLTable.Cell(e.softwareVersion), HTMLTable.Cell(f.path),
                               HTMLTable.Cell(ReportFormat.number(Double(f.size), digits: 0), sort: Double(f.size)),
                               HTMLTable.Cell(f.checksum), HTMLTable.Cell(months)])
            }
        }
        s += table(HTMLTable(id: "provenance", caption: "Input files (store provenance; checksum XXH64)",
                             columns: [("Ingested", false), ("Software", false), ("File", false), ("Bytes", true), ("Checksum", false),
                                       ("Months in the file", false)],
                             rows: inputs, fullTableNote: "rxatlas store info lists every ingest"))
        s += coverageSection()
        s += "<h3>Methods</h3><ul>"
        let o = options
        s += "<li>Measures: Σ numerator / Σ denominator over standard GP practices; per-1,000 measures need a list of at least "
            + "\(o.kernelOptions.minimumListSize) patients. Funnel limits 95% and 99.8% (Spiegelhalter), widened for overdispersion "
            + "(multiplicative or additive random effects) where φ &gt; 1. docs/MEASURES.md, docs/STATISTICS.md.</li>"
        s += "<li>Steroids: \(HTML.escape(o.steroidOptions.overdispersion.rawValue)) overdispersion adjustment; small-number rule "
            + "\(ReportFormat.number(o.steroidOptions.minimumItems, digits: 0)) items; persistent when outside the adjusted 99.8% limit in "
            + "\(o.steroidOptions.persistenceCount) of the last \(o.steroidOptions.persistenceMonths) months.</li>"
        s += "<li>Biosimilars: built-in catalogue (RxAtlas's bundled reference/biosimilars.csv), target uptake "
            + "\(ReportFormat.percent(o.biosimilarOptions.targetUptake)), price per unit at the \(Int(o.biosimilarOptions.pricePerUnitCentile))th "
            + "percentile. docs/BIOSIMILARS.md.</li>"
        s += "<li>Chemical outliers: OpenPrescribing's static method over the report's period, top \(o.chemicalOptions.top) per organisation, "
            + "low numbers under \(ReportFormat.number(o.chemicalOptions.lowNumberItems, digits: 0)) items.</li></ul>"
        // The definitions hold every BNF filter: long, and wanted only when checking a measure,
        // so they are closed until opened.
        s += "<details class=\"definitions\"><summary>Measure definitions used (\(data.definitions.count)): numerator and "
            + "denominator BNF filters</summary>"
        s += table(HTMLTable(id: "definitions", caption: "Measure definitions used",
                             columns: [("Id", false), ("Name", false), ("Numerator", false), ("Denominator", false), ("Description", false)],
                             rows: data.definitions.map { d in
                                 [HTMLTable.Cell(d.id), HTMLTable.Cell(d.name), HTMLTable.Cell(Self.side(d.numerator)),
                                  HTMLTable.Cell(Self.side(d.denominator)), HTMLTable.Cell(d.description)]
                             }))
        s += "</details>"
        s += "<h3>Software</h3>"
        s += HTML.p("Generated by rxatlas \(o.softwareVersion) on \(iso.string(from: Date())). Analysis times: "
                    + data.timings.map { "\($0.name) \(String(format: "%.2f", $0.seconds)) s" }.joined(separator: ", ") + ".")
        return HTML.section("methods", "Methods and data", s)
    }

    /// A definition side as text: its quantity and BNF filter.
    static func side(_ side: MeasureDefinition.Side) -> String {
        side.quantity.rawValue + (side.filter.map { ": " + $0.description } ?? "")
    }
}
