import Testing
@testable import RxStats

@Suite struct CompetitionRankTests {
    @Test func equalValuesShareARankAndTheNextSkips() {
        let v = [0.5, 0.9, 0.5, 0.1, .nan]
        #expect(CompetitionRank.rank(of: 1, in: v)?.text == "1 of 4")
        #expect(CompetitionRank.rank(of: 0, in: v)?.text == "=2 of 4")
        #expect(CompetitionRank.rank(of: 2, in: v)?.text == "=2 of 4")
        #expect(CompetitionRank.rank(of: 3, in: v)?.text == "4 of 4")
        #expect(CompetitionRank.rank(of: 4, in: v) == nil, "a missing value is not ranked")
        #expect(CompetitionRank.rank(of: 3, in: v, descending: false)?.text == "1 of 4")
    }

    @Test func allEqualIsATieForFirst() {
        let v = [0.0, 0.0, 0.0, 0.0]
        for i in v.indices { #expect(CompetitionRank.rank(of: i, in: v) == .init(rank: 1, of: 4, tied: true)) }
    }
}
