import Foundation
import Testing
@testable import RxData

@Suite("CodeMapping")
struct CodeMappingTests {
    private func code(_ s: String) -> BNFCode { BNFCode(s)! }

    @Test func fullCodeRulesAndChains() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("map.csv", """
            old_code,new_code,note\r
            0904010T0BGAIAD,0913261K0BCANAF,x\r
            0913261K0BCANAF,0913451F0BBABAA,y\r
            20030600520,20030900238,\r
            0101010F0BDAAAU,0101010F0BDABBE,\r

            """)
        let mapping = try CodeMapping.read(path: path)
        #expect(mapping.rules.count == 4)
        #expect(mapping.invalidRows.isEmpty)
        #expect(mapping.map(code("0904010T0BGAIAD")) == code("0913451F0BBABAA"))
        #expect(mapping.map(code("0913261K0BCANAF")) == code("0913451F0BBABAA"))
        #expect(mapping.map(code("20030600520")) == code("20030900238"))
        #expect(mapping.map(code("0101010F0BDAAAU")) == code("0101010F0BDABBE"))
        #expect(mapping.map(code("0101010F0AAAAAA")) == code("0101010F0AAAAAA"))
        #expect(mapping.chainedRuleCount == 1)
        #expect(mapping.prefixRuleCount == 0)
        #expect(mapping.changes(code("0904010T0BGAIAD")))
    }

    @Test func prefixRulesKeepTheRestAndYieldToFullCodes() throws {
        let mapping = try CodeMapping(rules: [
            .init(old: code("0101021C0"), new: code("0905011D0"), line: 2),
            .init(old: code("0101021C0AADADA"), new: code("0905011D0AAAPAP"), line: 3),
            .init(old: code("0101021C0BB"), new: code("0101021C0XX"), line: 4),
        ])
        #expect(mapping.map(code("0101021C0AADADA")) == code("0905011D0AAAPAP"))   // full code wins
        #expect(mapping.map(code("0101021C0AABBBB")) == code("0905011D0AABBBB"))   // chemical prefix
        // The longest prefix applies first, and the chain continues through the shorter one.
        #expect(mapping.map(code("0101021C0BBAAAA")) == code("0905011D0XXAAAA"))
        #expect(mapping.map(code("0101022A0AAAAAA")) == code("0101022A0AAAAAA"))
        #expect(mapping.prefixRuleCount == 2)
    }

    @Test func fullRuleEndingWhereAPrefixRuleApplies() throws {
        let mapping = try CodeMapping(rules: [
            .init(old: code("0101010A0AAAAAA"), new: code("0202020B0AAAAAA"), line: 2),
            .init(old: code("0202020B0"), new: code("0303030C0"), line: 3),
        ])
        #expect(mapping.map(code("0101010A0AAAAAA")) == code("0303030C0AAAAAA"))
    }

    @Test func conflictingDuplicateNamesBothLines() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("map.csv", "old_code,new_code\n0101010A0AAAAAA,0101010A0AAABAB\n0202020B0AAAAAA,0202020B0AAABAB\n0101010A0AAAAAA,0101010A0AAACAC\n")
        let error = readerError { _ = try CodeMapping.read(path: path) }
        #expect(error == InputError(file: path, line: 4, field: "new_code",
                                    reason: "0101010A0AAAAAA is mapped to 0101010A0AAABAB on line 2 but to 0101010A0AAACAC on line 4"))
        // The same pair twice is harmless.
        let twice = f.file("twice.csv", "old_code,new_code\n0101010A0AAAAAA,0101010A0AAABAB\n0101010A0AAAAAA,0101010A0AAABAB\n")
        #expect(try CodeMapping.read(path: twice).rules.count == 1)
    }

    @Test func cyclesAreRefusedWithTheirLines() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("map.csv", "old_code,new_code\n0101010A0AAAAAA,0101010A0AAABAB\n0303030A0AAAAAA,0303030A0AAABAB\n0101010A0AAABAB,0101010A0AAAAAA\n")
        let error = readerError { _ = try CodeMapping.read(path: path) }
        #expect(error?.file == path)
        #expect(error?.line == 2)
        #expect(error?.field == "new_code")
        #expect(error?.reason == "the mapping has a cycle: 0101010A0AAAAAA → 0101010A0AAABAB → 0101010A0AAAAAA (lines 2, 4)")
    }

    @Test func cycleThroughAPrefixRule() throws {
        let error = readerError {
            _ = try CodeMapping(rules: [
                .init(old: code("0101010A0"), new: code("0202020B0"), line: 2),
                .init(old: code("0202020B0AAAAAA"), new: code("0101010A0AAAAAA"), line: 3),
            ], source: "m.csv")
        }
        #expect(error?.file == "m.csv")
        #expect(error?.reason.hasPrefix("the mapping has a cycle") == true)
        #expect(error?.reason.contains("lines 3, 2") == true)
    }

    @Test func identityRulesAreIgnored() throws {
        let mapping = try CodeMapping(rules: [.init(old: code("0101010A0AAAAAA"), new: code("0101010A0AAAAAA"))])
        #expect(mapping.rules.isEmpty)
        #expect(mapping.map(code("0101010A0AAAAAA")) == code("0101010A0AAAAAA"))
    }

    @Test func invalidCodesAreReportedOrRefusedInStrictMode() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let path = f.file("map.csv", """
            old_code,new_code
            0905060A0AAAAAA,09050220V0AAAAAA
            0906031C0BYAAA0,0906031C0BYAH
            0101021C0,0905011D0AA
            ,0101010A0AAAAAA
            0101010F0BDAAAU,0101010F0BDABBE

            """)
        let mapping = try CodeMapping.read(path: path)
        #expect(mapping.rules.count == 1)
        #expect(mapping.invalidRows.map(\.line) == [2, 3, 4, 5])
        #expect(mapping.invalidRows.map(\.field) == ["new_code", "new_code", "new_code", "old_code"])
        #expect(mapping.invalidRows[0].reason == "'09050220V0AAAAAA' is 16 characters long; a BNF code has at most 15")
        #expect(mapping.map(code("0905060A0AAAAAA")) == code("0905060A0AAAAAA"))

        let error = readerError { _ = try CodeMapping.read(path: path, strict: true) }
        #expect(error == mapping.invalidRows[0])
    }

    @Test func headerIsRequired() throws {
        let f = ReaderFixtures()
        defer { f.remove() }
        let noHeader = f.file("map.csv", "0101010F0BDAAAU,0101010F0BDABBE\n")
        let error = readerError { _ = try CodeMapping.read(path: noHeader) }
        #expect(error?.line == 1)
        #expect(error?.field == "old_code")
        #expect(error?.reason.hasPrefix("missing required column old_code") == true)

        let empty = f.file("empty.csv", "")
        #expect(readerError { _ = try CodeMapping.read(path: empty) }?.reason.hasPrefix("empty file") == true)

        let headerOnly = try CodeMapping.read(path: f.file("h.csv", "old_code,new_code\n"))
        #expect(headerOnly.rules.isEmpty)
    }
}

/// The real NHSBSA code-change table in `../shared/data/reference`.
@Suite("CodeMapping: real table", .enabled(if: ReaderFixtures.sharedDataPresent, ReaderFixtures.sharedDataMissing))
struct CodeMappingTableTests {
    @Test func realTableLoads() throws {
        let path = ReaderFixtures.shared("reference/bnf_code_mapping.csv")
        let mapping = try CodeMapping.read(path: path)

        // Independent count of data rows and of rows whose codes are not BNF-shaped.
        let rows = try String(contentsOfFile: path, encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst()
            .map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(rows.count == 2996)
        func full(_ s: String) -> Bool { s.count == (s.hasPrefix("20") || s.hasPrefix("21") || s.hasPrefix("22") || s.hasPrefix("23") ? 11 : 15) }
        let bad = rows.filter { !full($0[0]) || !full($0[1]) }
        #expect(bad.count == 7)
        #expect(mapping.invalidRows.count == bad.count)
        #expect(mapping.rules.count + mapping.invalidRows.count == rows.count)
        #expect(mapping.prefixRuleCount == 0)

        // The chains in the table resolve to their end.
        #expect(mapping.map(BNFCode("0904010T0BGAIAD")!) == BNFCode("0913451F0BBABAA")!)
        #expect(mapping.map(BNFCode("0913261M0AAADAD")!) == BNFCode("0913451F0AAAAAA")!)
        #expect(mapping.map(BNFCode("0913451H0AAACAC")!) == BNFCode("0913451H0AAABAB")!)
        #expect(mapping.chainedRuleCount == 4)
        // Every rule lands on a code no rule changes further.
        for rule in mapping.rules {
            let end = mapping.map(rule.old)
            #expect(mapping.map(end) == end)
        }
    }
}
