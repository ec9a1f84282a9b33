import Testing
import RxData
@testable import RxAtlas

@Suite("PracticePanel: prescribers, classes, units, list sizes and the roll-up")
struct PracticePanelTests {
    @Test func prescribersClassesAndListSizes() throws {
        let f = try KernelFixture()
        let scan = try StoreScan(store: f.store, period: nil)
        let panel = try PracticePanel(store: f.store, scan: scan)
        // The directory plus every month's prescribers, in code order.
        #expect(panel.codes == ["-@01A", "A00001", "A00002", "A00003", "Z00009"])
        #expect(panel.classes == [.unidentified, .standardPractice, .standardPractice, .otherPractice, .standardPractice])
        // A00002 has a list both months (800, then 1,200) and prescribes only in month 1.
        let a2 = panel.id(of: "A00002")!
        #expect(panel.listSizes[a2 * 2] == 800 && panel.listSizes[a2 * 2 + 1] == 1200)
        #expect(panel.listSizes[panel.id(of: "-@01A")! * 2] == -1)
        #expect(panel.nation(of: a2) == "E92")
        #expect(panel.listSizeSources == [.own, .own])
    }

    @Test func unitsPerLevelAndTheRollUp() throws {
        let f = try KernelFixture()
        let panel = try PracticePanel(store: f.store, scan: try StoreScan(store: f.store, period: nil))
        let pcn = panel.level(.pcn)
        #expect(pcn.codes == ["P1", "P2"] && pcn.names == ["First PCN", nil])
        // The unidentified bucket has no PCN.
        #expect(pcn.unitOf == [-1, 0, 1, 0, 0])
        // Two columns per prescriber: 1 and its id.
        let values = panel.codes.indices.flatMap { [Int64(1), Int64($0)] }
        let all = panel.rollUp(values, width: 2, to: .pcn)
        #expect(all.sums == [3, 1 + 3 + 4, 1, 2] && all.members == [3, 1])
        let standard = panel.rollUp(values, width: 2, to: .pcn, including: panel.isStandard)
        #expect(standard.sums == [2, 1 + 4, 1, 2] && standard.members == [2, 1])
        let subICB = panel.rollUp(values, width: 2, to: .subICB)
        #expect(subICB.sums == [5, 0 + 1 + 2 + 3 + 4])
    }

    @Test func oneListSizeExtractIsCarriedAndMarked() throws {
        let f = try KernelFixture()
        let m3 = YearMonth(year: 2025, month: 3)!
        _ = try f.store.writeMonth(KernelFixture.table(m3, [("A00001", KernelFixture.c0, 1)]))
        let panel = try PracticePanel(store: f.store, scan: try StoreScan(store: f.store, period: nil), listSizeCarry: 1)
        #expect(panel.listSizeSources == [.own, .own, .carried(from: KernelFixture.m2)])
        #expect(panel.listSizes[panel.id(of: "A00002")! * 3 + 2] == 1200)
        let none = try PracticePanel(store: f.store, scan: try StoreScan(store: f.store, period: m3...m3), listSizeCarry: 0)
        #expect(none.listSizeSources == [.missing])
        // Being standard does not depend on the period: A00002 has list sizes elsewhere in the store.
        #expect(none.classes[none.id(of: "A00002")!] == .standardPractice)
        #expect(none.classes[none.id(of: "A00001")!] == .standardPractice, "setting 4 decides without a list")
    }

    @Test func aMonthFromAnotherPeriodIsRefused() throws {
        let f = try KernelFixture()
        let panel = PracticePanel(months: [KernelFixture.m1], codes: ["A00001"], orgs: OrgDirectory(), isStandard: [true])
        #expect(throws: StoreError.self) { try panel.ids(of: f.store.loadMonth(KernelFixture.m1)) }
    }
}
