import Testing
@testable import RxData

@Suite struct LevelVocabularyTests {
    @Test func eachNationNamesItsOwnLevels() {
        #expect(LevelVocabulary.forNations(["S92000003"]).title(.icb) == "Health board")
        #expect(LevelVocabulary.forNations(["S92000003"]).name(.pcn) == "GP cluster")
        #expect(LevelVocabulary.forNations(["E92000001"]).title(.subICB) == "Sub-ICB")
        #expect(LevelVocabulary.forNations([]).name(.icb) == "ICB")
        #expect(LevelVocabulary.forNations(["E92000001", "S92000003"]).name(.icb) == "ICB or health board")
        #expect(LevelVocabulary.scotland.plural(.icb) == "health boards" && LevelVocabulary.both.plural(.icb) == "ICBs or health boards")
    }

    @Test func theNationIsNamedFromTheDirectory() {
        var orgs = OrgDirectory()
        #expect(orgs.nationName == "National")
        orgs.upsert(PracticeRecord(code: "10002", kind: .practice, parents: [.nation: "S92000003"]))
        #expect(orgs.nationName == "Scotland" && orgs.levelVocabulary == .scotland)
        orgs.setName("Alba", level: .nation, code: "S92000003")
        #expect(orgs.nationName == "Alba")
        orgs.upsert(PracticeRecord(code: "A81001", kind: .practice, parents: [.nation: "E92000001"]))
        #expect(orgs.nationName == "National" && orgs.levelVocabulary == .both)
    }
}
