import Testing
@testable import RxStats

@Suite struct CUSUMTests {
    /// A stable series (mean 50, population SD 2, so the threshold np.nanstd(window × 5) = 10 and
    /// the allowance ½ × 10 / 5 = 1) that jumps to 90: the first jump month alerts upwards at once
    /// (the sum carries 1 from the last 52, then adds 90 − (50 + 1) = 39: 40 > 10).
    @Test func aStepUpIsAnUpwardAlert() {
        let data: [Double] = Array(repeating: [48.0, 52.0], count: 6).flatMap { $0 } + [90.0, 90, 90, 90]
        let c = CUSUM(data)
        #expect(abs(c.thresholds[0] - 10) < 1e-12)
        #expect(c.positive[12] == 40)   // 1 carried from the last 52 (52 − 51) + 39
        #expect(c.alertIndices.first == 12)
        #expect(c.positiveAlerts[12] == 90)
        #expect(c.negativeAlerts.allSatisfy { $0 == nil })
        let last = c.lastAlert
        #expect(last?.to == 90)
    }

    @Test func aStableSeriesRaisesNoAlert() {
        let data = Array(repeating: [48.0, 52.0], count: 9).flatMap { $0 }
        #expect(CUSUM(data).alertIndices.isEmpty)
        #expect(CUSUM(data).lastAlert == nil)
    }

    @Test func aStepDownIsADownwardAlert() {
        let data: [Double] = Array(repeating: [48.0, 52.0], count: 6).flatMap { $0 } + [5.0, 5, 5]
        let c = CUSUM(data)
        #expect(c.alertIndices.first == 12)
        #expect(c.negativeAlerts[12] == 5)
    }

    @Test func leadingMissingValuesAreSkipped() {
        let data: [Double] = [Double.nan, .nan] + Array(repeating: [48.0, 52.0], count: 6).flatMap { $0 } + [90.0]
        let c = CUSUM(data)
        #expect(c.alertIndices == [14])
    }
}
