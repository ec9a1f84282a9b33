import Foundation
import RxData

/// SplitMix64: a small seeded generator so every test table is reproducible.
struct StoreTestRNG: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A standard normal deviate (Box–Muller).
    mutating func normal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * Foundation.log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

/// A fresh temporary directory, removed by `cleanup()`.
struct StoreTempDir {
    let path: String
    init() throws {
        path = NSTemporaryDirectory() + "rxatlas-store-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    func cleanup() { try? FileManager.default.removeItem(atPath: path) }
}

enum StoreTestTables {
    /// A 15-character presentation code whose order is the order of `i`.
    static func presentationCode(_ i: Int) -> BNFCode {
        let digits = String(i)
        return BNFCode("0" + String(repeating: "0", count: 8 - digits.count) + digits + "AAAAAA")!
    }

    /// Builds a table from per-practice sorted presentation lists and a value generator.
    static func table(month: YearMonth, practiceCodes: [String], presentationCount: Int,
                      rowsPerPractice: [[Int32]], measures: MeasureSet,
                      value: (Measure, Int, Int32) -> Int64) -> MonthTable {
        var start: [Int32] = [0]
        var pres: [Int32] = []
        var columns = Array(repeating: [Int64](), count: Measure.allCases.count)
        for (p, list) in rowsPerPractice.enumerated() {
            for id in list {
                pres.append(id)
                for m in Measure.allCases { columns[m.rawValue].append(measures.has(m) ? value(m, p, id) : 0) }
            }
            start.append(Int32(pres.count))
        }
        return MonthTable(month: month, practiceCodes: practiceCodes,
                          presentationCodes: (0..<presentationCount).map(presentationCode),
                          practiceStart: start, presentation: pres, columns: columns, measures: measures)
    }

    /// A random table: random sizes, values spanning the whole Int64 range in places, empty
    /// practices, negative values.
    static func random(seed: UInt64, practices: Int, presentations: Int, density: Double, measures: MeasureSet = .all) -> MonthTable {
        var rng = StoreTestRNG(seed: seed)
        var lists: [[Int32]] = []
        for _ in 0..<practices {
            var l: [Int32] = []
            for id in 0..<presentations where Double.random(in: 0..<1, using: &rng) < density { l.append(Int32(id)) }
            lists.append(l)
        }
        let codes = (0..<practices).map { "P\(String(1000 + $0))" }
        let mode = Int.random(in: 0..<4, using: &rng)
        return table(month: YearMonth(year: 2024, month: 1 + Int(seed % 12))!, practiceCodes: codes,
                     presentationCount: presentations, rowsPerPractice: lists, measures: measures) { m, _, _ in
            switch (mode + m.rawValue) % 4 {
            case 0: return Int64.random(in: -5...1000, using: &rng)
            case 1: return Int64.random(in: Int64.min...Int64.max, using: &rng)
            case 2: return Int64.random(in: -3...3, using: &rng) * 1000 * (Bool.random(using: &rng) ? 1 : 100_000)
            default: return Bool.random(using: &rng) ? 0 : Int64.random(in: 0...1_000_000_000_000, using: &rng)
            }
        }
    }

    /// A month shaped like national prescribing: Zipf-like presentation popularity scattered over
    /// the code space, ~`rowsPerPractice` presentations per practice, items mostly 1–20 with a
    /// long tail, quantities from pack sizes (some with one decimal), NIC in whole pence, actual
    /// cost and ADQ usage with five decimals.
    static func realistic(seed: UInt64, practices: Int, presentations: Int = 25_000, rowsPerPractice: Int = 2_600) -> MonthTable {
        var rng = StoreTestRNG(seed: seed)
        // Popularity by a random rank; per-presentation pack size, price and ADQ factor.
        var ranks = Array(1...presentations)
        ranks.shuffle(using: &rng)
        let weights = ranks.map { 1 / pow(Double($0), 0.85) }
        let packs: [Double] = [28, 56, 30, 60, 7, 14, 84, 100, 1, 2, 112, 150, 200, 250, 300, 500, 10, 20]
        let pack = (0..<presentations).map { _ in packs[Int.random(in: 0..<packs.count, using: &rng)] }
        let decimalPack = (0..<presentations).map { _ in Double.random(in: 0..<1, using: &rng) < 0.08 }
        let unitPence = (0..<presentations).map { _ in exp(1.0 + 1.6 * rng.normal()) }
        let adqFactor = (0..<presentations).map { _ -> Double in
            let f: [Double] = [0, 1, 0.5, 1.0 / 3, 2, 0.25, 1.0 / 28, 0.1]
            return f[Int.random(in: 0..<f.count, using: &rng)]
        }
        // Scale the weights so the expected row count per practice is rowsPerPractice.
        var lo = 0.0, hi = 1e9
        for _ in 0..<60 {
            let mid = (lo + hi) / 2
            let expected = weights.reduce(0) { $0 + min(1, $1 * mid) }
            if expected < Double(rowsPerPractice) { lo = mid } else { hi = mid }
        }
        let include = weights.map { min(1, $0 * lo) }
        var start: [Int32] = [0]
        var pres: [Int32] = []
        var columns = Array(repeating: [Int64](), count: Measure.allCases.count)
        for c in 0..<columns.count { columns[c].reserveCapacity(practices * rowsPerPractice * 11 / 10) }
        for _ in 0..<practices {
            let size = exp(0.35 * rng.normal())
            for id in 0..<presentations where Double.random(in: 0..<1, using: &rng) < include[id] {
                pres.append(Int32(id))
                let items = max(1, Int64((exp(1.0 + 1.05 * rng.normal()) * size).rounded()))
                var perItem = pack[id] * max(1, (exp(0.4 * rng.normal())).rounded())
                if decimalPack[id] { perItem += Double(Int.random(in: 1...9, using: &rng)) / 10 }
                let quantity = Int64((Double(items) * perItem * 10).rounded()) * 10_000  // one decimal
                let nicPence = max(1, Int64((Double(quantity) / 100_000 * unitPence[id]).rounded()))
                let nic = nicPence * 1_000
                let actual = Int64((Double(nic) * Double.random(in: 0.88...0.95, using: &rng)).rounded())
                let adq = Int64((Double(quantity) * adqFactor[id]).rounded())
                columns[Measure.items.rawValue].append(items)
                columns[Measure.quantity.rawValue].append(quantity)
                columns[Measure.nic.rawValue].append(nic)
                columns[Measure.actualCost.rawValue].append(actual)
                columns[Measure.adq.rawValue].append(adq)
            }
            start.append(Int32(pres.count))
        }
        return MonthTable(month: YearMonth(year: 2025, month: 3)!,
                          practiceCodes: (0..<practices).map { "Y\(String(10000 + $0))" },
                          presentationCodes: (0..<presentations).map(presentationCode),
                          practiceStart: start, presentation: pres, columns: columns, measures: .all)
    }
}
