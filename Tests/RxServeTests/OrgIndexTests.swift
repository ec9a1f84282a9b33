import Foundation
import RxAtlas
import RxData
import Testing
@testable import RxServe

/// The server's directory index gives what a pass over every practice gives.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: sample + "/epd_202501.csv.gz"), "datasets/sample is missing"))
struct OrgIndexTests {
    @Test func parentsChildrenAndSearchEqualAPassOverThePractices() throws {
        let f = try ServeFixture()
        let orgs = f.data.orgs, index = f.data.index
        let practices = orgs.practices.values.sorted { $0.code < $1.code }
        let levels = OrgIndex.levels
        var checked = 0
        for (at, level) in levels.enumerated().dropFirst() {
            for code in Set(practices.compactMap { $0.parents[level] }) {
                let below = levels[at - 1]
                var naive: [String] = []
                for p in practices where p.parents[level] == code {
                    let child = below == .practice ? p.code : p.parents[below]
                    if let child, !naive.contains(child) { naive.append(child) }
                }
                #expect(index.children[code]?.map(\.code) == naive, "\(code)")
                #expect(index.byCode[code]?.level == level, "\(code)")
                let member = try #require(practices.first { $0.parents[level] == code })
                #expect(index.parents[code]?.map(\.code) == levels[(at + 1)...].compactMap { member.parents[$0] }, "\(code)")
                checked += 1
            }
        }
        #expect(checked > 20)
        let practice = try #require(practices.first { $0.name != nil })
        #expect(index.byCode[practice.code]?.level == .practice)
        #expect(index.parents[practice.code]?.map(\.code) == levels.dropFirst().compactMap { practice.parents[$0] })
        // Search: areas before practices, each by code, at most 50, by code or by name.
        let found = index.search("0")
        #expect(found.count == min(50, index.searchList.filter { $0.code.contains("0") || $0.name.contains("0") }.count))
        let rank = Dictionary(uniqueKeysWithValues: ["nation", "region", "icb", "sub-icb", "pcn", "practice"].enumerated().map { ($1, $0) })
        #expect(zip(found, found.dropFirst()).allSatisfy { a, b in rank[a.level]! < rank[b.level]! || (a.level == b.level && a.code < b.code) })
        let word = try #require(practice.name?.split(separator: " ").first.map { $0.lowercased() })
        #expect(index.search(word, limit: 10_000).contains { $0.code == practice.code })
    }

    @Test(arguments: [("abc", "c", true), ("abc", "abc", true), ("abc", "abcd", false), ("aab", "ab", true), ("ab\ncd", "b\nc", true),
                      ("abab", "bab", true), ("abab", "bb", false), ("", "a", false), ("xyz", "z", true), ("xyz", "x", true)])
    func byteSearch(_ haystack: String, _ needle: String, _ expected: Bool) {
        let h = Array(haystack.utf8), n = Array(needle.utf8)
        #expect(h.withUnsafeBytes { hb in n.withUnsafeBytes { OrgIndex.contains(hb, $0) } } == expected)
    }
}
