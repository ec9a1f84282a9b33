import Foundation
import RxAtlas
import RxData
import RxStats

/// The self-contained HTML report of `rxatlas report`: one file with inline SVG charts, CSS and
/// a small script (table sorting and paging, the organisation search), and no reference to
/// anything outside it.
///
/// Sections: `overview`, `measures`, `biosimilars`, `steroids`, `chemical-outliers`,
/// `organisations` (a full entry per ICB, a compact one for the most flagged practices, and a
/// JSON index of every organisation the search box reads) and `methods`.
public struct HTMLReport {
    /// The computed results.
    public let data: ReportData
    /// The options.
    public let options: ReportOptions
    /// Measure definitions by id.
    let definitions: [String: MeasureDefinition]
    /// The organisation anchors that exist, by level and code.
    var anchors: [OrgLevel: [String: String]] = [:]
    /// The findings per organisation (level, code) for the entries and the search index.
    var findings: [OrgKey: [String]] = [:]
    /// Biosimilar savings per organisation, by level.
    var biosimilarTotalsByLevel: [OrgLevel: [BiosimilarTotal]] = [:]

    /// An organisation at a level.
    struct OrgKey: Hashable {
        var level: OrgLevel
        var code: String
    }

    /// Prepares the report of `data`.
    public init(_ data: ReportData, options: ReportOptions = ReportOptions()) {
        self.data = data
        self.options = options
        definitions = Dictionary(data.definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for level in Self.orgLevels { biosimilarTotalsByLevel[level] = Self.biosimilarTotals(data.biosimilars, level: level) }
        findings = collectFindings()
        anchors = chooseAnchors()
    }

    /// The report as one HTML document.
    ///
    /// A period holding two nations' prescribing is reported one nation at a time: each nation's
    /// view is the whole report of ``ReportData/restricted(to:)`` (rankings, deciles, funnels and
    /// national values are within the nation), with a switch between them; the views not shown
    /// wait in `<template>` elements, so the page's ids stay unique. ``ReportOptions/nation``
    /// picks one nation's report alone.
    /// - Throws: ``RxData/InputError`` when ``ReportOptions/nation`` names a nation the period
    ///   does not hold.
    public func html() throws -> String {
        let period = "\(data.period.lowerBound) to \(data.period.upperBound)"
        var nations = data.nations
        if let wanted = options.nation { nations = [try data.nation(named: wanted)] }
        let views = nations.count > 1 || options.nation != nil
            ? nations.map { (code: $0, name: data.nationName($0), report: HTMLReport(data.restricted(to: $0), options: options)) }
            : [(code: nations.first ?? "", name: nationName, report: self)]
        let title = views.map(\.name).joined(separator: " and ")
        var s = "<!DOCTYPE html>\n<html lang=\"en-GB\"><head><meta charset=\"utf-8\">"
        s += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        s += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        s += "<title>RxAtlas prescribing variation report, \(HTML.escape(views.count > 1 ? title + ", " : ""))\(HTML.escape(period))</title>"
        s += "<style>\(ReportAssets.css)</style></head><body>"
        if views.count > 1 {
            s += "<nav class=\"nation-switch\" aria-label=\"Nation\"><span class=\"muted\">Each nation is reported on its own: "
            s += "its rankings, deciles, funnels and national values compare its own organisations.</span> "
            for (k, v) in views.enumerated() {
                s += "<button type=\"button\" data-nation=\"\(HTML.escape(v.code))\" aria-pressed=\"\(k == 0)\">\(HTML.escape(v.name))</button>"
            }
            s += "</nav>"
        }
        s += "<div id=\"report-view\" data-nation=\"\(HTML.escape(views[0].code))\">" + (try views[0].report.view()) + "</div>\n"
        for v in views.dropFirst() {
            s += "<template data-nation=\"\(HTML.escape(v.code))\">" + (try v.report.view()) + "</template>\n"
        }
        if views.count > 1 { s += "<template data-nation=\"\(HTML.escape(views[0].code))\"></template>\n" }
        s += "<script>\(ReportAssets.js)</script></body></html>\n"
        return s
    }

    /// One nation's report: the header with its contents and search box, the sections, and the
    /// organisation index the search reads.
    func view() throws -> String {
        let period = "\(data.period.lowerBound) to \(data.period.upperBound)"
        var s = "<header class=\"top\"><h1>Prescribing variation, \(HTML.escape(nationName == "National" ? "" : nationName + ", "))"
        s += "\(HTML.escape(period))</h1><nav class=\"toc\" aria-label=\"Sections\">"
        for (id, title) in Self.sections { s += "<a href=\"#\(id)\">\(title)</a>" }
        s += "</nav><div style=\"position:relative\"><label for=\"org-search\" class=\"muted\">Find an organisation </label>"
        s += "<input id=\"org-search\" type=\"search\" placeholder=\"Name or code of a practice, \(levels.name(.pcn)), \(levels.name(.subICB)) or \(levels.name(.icb))\" size=\"48\" autocomplete=\"off\">"
        s += "<div id=\"search-results\" role=\"listbox\"></div></div></header><main><div id=\"org-card\" aria-live=\"polite\"></div>\n"
        s += coverageBanner()
        s += overviewSection()
        s += try measuresSection()
        s += biosimilarsSection()
        s += steroidsSection()
        s += chemicalSection()
        s += organisationsSection()
        s += methodsSection()
        s += "</main><script type=\"application/json\" id=\"org-index\">\(HTML.scriptSafeJSON(searchIndexJSON()))</script>"
        return s
    }

    /// Writes the report to `path` atomically.
    public func write(to path: String) throws {
        try AtomicFile.write(try html(), to: path)
    }

    /// The sections' ids and titles, in order.
    static let sections = [("overview", "Overview"), ("measures", "Measures"), ("biosimilars", "Biosimilars"),
                           ("steroids", "Steroids"), ("chemical-outliers", "Chemical outliers"),
                           ("organisations", "Organisations"), ("methods", "Methods and data")]

    /// A table with the report's row limits.
    func table(_ t: HTMLTable) -> String { t.html(maximumRows: options.maximumTableRows, pageRows: options.pageRows) }

    /// The name of an organisation, or its code.
    func name(_ level: OrgLevel, _ code: String) -> String {
        if level == .practice, let n = data.orgs.practices[code]?.name { return n }
        return data.orgs.names[level]?[code] ?? code
    }

    /// A cell naming an organisation, linked to its entry when it has one.
    func orgCell(_ level: OrgLevel, _ code: String) -> HTMLTable.Cell {
        HTMLTable.Cell("\(name(level, code)) (\(code))", anchor: anchors[level]?[code])
    }

    /// What the data's nations call their levels (a Scottish report says health board, HSCP and
    /// GP cluster).
    var levels: LevelVocabulary { data.orgs.levelVocabulary }

    /// The nation the report covers, named from the data: the name of the nation every prescriber
    /// of the directory sits in, or "National" when they sit in several or none is known.
    var nationName: String { data.orgs.nationName }

    /// The measure's name.
    func measureName(_ id: String) -> String { definitions[id]?.name ?? id }

    /// The Atlas results at a level.
    func results(at level: OrgLevel) -> [AtlasResult] { data.atlas.results.filter { $0.level == level } }

    /// "high (99.8%)" style text of a flag.
    static func flagText(_ f: FunnelFlag?) -> String {
        switch f {
        case .high998?: return "high (99.8%)"
        case .high95?: return "high (95%)"
        case .low95?: return "low (95%)"
        case .low998?: return "low (99.8%)"
        default: return ""
        }
    }
}
