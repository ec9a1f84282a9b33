import Foundation
import Testing
import RxData
@testable import RxAtlas

/// The built-in library in `Sources/RxReference/reference/measures`, checked against real BNF codes.
@Suite struct BuiltInMeasureLibraryTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let libraryDir = root.appendingPathComponent("Sources/RxReference/reference/measures").path
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared/data").path
    static var hasShared: Bool { FileManager.default.fileExists(atPath: shared + "/reference/bnf_ics_dose.csv") }

    static func library() throws -> [String: MeasureDefinition] {
        Dictionary(uniqueKeysWithValues: try MeasureLibrary.builtIn(directory: libraryDir).map { ($0.id, $0) })
    }

    static func code(_ s: String) -> BNFCode { BNFCode(s)! }

    @Test func loadsAtLeastTwentyWithUniqueIdsAndParsedFilters() throws {
        let list = try MeasureLibrary.builtIn(directory: Self.libraryDir)
        #expect(list.count >= 20)
        #expect(Set(list.map(\.id)).count == list.count)
        for m in list {
            #expect(!m.description.isEmpty && m.description.contains("Source"), "\(m.id) states its source")
            #expect(m.numerator.filter != nil, "\(m.id) numerator has a filter")
            #expect((m.denominator.quantity == .listSize) == (m.denominator.filter == nil), "\(m.id)")
            if m.isCostBased { #expect(m.numerator.quantity == .actualCost || m.numerator.quantity == .nic, "\(m.id)") }
        }
        // The same directory is found by searching when no directory is given.
        #expect(try MeasureLibrary.builtIn().count == list.count)
    }

    @Test func highDoseICSFollowsThePublishedThresholds() throws {
        let lib = try Self.library()
        let m = try #require(lib["ics_high_dose"])
        let high = try #require(m.numerator.filter), all = try #require(m.denominator.filter)
        // (code from the EPD 2017 sample / NHSBSA April 2016 list, high dose?)
        let cases: [(String, Bool)] = [
            ("0302000C0BPACBV", false), // Clenil Modulite 200 mcg: standard beclometasone, below 250
            ("0302000C0BQABBZ", true),  // Fostair 200/6: extrafine beclometasone/formoterol, >= 200
            ("0302000C0BRABCA", true),  // Fostair NEXThaler 200/6
            ("0302000C0BQAABX", false), // Fostair 100/6
            ("0302000C0BPADBW", true),  // Clenil Modulite 250 mcg
            ("0302000C0BNAABU", false), // Easyhaler beclometasone 200 mcg (standard)
            ("0302000K0BHABAU", true),  // DuoResp Spiromax 320/9
            ("0302000K0BHAAAM", false), // DuoResp Spiromax 160/4.5
            ("0302000K0BBAIAH", true),  // Pulmicort Turbohaler 400
            ("0302000N0BCACAZ", true),  // Seretide 500 Accuhaler (DPI >= 500)
            ("0302000N0BCABAY", false), // Seretide 250 Accuhaler (DPI below 500)
            ("0302000N0BCAFBG", true),  // Seretide 250 Evohaler (pMDI >= 250)
            ("0302000N0BDABBK", true),  // Flutiform 250/10
            ("0302000U0AAABAB", true),  // ciclesonide 160
            ("0302000U0AAAAAA", false), // ciclesonide 80
            ("0302000V0BBAAAA", true),  // Relvar Ellipta 184/22
            ("0302000V0BBABAB", false), // Relvar Ellipta 92/22
            ("0302000R0AAACAC", false), // mometasone 400: threshold is > 400
        ]
        for (c, isHigh) in cases {
            #expect(high.matches(Self.code(c)) == isHigh, "\(c)")
            #expect(all.matches(Self.code(c)), "\(c) in the ICS denominator")
        }
        #expect(!all.matches(Self.code("0302000N0BBAVAV")))  // Flixotide Nebules
        #expect(!all.matches(Self.code("0302000K0BBAGAI")))  // Pulmicort Respules
        #expect(!all.matches(Self.code("0301011R0BEAIAP")))  // Ventolin
    }

    @Test(.enabled(if: BuiltInMeasureLibraryTests.hasShared, "needs ../shared/data/reference"))
    func highDoseICSAgreesWithTheReferenceTableForEveryPresentation() throws {
        let lib = try Self.library()
        let m = try #require(lib["ics_high_dose"])
        let high = try #require(m.numerator.filter), all = try #require(m.denominator.filter)
        let rows = try Self.csv(Self.shared + "/reference/bnf_ics_dose.csv")
        #expect(rows.count > 150)
        for r in rows {
            let c = Self.code(r["bnf_code"]!)
            if r["device"] == "nebuliser" {
                #expect(!all.matches(c), "\(c) nebuliser excluded")
                continue
            }
            #expect(all.matches(c), "\(c) in the denominator")
            #expect(high.matches(c) == (r["op_high_dose_rule_2024"] == "Y"), "\(c) \(r["description"] ?? "")")
        }
    }

    @Test(.enabled(if: BuiltInMeasureLibraryTests.hasShared, "needs ../shared/data/samples"))
    func everyICSInhalerInTheSamplesIsInTheDenominator() throws {
        let lib = try Self.library()
        let all = try #require(lib["ics_high_dose"]?.denominator.filter)
        var codes = Set<String>()
        for name in ["epd_201709_4practices.csv", "epd_201710_4practices.csv"] {
            for r in try Self.csv(Self.shared + "/samples/" + name) { codes.insert(r["BNF_CODE"]!) }
        }
        for r in try Self.csv(Self.shared + "/samples/adqs_2016_04_01_bnf_presentations.csv") { codes.insert(r["BNF Code"]!) }
        let ics = codes.filter { $0.hasPrefix("0302") }
        #expect(ics.count > 100)
        for c in ics {
            let ge = String(c.suffix(2))
            let neb = (c.hasPrefix("0302000K0") && ["AI", "AJ", "BD", "BE"].contains(ge))
                || (c.hasPrefix("0302000N0") && ["AV", "AW"].contains(ge))
            #expect(all.matches(Self.code(c)) == !neb, "\(c)")
        }
        // Numerators never select outside their denominators.
        for m in lib.values where m.isPercentage {
            let n = try #require(m.numerator.filter), d = try #require(m.denominator.filter)
            for c in codes where c.count == 15 {
                let code = Self.code(c)
                if n.matches(code) { #expect(d.matches(code), "\(m.id): \(c)") }
            }
        }
    }

    @Test(.enabled(if: BuiltInMeasureLibraryTests.hasShared, "needs ../shared/data/reference"))
    func biosimilarMeasuresFollowTheCatalogue() throws {
        let lib = try Self.library()
        let rows = try Self.csv(Self.shared + "/reference/bnf_biosimilars.csv")
        var checked = 0
        var originatorsCounted = Set<String>()
        for r in rows {
            guard let c = BNFCode(r["bnf_code"] ?? ""), let molecule = r["molecule"] else { continue }
            let id = "biosimilar_" + molecule.replacingOccurrences(of: " ", with: "_")
            guard let m = lib[id] else { continue }
            let n = m.numerator.filter!, d = m.denominator.filter!
            let role = r["role"] ?? ""
            if role == "originator" {
                // Originator strengths with no biosimilar version are left out of insulin measures.
                #expect(!n.matches(c), "\(c) originator")
                if d.matches(c) { originatorsCounted.insert(id) }
            } else if role.hasPrefix("biosimilar") {
                if d.matches(c) { #expect(n.matches(c), "\(c) biosimilar") }
            } else {
                #expect(!n.matches(c) && !d.matches(c), "\(c) \(role) is left out")
            }
            checked += 1
        }
        #expect(checked > 50)
        for id in lib.keys where id.hasPrefix("biosimilar_") && id != "biosimilar_infliximab" {
            #expect(originatorsCounted.contains(id), "\(id) counts its originator")
        }
        for id in ["adalimumab", "enoxaparin", "filgrastim", "teriparatide", "insulin_glargine", "insulin_lispro", "denosumab", "infliximab"] {
            #expect(lib["biosimilar_" + id] != nil, "biosimilar_\(id)")
        }
        // Brands never seen classify: any adalimumab brand but Humira is a biosimilar.
        let ada = try #require(lib["biosimilar_adalimumab"])
        #expect(ada.numerator.filter!.matches(Self.code("1001030S0BZAAAB")))
        #expect(!ada.numerator.filter!.matches(Self.code("1001030S0BBABAB")))
    }

    @Test func otherRespiratoryAndCostMeasuresSelectWhatTheySay() throws {
        let lib = try Self.library()
        let saba = try #require(lib["saba_percent_of_saba_ics"])
        #expect(saba.numerator.quantity == .quantity && saba.isPercentage)
        #expect(saba.numerator.filter!.matches(Self.code("0301011R0BEAIAP")))   // Ventolin Evohaler
        #expect(saba.numerator.filter!.matches(Self.code("0301011V0BBAMAL")))   // Bricanyl Turbohaler
        #expect(!saba.numerator.filter!.matches(Self.code("0301011R0BEANAX")))  // Ventolin Nebules
        #expect(!saba.numerator.filter!.matches(Self.code("0301011R0AAAZAZ")))  // salbutamol tablets
        #expect(saba.denominator.filter!.matches(Self.code("0302000C0BPACBV")))
        let pred = try #require(lib["prednisolone_items_per_1000"])
        #expect(pred.numerator.filter!.matches(Self.code("0603020T0AAACAC")) && pred.denominator.quantity == .listSize)
        #expect(lib["prednisolone_quantity_per_1000"]?.numerator.quantity == .quantity)
        #expect(lib["ics_items_per_1000"]?.denominator.quantity == .listSize)
        let costs = lib.values.filter(\.isCostBased)
        #expect(costs.count >= 5)
        let dox = try #require(lib["lpdoxazosin"])
        #expect(dox.numerator.filter!.matches(Self.code("0205040D0AAAQAQ")) && !dox.numerator.filter!.matches(Self.code("0205040D0AAABAB")))
    }

    /// A small CSV reader for the reference files (quoted fields with commas).
    static func csv(_ path: String) throws -> [[String: String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var rows: [[String]] = []
        var field = "", row: [String] = [], quoted = false
        var it = text.makeIterator()
        while let ch = it.next() {
            if quoted {
                if ch == "\"" { quoted = false } else { field.append(ch) }
            } else if ch == "\"" { quoted = true
            } else if ch == "," { row.append(field); field = ""
            } else if ch == "\n" || ch == "\r\n" { row.append(field); rows.append(row); row = []; field = ""
            } else if ch != "\r" { field.append(ch) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        guard let header = rows.first else { return [] }
        return rows.dropFirst().filter { $0.count == header.count }.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }
}
