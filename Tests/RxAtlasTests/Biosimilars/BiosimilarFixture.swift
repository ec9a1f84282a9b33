import Foundation
import RxData
@testable import RxAtlas

/// A small hand-made store and catalogue for the biosimilar tests, removed when released.
///
/// Molecule `testmab` (chemical 1001030S0): AA generic, BB originator, BC and BD biosimilars;
/// group AA (default) has all four, group AB only the originator. Molecule `nobios` (0208010D0)
/// has an originator and no biosimilar in the catalogue. BZ is a brand the catalogue lacks.
///
/// Four months (2025-01…04). Month 1 (quantity, actual cost; NIC is twice the actual cost):
/// - A (PCN P1, ICB Q1): originator AA 80 for £800, BC 20 for £120, originator AB 5 for £100,
///   unknown brand BZ 7 for £70, nobios originator 3 for £30;
/// - B (P1, Q1): originator 50 for £500, BD 50 for £250;
/// - C (P2, Q1): BC 30 for £180 — and BC 10 for £60 in each of months 2–4 (100% uptake throughout);
/// - D (P3, Q2): generic AA 40 for £280 only;
/// - E (P3, Q2): originator 20 for £200, BD −5 for −£25 (a negative adjustment);
/// - -@S2 (sub-ICB S2, ICB Q2, no PCN; not a standard practice): originator 10 for £100.
///
/// Hand-worked: national BC 80 units for £480 (£6), BD 45 for £225 (£5), so u = £5 (BD).
/// Price-per-unit peers (standard practices, group AA): A 9.2, B 7.5, C 6, D 7, E 175/15, so
/// the 10th percentile is 6.4.
final class BiosimilarFixture {
    static let originator = BNFCode("1001030S0BBAAAA")!
    static let originatorAB = BNFCode("1001030S0BBABAB")!
    static let bc = BNFCode("1001030S0BCAAAA")!
    static let bd = BNFCode("1001030S0BDAAAA")!
    static let generic = BNFCode("1001030S0AAAAAA")!
    static let unknown = BNFCode("1001030S0BZAAAA")!
    static let nobios = BNFCode("0208010D0BBAAAA")!
    static let other = BNFCode("0302000C0AAAAAA")!   // not catalogued
    static let months = (1...4).map { YearMonth(year: 2025, month: $0)! }

    static let catalogue = try! BiosimilarCatalogue(entries: [
        .init(molecule: "testmab", chemical: "1001030S0", product: "AA", role: .generic, brand: "generic"),
        .init(molecule: "testmab", chemical: "1001030S0", product: "BB", role: .originator, brand: "Orig"),
        .init(molecule: "testmab", chemical: "1001030S0", product: "BC", role: .biosimilar, brand: "Bio C"),
        .init(molecule: "testmab", chemical: "1001030S0", product: "BD", role: .biosimilar, brand: "Bio D"),
        .init(molecule: "nobios", chemical: "0208010D0", product: "BB", role: .originator, brand: "Only"),
    ], source: "fixture.csv")

    let dir: URL
    let store: Store

    /// (practice, presentation, quantity, actual cost) per month.
    static let rows: [[(String, BNFCode, Double, Double)]] = [
        [("A00001", originator, 80, 800), ("A00001", bc, 20, 120), ("A00001", originatorAB, 5, 100),
         ("A00001", unknown, 7, 70), ("A00001", nobios, 3, 30), ("A00001", other, 100, 9),
         ("B00002", originator, 50, 500), ("B00002", bd, 50, 250),
         ("C00003", bc, 30, 180),
         ("D00004", generic, 40, 280),
         ("E00005", originator, 20, 200), ("E00005", bd, -5, -25),
         ("-@S2", originator, 10, 100)],
        [("C00003", bc, 10, 60)],
        [("C00003", bc, 10, 60)],
        [("C00003", bc, 10, 60)],
    ]

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-bios-\(UUID().uuidString)")
        store = try Store.create(at: dir.path, softwareVersion: "test")
        for (t, month) in Self.months.enumerated() { _ = try store.writeMonth(Self.table(month, Self.rows[t])) }
        var orgs = OrgDirectory()
        func add(_ code: String, _ kind: PrescriberKind, setting: String?, pcn: String?, sub: String, icb: String) {
            var parents: [OrgLevel: String] = [.subICB: sub, .icb: icb, .region: "Y1", .nation: "E92"]
            if let pcn { parents[.pcn] = pcn }
            orgs.upsert(PracticeRecord(code: code, name: "Name \(code)", kind: kind, setting: setting, parents: parents))
        }
        add("A00001", .practice, setting: "4", pcn: "P1", sub: "S1", icb: "Q1")
        add("B00002", .practice, setting: "4", pcn: "P1", sub: "S1", icb: "Q1")
        add("C00003", .practice, setting: "4", pcn: "P2", sub: "S1", icb: "Q1")
        add("D00004", .practice, setting: "4", pcn: "P3", sub: "S2", icb: "Q2")
        add("E00005", .practice, setting: "4", pcn: "P3", sub: "S2", icb: "Q2")
        add("-@S2", .unidentified, setting: nil, pcn: nil, sub: "S2", icb: "Q2")
        orgs.setName("First ICB", level: .icb, code: "Q1")
        orgs.setName("Second ICB", level: .icb, code: "Q2")
        try store.writeOrgs(orgs)
    }

    deinit { try? FileManager.default.removeItem(at: dir) }

    /// The analysis over the fixture.
    func result(_ options: BiosimilarOptions = BiosimilarOptions(), costBasis: BiosimilarCostBasis = .actual) throws -> BiosimilarResult {
        let totals = try BiosimilarKernel.totals(store: store, catalogue: Self.catalogue, costBasis: costBasis)
        return try BiosimilarAnalysis.run(totals, catalogue: Self.catalogue, options: options)
    }

    /// A month table from (practice, presentation, quantity, actual cost) rows; items 1, NIC = 2 × actual.
    static func table(_ month: YearMonth, _ rows: [(String, BNFCode, Double, Double)]) -> MonthTable {
        KernelFixture.table(month, rows.map { r in
            (r.0, r.1, [1, FixedPoint.stored(r.2), FixedPoint.stored(2 * r.3), FixedPoint.stored(r.3), 0])
        })
    }
}
