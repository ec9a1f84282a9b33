import Foundation
import RxData
@testable import RxAtlas

/// A small hand-made store for the kernel tests, removed when released.
///
/// Two months, four presentations, and these prescribers (all in sub-ICB 01A, ICB QA0, region
/// Y62, nation E92):
/// - A00001: setting 4, PCN P1, list 5,000 both months;
/// - A00002: no setting (standard by having a list), PCN P2, list 800 then 1,200; does not
///   prescribe in month 2;
/// - A00003: setting 1 (not a GP practice), PCN P1, list 3,000;
/// - -@01A: the sub-ICB's unidentified bucket (no PCN);
/// - Z00009: setting 4, PCN P1, list 2,000, never prescribes (zero-filled).
///
/// Quantity is 2.5 × items and actual cost 1.23 × items on every row.
final class KernelFixture {
    static let c0 = BNFCode("0302000C0AAAAAA")!   // an ICS, ends AA
    static let n0 = BNFCode("0302000N0AAABAB")!   // another ICS, ends AB
    static let r0 = BNFCode("0301011R0AAAPAP")!   // a SABA
    static let t0 = BNFCode("0603020T0AAACAC")!   // prednisolone
    static let m1 = YearMonth(year: 2025, month: 1)!
    static let m2 = YearMonth(year: 2025, month: 2)!

    let dir: URL
    let store: Store

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-kernel-\(UUID().uuidString)")
        store = try Store.create(at: dir.path, softwareVersion: "test")
        _ = try store.writeMonth(Self.table(Self.m1, [
            ("-@01A", Self.c0, 3),
            ("A00001", Self.c0, 10), ("A00001", Self.n0, 30), ("A00001", Self.r0, 20), ("A00001", Self.t0, 5),
            ("A00002", Self.c0, 4), ("A00002", Self.r0, 1),
            ("A00003", Self.n0, 7),
        ]))
        _ = try store.writeMonth(Self.table(Self.m2, [
            ("A00001", Self.c0, 12), ("A00001", Self.n0, 8),
            ("A00003", Self.c0, 2),
        ]))
        var orgs = OrgDirectory()
        func add(_ code: String, _ kind: PrescriberKind, setting: String?, pcn: String?) {
            var parents: [OrgLevel: String] = [.subICB: "01A", .icb: "QA0", .region: "Y62", .nation: "E92"]
            if let pcn { parents[.pcn] = pcn }
            orgs.upsert(PracticeRecord(code: code, name: "Name \(code)", kind: kind, setting: setting, parents: parents))
        }
        add("A00001", .practice, setting: "4", pcn: "P1")
        add("A00002", .practice, setting: nil, pcn: "P2")
        add("A00003", .practice, setting: "1", pcn: "P1")
        add("-@01A", .unidentified, setting: nil, pcn: nil)
        add("Z00009", .practice, setting: "4", pcn: "P1")
        orgs.setName("First PCN", level: .pcn, code: "P1")
        orgs.setName("Sub-ICB 01A", level: .subICB, code: "01A")
        try store.writeOrgs(orgs)
        try store.writeListSizes(ListSizeMonth(month: Self.m1, practices: [
            "A00001": PracticeList(total: 5000), "A00002": PracticeList(total: 800),
            "A00003": PracticeList(total: 3000), "Z00009": PracticeList(total: 2000),
        ]))
        try store.writeListSizes(ListSizeMonth(month: Self.m2, practices: [
            "A00001": PracticeList(total: 5000), "A00002": PracticeList(total: 1200),
            "A00003": PracticeList(total: 3000), "Z00009": PracticeList(total: 2000),
        ]))
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// A month table from (practice, presentation, items) rows.
    static func table(_ month: YearMonth, _ rows: [(String, BNFCode, Int64)]) -> MonthTable {
        table(month, rows.map { r in (r.0, r.1, [r.2, r.2 * 250_000, r.2 * 100_000, r.2 * 123_000, 0]) })
    }

    /// A month table from (practice, presentation, stored value of every `Measure` column) rows.
    static func table(_ month: YearMonth, _ rows: [(String, BNFCode, [Int64])]) -> MonthTable {
        let practices = Array(Set(rows.map(\.0))).sorted()
        let presentations = Array(Set(rows.map(\.1))).sorted()
        let sorted = rows.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
        var starts: [Int32] = [0]
        for p in practices { starts.append(starts.last! + Int32(sorted.filter { $0.0 == p }.count)) }
        var columns = [[Int64]](repeating: [], count: Measure.allCases.count)
        for r in sorted {
            for m in Measure.allCases { columns[m.rawValue].append(r.2[m.rawValue]) }
        }
        return MonthTable(month: month, practiceCodes: practices, presentationCodes: presentations,
                          practiceStart: starts, presentation: sorted.map { Int32(presentations.firstIndex(of: $0.1)!) },
                          columns: columns, measures: .all)
    }

    /// A measure over items (or another column) with filters given as term lists.
    static func measure(_ id: String, _ numerator: MeasureDefinition.SideQuantity, _ numeratorFilter: [String]?,
                        _ denominator: MeasureDefinition.SideQuantity, _ denominatorFilter: [String]?,
                        percentage: Bool, minimumDenominator: Double = 0) throws -> MeasureDefinition {
        MeasureDefinition(id: id, name: id, isPercentage: percentage, lowIsGood: true, isCostBased: false,
                          numerator: .init(quantity: numerator, filter: try numeratorFilter.map { try BNFFilter($0) }),
                          denominator: .init(quantity: denominator, filter: try denominatorFilter.map { try BNFFilter($0) }),
                          minimumDenominator: minimumDenominator)
    }
}
