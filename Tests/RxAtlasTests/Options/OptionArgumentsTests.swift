import Testing
import RxData
import RxStats
@testable import RxAtlas

@Suite("Option types as command-line arguments")
struct OptionArgumentsTests {
    @Test func levelsByTheirCommandLineNames() {
        #expect(OrgLevel(argument: "sub-icb") == .subICB)
        #expect(OrgLevel(argument: "icb") == .icb)
        #expect(OrgLevel(argument: "county") == nil)
        #expect(OrgLevel.allValueStrings == ["practice", "pcn", "sub-icb", "icb", "region", "nation"])
        #expect(OrgLevel.subICB.defaultValueDescription == "sub-icb")
    }

    @Test func persistenceIsKOverNWithKAtMostN() throws {
        #expect(PersistenceRule(argument: "3/6") == PersistenceRule(count: 3, months: 6))
        #expect(PersistenceRule(argument: "6/12")?.description == "6/12")
        for bad in ["7/3", "0/4", "3", "a/b", "3/6/9", ""] { #expect(PersistenceRule(argument: bad) == nil, "\(bad)") }
        #expect(throws: OptionValueError.self) { try PersistenceRule(parsing: "7/3") }
    }

    @Test func overdispersionAndCostBasisAcceptWhatTheConfigAccepts() throws {
        for method in OverdispersionMethod.allCases {
            #expect(OverdispersionMethod(argument: method.rawValue) == (try AnalysisOptionValues.overdispersion(method.rawValue)))
        }
        #expect(OverdispersionMethod(argument: "random") == nil)
        #expect(BiosimilarCostBasis(argument: "nic") == .nic && BiosimilarCostBasis(argument: "actual") == .actual)
        #expect(BiosimilarCostBasis(argument: "list") == nil)
    }
}
