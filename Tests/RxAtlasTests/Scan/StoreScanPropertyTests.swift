import Foundation
import Testing
import RxData
@testable import RxAtlas

/// `StoreScan` against a naive reference: random stores (months, prescribers, many distinct
/// presentations, rows spanning many blocks, practices straddling blocks), random key maps and
/// columns; the scan's sums and rows must equal dictionary sums over the rows as written.
@Suite("StoreScan: sums and rows against a naive sum")
struct StoreScanPropertyTests {
    /// A small seeded generator, so a failure names a reproducible case.
    struct RNG: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// One random store and everything written to it.
    struct Case {
        let dir: URL
        let store: Store
        let months: [YearMonth]
        /// Per month: (prescriber, presentation, the five column values).
        let rows: [[(String, BNFCode, [Int64])]]
        let presentations: [BNFCode]

        init(seed: UInt64) throws {
            var rng = RNG(state: seed)
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-scan-\(seed)-\(UUID().uuidString)")
            store = try Store.create(at: dir.path, softwareVersion: "test")
            let pool = (0..<Int.random(in: 50...900, using: &rng)).map { i in
                BNFCode(String(format: "%02d%07dA%@", 1 + i % 23, Int.random(in: 0...9_999_999, using: &rng),
                               ["AAAAA", "BABAB", "CBCBC"][i % 3]))!
            }
            presentations = Array(Set(pool)).sorted()
            let practices = (0..<Int.random(in: 1...120, using: &rng)).map { String(format: "P%05d", $0) }
            var months: [YearMonth] = [], rows: [[(String, BNFCode, [Int64])]] = []
            for t in 0..<Int.random(in: 1...4, using: &rng) {
                let month = YearMonth(year: 2024, month: 1 + t)!
                var seen = Set<String>(), monthRows: [(String, BNFCode, [Int64])] = []
                // Some prescribers prescribe a lot (spanning blocks), some little, some not at all.
                for p in practices where Int.random(in: 0..<5, using: &rng) > 0 {
                    let n = Int.random(in: 0...(Bool.random(using: &rng) ? 60 : 400), using: &rng)
                    for _ in 0..<n {
                        let q = presentations[Int.random(in: 0..<presentations.count, using: &rng)]
                        guard seen.insert(p + q.description).inserted else { continue }
                        let values = (0..<5).map { _ in Int64.random(in: -1_000_000...50_000_000_000, using: &rng) }
                        monthRows.append((p, q, values))
                    }
                }
                guard !monthRows.isEmpty else { continue }
                _ = try store.writeMonth(Self.table(month, monthRows))
                months.append(month)
                rows.append(monthRows)
            }
            self.months = months
            self.rows = rows
        }

        static func table(_ month: YearMonth, _ rows: [(String, BNFCode, [Int64])]) -> MonthTable {
            let practices = Array(Set(rows.map(\.0))).sorted()
            let codes = Array(Set(rows.map(\.1))).sorted()
            var codeIndex: [BNFCode: Int32] = [:]
            for (i, c) in codes.enumerated() { codeIndex[c] = Int32(i) }
            let sorted = rows.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            var starts: [Int32] = [0]
            var count: [String: Int32] = [:]
            for r in sorted { count[r.0, default: 0] += 1 }
            for p in practices { starts.append(starts.last! + count[p]!) }
            var columns = [[Int64]](repeating: [], count: Measure.allCases.count)
            for r in sorted { for m in Measure.allCases { columns[m.rawValue].append(r.2[m.rawValue]) } }
            return MonthTable(month: month, practiceCodes: practices, presentationCodes: codes, practiceStart: starts,
                              presentation: sorted.map { codeIndex[$0.1]! }, columns: columns, measures: .all)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func sumsAndRowsEqualNaiveSums(seed: UInt64) throws {
        let c = try Case(seed: seed)
        defer { try? FileManager.default.removeItem(at: c.dir) }
        var rng = RNG(state: seed &* 31)
        // Random columns, keys and a random presentation → keys map (some presentations none).
        let columns = Array(Measure.allCases.shuffled(using: &rng).prefix(Int.random(in: 1...5, using: &rng)))
        let K = Int.random(in: 1...12, using: &rng)
        let keyColumn = (0..<K).map { _ in Int.random(in: 0..<columns.count, using: &rng) }
        var keysOf: [BNFCode: [Int32]] = [:]
        for q in c.presentations {
            keysOf[q] = (0..<K).filter { _ in Int.random(in: 0..<4, using: &rng) == 0 }.map(Int32.init)
        }
        let map = keysOf
        let request = ScanRequest(columns: columns, keyColumn: keyColumn) { codes in
            var start: [Int32] = [0], key: [Int32] = []
            for q in codes { key += map[q]!; start.append(Int32(key.count)) }
            return ScanKeys(start: start, key: key)
        }
        let scan = try StoreScan(store: c.store, period: nil)
        let panel = try PracticePanel(store: c.store, scan: scan)
        #expect(scan.months == c.months)

        let (mismatches, sumsCount, totalsCount) = try Self.compare(c, request, scan: scan, panel: panel, keys: { map[$0]! },
                                                                   value: { k, values in values[columns[keyColumn[Int(k)]].rawValue] })
        #expect(mismatches == 0, "seed \(seed): \(mismatches) sums differ from the naive sum")
        #expect(sumsCount == K && totalsCount == panel.count * K)

        // Rows: every row of a selected presentation, once, with every column.
        let selected = Set(c.presentations.filter { !map[$0]!.isEmpty })
        let rows = try scan.rows(columns: columns, select: { $0.map(selected.contains) }, panel: panel)
        var expected: [String: [Int64]] = [:]
        for (t, month) in c.rows.enumerated() {
            for (p, q, values) in month where selected.contains(q) {
                expected["\(t)|\(p)|\(q)"] = columns.map { values[$0.rawValue] }
            }
        }
        var got: [String: [Int64]] = [:]
        for e in 0..<rows.count {
            let key = "\(rows.month[e])|\(panel.codes[Int(rows.practice[e])])|\(rows.presentations[Int(rows.presentation[e])])"
            #expect(got[key] == nil, "row \(key) twice")
            got[key] = columns.indices.map { rows.values[$0][e] }
        }
        #expect(got == expected, "seed \(seed): rows differ")
        // Month, then prescriber order.
        let order = (0..<rows.count).map { (rows.month[$0], rows.practice[$0]) }
        #expect(zip(order, order.dropFirst()).allSatisfy { $0 <= $1 })
    }

    /// One-column scans switch to decoding whole blocks when most rows are selected; sparse,
    /// mixed and dense selections must all give the naive sums.
    @Test(arguments: [(21, 0.05), (22, 0.6), (23, 0.9), (24, 1.0)] as [(UInt64, Double)])
    func oneColumnScansAtEveryDensity(seed: UInt64, selected: Double) throws {
        let c = try Case(seed: seed)
        defer { try? FileManager.default.removeItem(at: c.dir) }
        var rng = RNG(state: seed &* 77)
        let column = Measure.allCases[Int.random(in: 0..<Measure.allCases.count, using: &rng)]
        let K = 7
        var keyOf: [BNFCode: Int32] = [:]
        for q in c.presentations where Double.random(in: 0..<1, using: &rng) < selected {
            keyOf[q] = Int32.random(in: 0..<Int32(K), using: &rng)
        }
        let map = keyOf
        let request = ScanRequest(columns: [column], keyColumn: Array(repeating: 0, count: K)) { codes in
            ScanKeys(single: codes.map { map[$0] ?? -1 })
        }
        let scan = try StoreScan(store: c.store, period: nil)
        let panel = try PracticePanel(store: c.store, scan: scan)
        let (mismatches, _, _) = try Self.compare(c, request, scan: scan, panel: panel, keys: { map[$0].map { [$0] } ?? [] },
                                                 value: { _, values in values[column.rawValue] })
        #expect(mismatches == 0, "seed \(seed), \(selected) selected: \(mismatches) sums differ")
    }

    /// The scan's sums at both grains against a dictionary sum over the rows as written: the
    /// number that differ, and the sizes of the two results.
    static func compare(_ c: Case, _ request: ScanRequest, scan: StoreScan, panel: PracticePanel,
                        keys: (BNFCode) -> [Int32], value: (Int32, [Int64]) -> Int64) throws -> (Int, Int, Int) {
        var byMonth: [String: Int64] = [:], byPractice: [String: Int64] = [:]
        for (t, month) in c.rows.enumerated() {
            for (p, q, values) in month {
                for k in keys(q) {
                    byMonth["\(p)|\(t)|\(k)", default: 0] &+= value(k, values)
                    byPractice["\(p)|\(k)", default: 0] &+= value(k, values)
                }
            }
        }
        let T = c.months.count, K = request.keyCount
        let sums = try scan.sumsByPracticeMonth(request, panel: panel)
        let totals = try scan.sumsByPractice(request, panel: panel)
        var mismatches = 0
        for (p, code) in panel.codes.enumerated() {
            for k in 0..<K {
                for t in 0..<T where sums[k][p * T + t] != byMonth["\(code)|\(t)|\(k)", default: 0] { mismatches += 1 }
                if totals[p * K + k] != byPractice["\(code)|\(k)", default: 0] { mismatches += 1 }
            }
        }
        return (mismatches, sums.count, totals.count)
    }

    @Test func presentationsListsEachCodeOnceInOrder() throws {
        let c = try Case(seed: 11)
        defer { try? FileManager.default.removeItem(at: c.dir) }
        let scan = try StoreScan(store: c.store, period: nil)
        let listed = scan.presentations { $0.description.hasPrefix("0") }
        let expected = Set(c.rows.flatMap { $0.map(\.1) }).filter { $0.description.hasPrefix("0") }.sorted()
        #expect(listed == expected)
    }
}
