import Testing
@testable import RxAtlas
import RxData

@Suite struct AnalysisPeriodTests {
    static let months = (0..<30).map { YearMonth(year: 2023, month: 1)!.advanced(by: $0) }
    static func m(_ s: String) -> YearMonth { YearMonth(parsing: s)! }

    @Test func defaultsFromTheStoreAndTheLatestMonths() throws {
        #expect(try AnalysisPeriod.resolve(storeMonths: Self.months, storePath: "s") == Self.m("2023-01")...Self.m("2025-06"))
        #expect(try AnalysisPeriod.resolve(storeMonths: Self.months, storePath: "s", latest: 12) == Self.m("2024-07")...Self.m("2025-06"))
        #expect(try AnalysisPeriod.resolve(storeMonths: Self.months, storePath: "s", to: Self.m("2023-06"), latest: 12)
                == Self.m("2023-01")...Self.m("2023-06"), "never before the store's first month")
        #expect(try AnalysisPeriod.resolve(storeMonths: Self.months, storePath: "s", from: Self.m("2024-02"), latest: 12)
                == Self.m("2024-02")...Self.m("2025-06"), "--from wins over the latest months")
    }

    @Test func refusals() {
        #expect(throws: StoreError.self) { try AnalysisPeriod.resolve(storeMonths: [], storePath: "s") }
        #expect(throws: AnalysisPeriodError(from: Self.m("2024-05"), to: Self.m("2024-01"))) {
            try AnalysisPeriod.resolve(storeMonths: Self.months, storePath: "s", from: Self.m("2024-05"), to: Self.m("2024-01"))
        }
    }
}
