import Foundation
import Testing
import RxData
@testable import RxAtlas

/// The catalogue format, its errors, and the built-in catalogue's classifications.
@Suite struct BiosimilarCatalogueTests {
    static func parse(_ text: String) throws -> BiosimilarCatalogue {
        try BiosimilarCatalogue.parse(records: CSVRecordReader.records(in: Array(text.utf8), file: "cat.csv"), file: "cat.csv")
    }

    static func error(_ text: String) -> InputError? {
        do { _ = try parse(text); return nil } catch let e as InputError { return e } catch { return nil }
    }

    static let header = "molecule,chemical,product,equivalent,role,brand,group,unit,factor,reason\n"

    @Test func builtInCoversTheRequiredMolecules() throws {
        let c = try BiosimilarCatalogue.builtIn()
        for m in ["insulin glargine", "insulin lispro", "insulin aspart", "enoxaparin", "teriparatide", "adalimumab",
                  "etanercept", "infliximab", "filgrastim", "denosumab"] {
            #expect(c.molecules.contains(m), "missing \(m)")
        }
        #expect(c.entries.allSatisfy { $0.role != .excluded || !$0.reason.isEmpty })
    }

    @Test func builtInClassifications() throws {
        let c = try BiosimilarCatalogue.builtIn()
        func cls(_ code: String) -> BiosimilarPresentationClass? { c.classify(BNFCode(code)!) }
        // Abasaglar cartridge: biosimilar, insulin glargine per unit, 300 units a cartridge.
        let abasaglar = try #require(cls("0601012V0BDABAA"))
        #expect(abasaglar.role == .biosimilar && abasaglar.group == "insulin glargine 100 units/ml" && abasaglar.factor == 300)
        // A Lantus vial compares in the same group, per 1,000 units.
        #expect(cls("0601012V0BBABAB")?.factor == 1000)
        #expect(cls("0601012V0BBABAB")?.group == "insulin glargine 100 units/ml")
        // Toujeo and Humalog 200 units/ml are excluded (the latter by a strength row for every product).
        #expect(cls("0601012V0BCAAAE")?.role == .excluded)
        #expect(cls("0601011L0BBAHAG")?.role == .excluded)
        #expect(cls("0601011L0BBAHAG")?.group == nil)
        // Generic denosumab 60 mg is generic-level in the default group; 120 mg is excluded.
        #expect(cls("0606020Z0AAAAAA")?.role == .generic)
        #expect(cls("0606020Z0AAAAAA")?.group == "0606020Z0 AA")
        #expect(cls("0606020Z0AAAAAA")?.unit == "quantity")
        #expect(cls("0606020Z0AAACAC")?.role == .excluded)
        // Adalimumab across strengths in mg.
        #expect(cls("1001030S0BHACAH")?.factor == 80)
        #expect(cls("1001030S0BBABAB")?.factor == 40)
        // A brand the catalogue does not know: unclassified, never dropped.
        #expect(cls("1001030S0BZAAAA")?.role == .unclassified)
        // Not a catalogued chemical.
        #expect(cls("0302000C0AAAAAA") == nil)
    }

    @Test func rowsCombineBySpecificity() throws {
        let c = try Self.parse(Self.header + """
        m,1001030S0,BB,,originator,O,,,,
        m,1001030S0,BB,AD,excluded,O,,,,other strength
        m,1001030S0,*,AB,,,named,mg,40,
        m,1001030S0,BC,,biosimilar,B,,,,
        # a comment line
        m,1001030S0,*,AF,excluded,,,,,no biosimilar at this strength
        """)
        #expect(c.classify(BNFCode("1001030S0BBADAD")!)?.role == .excluded)
        #expect(c.classify(BNFCode("1001030S0BBAAAB")!)?.group == "named")
        #expect(c.classify(BNFCode("1001030S0BCAAAB")!)?.factor == 40)
        #expect(c.classify(BNFCode("1001030S0BCAAAF")!)?.role == .excluded)
        #expect(c.classify(BNFCode("1001030S0BCAAAA")!)?.group == "1001030S0 AA")
        #expect(c.classify(BNFCode("1001030S0AAAAAA")!)?.role == .unclassified)
    }

    @Test func errorsNameLineAndField() {
        let h = Self.header
        let cases: [(String, Int?, String?)] = [
            (h + "m,1001030S,BB,,originator,,,,,\n", 2, "chemical"),
            (h + "m,1001030S0,B,,originator,,,,,\n", 2, "product"),
            (h + "m,1001030S0,BB,,,,,,,\n", 2, "role"),
            (h + "m,1001030S0,BB,,maybe,,,,,\n", 2, "role"),
            (h + "m,1001030S0,BB,,excluded,,,,,\n", 2, "reason"),
            (h + "m,1001030S0,BB,,generic,,,,,\n", 2, "role"),
            (h + "m,1001030S0,AA,,biosimilar,,,,,\n", 2, "role"),
            (h + "m,1001030S0,*,AB,,,g,mg,,\n", 2, "factor"),
            (h + "m,1001030S0,*,AB,,,g,mg,-2,\n", 2, "factor"),
            (h + "m,1001030S0,*,AB,,,,,,\n", 2, "group"),
            (h + "m,1001030S0,*,AB,biosimilar,,,,,\n", 2, "role"),
            (h + "m,1001030S0,BB,,originator,,,,,\nm,1001030S0,BB,,biosimilar,,,,,\n", 3, "product"),
            (h + "m,1001030S0,BB,,originator,,,,,\nn,1001030S0,BC,,biosimilar,,,,,\n", 3, "molecule"),
            (h + "m,1001030S0,*,AB,,,g,mg,1,\nm,1001030S0,*,AC,,,g,unit,1,\n", 3, "unit"),
            ("molecule,chemical,product\nm,1001030S0,BB\n", 1, "role"),
        ]
        for (text, line, field) in cases {
            let e = Self.error(text)
            #expect(e != nil, "accepted: \(text)")
            #expect(e?.line == line && e?.field == field, "\(String(describing: e)) for \(text)")
            #expect(e?.file == "cat.csv")
        }
    }
}
