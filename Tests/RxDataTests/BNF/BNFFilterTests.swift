import Testing
@testable import RxData

@Suite struct BNFFilterTests {
    let codes = ["0302000C0AAAAAA", "0302000C0AAABAB", "0302000C0BBAAAC", "0302000C0BCABAC", "0302000N0AAAAAA",
                 "0301011R0AAAPAP", "0603020T0AAACAC"].map { BNFCode($0)! }

    private func selected(_ lines: [String]) throws -> [String] {
        let f = try BNFFilter(lines)
        return codes.filter(f.matches).map(\.description)
    }

    @Test func prefixAndFullCode() throws {
        #expect(try selected(["0302000C0"]) == ["0302000C0AAAAAA", "0302000C0AAABAB", "0302000C0BBAAAC", "0302000C0BCABAC"])
        #expect(try selected(["0302000N0AAAAAA"]) == ["0302000N0AAAAAA"])
        #expect(try selected(["0302", "0603"]).count == 6)
    }

    @Test func wildcardMatchesTheGenericEquivalentStrength() throws {
        // Brands (BB, BC) whose chars 14-15 are AC are matched with the generic AC.
        #expect(try selected(["0302000C0%AC"]) == ["0302000C0BBAAAC", "0302000C0BCABAC"])
        #expect(try selected(["%AC"]) == ["0302000C0BBAAAC", "0302000C0BCABAC", "0603020T0AAACAC"])
    }

    @Test func exclusionsAndComments() throws {
        let lines = ["# inhaled corticosteroids", "0302000C0   # beclometasone", "~0302000C0%AC", "", "0302000N0"]
        #expect(try selected(lines) == ["0302000C0AAAAAA", "0302000C0AAABAB", "0302000N0AAAAAA"])
        #expect(try selected(["~0302"]) == ["0301011R0AAAPAP", "0603020T0AAACAC"])
    }

    @Test func maskOverATable() throws {
        let f = try BNFFilter(["0302000C0%AC"])
        #expect(f.mask(over: codes) == [false, false, true, true, false, false, false])
    }

    @Test func malformedTermsAreRefused() {
        #expect(throws: BNFFilter.ParseError.self) { try BNFFilter(["0302 000"]) }
        #expect(throws: BNFFilter.ParseError.self) { try BNFFilter(["0302000c0"]) }
        #expect(throws: BNFFilter.ParseError.self) { try BNFFilter(["# only a comment"]) }
        #expect(throws: BNFFilter.ParseError.self) { try BNFFilter(["0302000C0AAAAAAA"]) }
    }
}
