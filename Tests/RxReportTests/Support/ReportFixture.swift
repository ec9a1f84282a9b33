import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RxAtlas
import RxData
import RxStats

/// Parses SVG text as XML (failing the test when it is not well-formed) and reads elements back.
struct ParsedSVG {
    let document: XMLDocument

    init(_ svg: String) throws {
        document = try XMLDocument(xmlString: svg, options: [])
    }

    /// Elements by local name anywhere in the document (namespace-agnostic).
    func elements(_ name: String) throws -> [XMLElement] {
        try document.nodes(forXPath: "//*[local-name()='\(name)']").compactMap { $0 as? XMLElement }
    }

    /// Elements by local name whose class list contains `cls`.
    func elements(_ name: String, class cls: String) throws -> [XMLElement] {
        try elements(name).filter { ($0.attr("class") ?? "").split(separator: " ").contains(Substring(cls)) }
    }

    /// The root element.
    var root: XMLElement { document.rootElement()! }
}

extension XMLElement {
    /// An attribute's value. (Looked up through `attributes`: FoundationXML's
    /// `attribute(forName:)` on Linux misses some attributes that are present.)
    func attr(_ name: String) -> String? { attributes?.first { $0.name == name }?.stringValue }
    /// The text of the first `<title>` child.
    var tooltip: String? {
        children?.compactMap { $0 as? XMLElement }.first { $0.localName == "title" || $0.name == "title" }?.stringValue
    }
}

/// Hand-made measure values and their Atlas result for chart tests: 40 practices, 3 months, a
/// proportion measure whose pooled value is about 30%, spread more widely than chance allows
/// (overdispersed), one practice planted far above the rest and one far below, and one practice whose name is hostile markup.
enum ReportFixture {
    static let hostileName = "<script>alert('x')</script> & \"Partners\""
    static let months = [YearMonth(parsing: "2025-01")!, YearMonth(parsing: "2025-02")!, YearMonth(parsing: "2025-03")!]

    static var definition: MeasureDefinition {
        MeasureDefinition(id: "ics_share", name: "ICS share", isPercentage: true, lowIsGood: true, isCostBased: false,
                          numerator: .init(quantity: .items, filter: nil), denominator: .init(quantity: .items, filter: nil),
                          minimumDenominator: 0)
    }

    static func values(units n: Int = 40) -> MeasureValues {
        var codes: [String] = [], names: [String?] = []
        var num: [Double] = [], den: [Double] = [], value: [Double] = [], status: [ValueStatus] = []
        for u in 0..<n {
            codes.append(String(format: "P%05d", u + 1))
            names.append(u == 3 ? hostileName : "Practice \(u + 1)")
            for t in 0..<months.count {
                let d = Double(200 + (u * 37 + t * 11) % 900)
                var share = 0.22 + Double((u * 13) % 17) / 100 + Double(t % 2) / 100
                if u == 7 { share = 0.62 }
                if u == 11 { share = 0.04 }
                let x = (d * share).rounded()
                num.append(x)
                den.append(d)
                value.append(x / d * 100)
                status.append(.defined)
            }
        }
        return MeasureValues(measureID: "ics_share", level: .practice, orgCodes: codes, orgNames: names, months: months,
                             numerator: num, denominator: den, value: value, status: status)
    }

    static func atlas() throws -> AtlasResult {
        try AtlasAnalysis.run(values(), definition: definition, period: months[0]...months[2])
    }

    /// Names by code.
    static var names: [String: String] {
        let v = values()
        return Dictionary(uniqueKeysWithValues: zip(v.orgCodes, v.orgNames.map { $0 ?? "" }))
    }
}

/// Temporary directory removed on release.
final class TempDir {
    let url: URL
    init() {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("rxreport-test-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}

/// The shared reference data beside the project (`../shared/data`), when present.
enum SharedData {
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/data").standardizedFileURL

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
    static func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }
}
