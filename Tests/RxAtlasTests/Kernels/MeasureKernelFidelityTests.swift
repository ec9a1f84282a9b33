import Foundation
import Testing
import RxData
@testable import RxAtlas

/// Measure totals over the real EPD sample equal sums read straight from the CSV.
@Suite struct MeasureKernelFidelityTests {
    static let samples = "/work/shared/data/samples"
    static let files = ["epd_201709_4practices.csv", "epd_201710_4practices.csv"].map { samples + "/" + $0 }
    static var available: Bool { files.allSatisfy { FileManager.default.fileExists(atPath: $0) } }

    /// Splits one CSV line, honouring double quotes.
    static func fields(_ line: Substring) -> [Substring] {
        var out: [Substring] = []
        var start = line.startIndex, quoted = false
        var i = line.startIndex
        while i < line.endIndex {
            let c = line[i]
            if c == "\"" { quoted.toggle() } else if c == "," && !quoted {
                out.append(line[start..<i]); start = line.index(after: i)
            }
            i = line.index(after: i)
        }
        out.append(line[start...])
        return out
    }

    /// (items in 0302, items, actual cost in 0302) summed directly from one file.
    static func directSums(_ path: String) throws -> (ics: Double, items: Double, icsCost: Double) {
        let text = try String(contentsOfFile: path, encoding: .isoLatin1)
        var lines = text.split(whereSeparator: \.isNewline)
        let header = fields(lines.removeFirst()).map(String.init)
        let code = header.firstIndex(of: "BNF_CODE")!, items = header.firstIndex(of: "ITEMS")!
        let cost = header.firstIndex(of: "ACTUAL_COST")!
        var sums = (ics: 0.0, items: 0.0, icsCost: 0.0)
        for line in lines {
            let f = fields(line)
            let n = Double(f[items])!
            sums.items += n
            if f[code].hasPrefix("0302") { sums.ics += n; sums.icsCost += Double(f[cost])! }
        }
        return sums
    }

    @Test(.enabled(if: available)) func nationTotalsEqualDirectSums() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-fidelity-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try StoreIngest(options: IngestOptions(files: Self.files, softwareVersion: "test")).run(store: dir.path)
        let store = try Store.open(at: dir.path)
        let share = try KernelFixture.measure("ics_share", .items, ["0302"], .items, nil, percentage: true)
        let cost = try KernelFixture.measure("ics_cost", .actualCost, ["0302"], .items, ["0302"], percentage: false)
        let kernel = MeasureKernel(options: MeasureKernelOptions(rollUpPopulation: .allPrescribers))
        let totals = try kernel.practiceTotals(store: store, measures: [share, cost])
        #expect(totals.months.map(\.description) == ["2017-09", "2017-10"])
        let nation = totals.values(measure: 0, level: .nation)
        let nationCost = totals.values(measure: 1, level: .nation)
        #expect(nation.orgCodes.count == 1)
        for (t, file) in Self.files.enumerated() {
            let direct = try Self.directSums(file)
            #expect(direct.ics > 0)
            #expect(nation.numerator[t] == direct.ics)
            #expect(nation.denominator[t] == direct.items)
            #expect(abs(nationCost.numerator[t] - direct.icsCost) < 1e-6)
            // The practice level holds the same totals, prescriber by prescriber.
            let practice = totals.values(measure: 0, level: .practice)
            let T = practice.months.count
            let sum = practice.orgCodes.indices.reduce(0.0) { $0 + practice.numerator[$1 * T + t] }
            #expect(sum == direct.ics)
        }
    }
}
