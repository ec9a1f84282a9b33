import Foundation
import Testing
import RxData
@testable import RxAtlas

/// The built-in catalogue checked against what BNF descriptions in the data say, and against the
/// research table `../shared/data/reference/bnf_biosimilars.csv` (skipped when absent).
@Suite struct BiosimilarCatalogueEvidenceTests {
    static let shared = "/work/shared/data"
    static let research = shared + "/reference/bnf_biosimilars.csv"
    static let adq = shared + "/samples/adqs_2016_04_01_bnf_presentations.csv"
    static let epd = ["epd_201709_4practices.csv", "epd_201710_4practices.csv"].map { shared + "/samples/" + $0 }

    /// BNF code → description from every source at hand: the synthetic catalogue (always), the
    /// 2016 ADQ table and the 2017 EPD sample (when ../shared is present).
    static func descriptions() throws -> [String: String] {
        var out: [String: String] = [:]
        func add(_ path: String, code: String, name: String) throws {
            guard FileManager.default.fileExists(atPath: path) else { return }
            let records = try CSVRecordReader.read(path: path)
            let header = CSVHeader(records[0])
            let c = header.index(of: code)!, n = header.index(of: name)!
            for r in records.dropFirst() { out[r.trimmed(c)] = r.trimmed(n) }
        }
        let root = try BiosimilarCatalogue.builtIn().source
        let reference = URL(fileURLWithPath: root).deletingLastPathComponent().appendingPathComponent("synth_catalogue.csv").path
        try add(reference, code: "bnf_code", name: "bnf_name")
        try add(adq, code: "BNF Code", name: "BNF Name")
        for f in epd { try add(f, code: "BNF_CODE", name: "BNF_DESCRIPTION") }
        return out
    }

    @Test func verifiedBrandsAppearInTheDescriptions() throws {
        let catalogue = try BiosimilarCatalogue.builtIn()
        let names = try Self.descriptions()
        #expect(!names.isEmpty)
        for e in catalogue.entries {
            guard let product = e.product else { continue }
            let prefix = e.chemical + product
            let seen = names.filter { $0.key.hasPrefix(prefix) }
            if e.status == "verified" {
                #expect(!seen.isEmpty, "line \(e.line): \(prefix) has no description in the data")
                if product != "AA", let word = e.brand.split(separator: " ").first {
                    #expect(seen.values.contains { $0.lowercased().contains(word.lowercased()) },
                            "line \(e.line): brand \(e.brand) not in \(seen.values.sorted())")
                }
            } else {
                // Rows not verified must really lack a description, or the status is stale.
                #expect(seen.isEmpty, "line \(e.line): \(prefix) is described (\(seen.values.sorted())) but marked \(e.status)")
            }
        }
    }

    /// Where the catalogue departs from the research table, and why (docs/BIOSIMILARS.md).
    static let departures: [String: String] = [
        "0601012V0AAAEAE": "generic glargine 300 units/ml (Toujeo strength): excluded, no biosimilar",
        "0601011L0AAAGAG": "200 units/ml generic lispro: excluded (no biosimilar at that concentration)",
        "0601011L0BBAHAG": "Humalog 200 units/ml: excluded, not an originator to switch",
        "0601011L0BDAAAG": "code-only lispro biosimilar row at 200 units/ml: excluded with its strength",
        "0606020Z0AAABAB": "generic denosumab 120 mg: excluded with Xgeva",
        "0606020Z0AAACAC": "generic denosumab 120 mg: excluded with Xgeva",
        "0606020Z0BCAAAB": "Xgeva: excluded",
        "0606020Z0BCABAC": "Xgeva: excluded",
    ]

    @Test(.enabled(if: FileManager.default.fileExists(atPath: research)))
    func agreesWithTheResearchTableOrSaysWhy() throws {
        let catalogue = try BiosimilarCatalogue.builtIn()
        let records = try CSVRecordReader.read(path: Self.research)
        let header = CSVHeader(records[0])
        let codeColumn = header.index(of: "bnf_code")!, roleColumn = header.index(of: "role")!
        var checked = 0
        for r in records.dropFirst() {
            let code = r.trimmed(codeColumn)
            guard let bnf = BNFCode(code), code.count == 15 else { continue }
            let role = r.trimmed(roleColumn).lowercased()
            let expected: BiosimilarRole? =
                role.contains("not a biosimilar") || role.contains("no biosimilar") || role.contains("oncology") ? .excluded
                : role.hasPrefix("biosimilar") ? .biosimilar
                : role.hasPrefix("originator") ? .originator
                : role == "n/a" ? .generic : nil
            guard let cls = catalogue.classify(bnf) else {
                // Only ustekinumab (a generic-level code, no brand known) is left out.
                #expect(code.hasPrefix("1305030D0"), "\(code) is not catalogued")
                continue
            }
            checked += 1
            if let why = Self.departures[code] {
                #expect(cls.role == .excluded, "\(code): \(why)")
            } else {
                #expect(cls.role == expected, "\(code): research says \(role), catalogue \(cls.role)")
            }
        }
        #expect(checked > 90)
    }
}
