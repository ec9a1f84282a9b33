import Foundation
import Testing
import RxData
import RxStats
@testable import RxAtlas

@Suite struct MeasureOutputTests {
    /// Reads a written CSV into rows of fields (the outputs quote only names with commas).
    private func rows(_ path: String) throws -> [[String]] {
        try CSVRecordReader.read(path: path).map(\.fields)
    }

    @Test func valuesAndDecilesForAHandWorkedStore() throws {
        let fixture = try KernelFixture()
        let share = try KernelFixture.measure("ics_share", .items, ["0302000C0"], .items, ["0302"], percentage: true)
        let per1000 = try KernelFixture.measure("ics_per_1000", .items, ["0302"], .listSize, nil, percentage: false)
        let tables = try MeasureKernel().compute(store: fixture.store, measures: [share, per1000], levels: [.practice, .nation])
        let out = fixture.dir.appendingPathComponent("out").path
        try MeasureOutput.write(tables, definitions: [share, per1000], to: out)
        let values = try rows(out + "/values.csv")
        #expect(values[0] == MeasureOutput.valuesHeader)
        // A00001 in January: 10 of 40 ICS items are beclometasone = 25%, Wilson interval.
        let a1 = try #require(values.first { $0[0] == "ics_share" && $0[1] == "practice" && $0[2] == "A00001" && $0[4] == "2025-01" })
        #expect(a1[5] == "10" && a1[6] == "40" && a1[7] == "25")
        // calc_value is the value as OpenPrescribing stores it: a fraction for a percentage.
        #expect(a1[11] == "0.25")
        let wilson = try WilsonInterval.interval(numerator: 10, denominator: 40, confidence: 0.95, multiplier: 100)
        // Written with 15 significant digits.
        let lower = try #require(wilson.lower), upper = try #require(wilson.upper)
        #expect(abs(Double(a1[9])! - lower) <= lower * 1e-14 && abs(Double(a1[10])! - upper) <= upper * 1e-14)
        // Per 1,000: 40 ICS items over a list of 5,000 = 8 per 1,000, with a Byar's interval.
        let p1 = try #require(values.first { $0[0] == "ics_per_1000" && $0[2] == "A00001" && $0[4] == "2025-01" })
        #expect(p1[7] == "8" && !p1[9].isEmpty && p1[11] == "8")
        // The unidentified bucket is kept with its totals but has no value or percentile.
        let u = try #require(values.first { $0[0] == "ics_share" && $0[2] == "-@01A" && $0[4] == "2025-01" })
        #expect(u[5] == "3" && u[7].isEmpty && u[8].isEmpty)
        let deciles = try rows(out + "/deciles.csv")
        #expect(deciles[0] == MeasureOutput.decilesHeader)
        #expect(deciles.count == 1 + 2 * 2 * 2)  // 2 measures × 2 levels × 2 months
    }

    @Test func levelNames() {
        #expect(MeasureOutput.level(named: "sub-icb") == .subICB)
        #expect(MeasureOutput.levelName(.subICB) == "sub-icb")
        #expect(MeasureOutput.level(named: "ward") == nil)
    }
}
