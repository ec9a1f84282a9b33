import Testing
@testable import RxAtlas
import RxData
import RxStats

/// The option values the CLI and the batch config share, parsed by one set of functions.
@Suite struct AnalysisOptionValuesTests {
    @Test func valuesAndRefusals() throws {
        #expect(try AnalysisOptionValues.level("sub-icb") == .subICB)
        #expect(throws: OptionValueError.self) { try AnalysisOptionValues.level("region", allowed: AnalysisOptionValues.outlierLevels) }
        let error = #expect(throws: OptionValueError.self) { try AnalysisOptionValues.level("county") }
        #expect(error?.what == "unknown level 'county'; valid levels: practice, pcn, sub-icb, icb, region, nation")
        #expect(try AnalysisOptionValues.persistence("3/6") == (3, 6))
        for bad in ["6/3", "0/2", "3", "a/b"] { #expect(throws: OptionValueError.self) { try AnalysisOptionValues.persistence(bad) } }
        #expect(try AnalysisOptionValues.overdispersion("multiplicative") == .multiplicative)
        #expect(try AnalysisOptionValues.costBasis("nic") == .nic)
        #expect(throws: OptionValueError.self) { try AnalysisOptionValues.costBasis("list") }
    }
}
