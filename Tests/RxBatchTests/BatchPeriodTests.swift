import RxBatch
import RxData
import Testing

@Suite struct BatchPeriodTests {
    func ym(_ y: Int, _ m: Int) -> YearMonth { YearMonth(year: y, month: m)! }
    func months(_ a: YearMonth, _ b: YearMonth) -> [YearMonth] { (0...(Int(b.ordinal - a.ordinal))).map { a.advanced(by: $0) } }

    @Test func fiveYearsOfRollingWindows() throws {
        let store = months(ym(2019, 2), ym(2024, 12))
        // Windows ending in each month of 2020–2024: 60 whole 12-month windows.
        let r = try BatchPeriod(from: ym(2019, 2), to: ym(2024, 12), window: 12).ranges(storeMonths: store, defaultMonths: 12)
        #expect(r.count == 60)
        #expect(r.first == ym(2019, 2)...ym(2020, 1))
        #expect(r.last == ym(2024, 1)...ym(2024, 12))
        #expect(r.allSatisfy { Int($0.upperBound.ordinal - $0.lowerBound.ordinal) == 11 })
        #expect(zip(r, r.dropFirst()).allSatisfy { $1.lowerBound == $0.lowerBound.advanced(by: 1) })
        // Over exactly five calendar years, 49 whole windows fit.
        #expect(try BatchPeriod(from: ym(2020, 1), to: ym(2024, 12), window: 12).ranges(storeMonths: store, defaultMonths: nil).count == 49)
    }

    @Test func stepsAndDefaults() throws {
        let store = months(ym(2023, 1), ym(2024, 12))
        let q = try BatchPeriod(window: 3, step: 3).ranges(storeMonths: store, defaultMonths: 12)
        #expect(q.count == 8)
        #expect(q[1] == ym(2023, 4)...ym(2023, 6))
        // No period: the analysis' default length, ending at the store's last month.
        #expect(try BatchPeriod().ranges(storeMonths: store, defaultMonths: 12) == [ym(2024, 1)...ym(2024, 12)])
        #expect(try BatchPeriod().ranges(storeMonths: store, defaultMonths: nil) == [ym(2023, 1)...ym(2024, 12)])
        #expect(try BatchPeriod(last: 6).ranges(storeMonths: store, defaultMonths: 12) == [ym(2024, 7)...ym(2024, 12)])
        #expect(try BatchPeriod(to: ym(2023, 12), last: 3).ranges(storeMonths: store, defaultMonths: 12) == [ym(2023, 10)...ym(2023, 12)])
        // last longer than the store is clipped to its first month.
        #expect(try BatchPeriod(last: 60).ranges(storeMonths: store, defaultMonths: 12) == [ym(2023, 1)...ym(2024, 12)])
    }

    @Test func impossiblePeriodsThrow() {
        let store = months(ym(2024, 1), ym(2024, 6))
        #expect(throws: BatchPeriodError.self) { try BatchPeriod(window: 12).ranges(storeMonths: store, defaultMonths: 12) }
        #expect(throws: BatchPeriodError.self) { try BatchPeriod(from: ym(2024, 5), to: ym(2024, 2)).ranges(storeMonths: store, defaultMonths: nil) }
        #expect(throws: BatchPeriodError.self) { try BatchPeriod().ranges(storeMonths: [], defaultMonths: nil) }
    }
}
