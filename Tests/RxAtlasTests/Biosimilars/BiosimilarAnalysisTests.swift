import Testing
import RxData
@testable import RxAtlas

/// The analysis over the hand-made fixture, against the figures worked by hand in
/// ``BiosimilarFixture``'s notes.
@Suite struct BiosimilarAnalysisTests {
    static func row(_ r: BiosimilarResult, _ molecule: String, _ level: OrgLevel, _ code: String) -> BiosimilarOpportunity? {
        r.opportunities.first { $0.molecule == molecule && $0.level == level && $0.orgCode == code }
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    @Test func bestValueAndPricePerUnitTarget() throws {
        let f = try BiosimilarFixture()
        let r = try f.result()
        let aa = try #require(r.prices.first { $0.group == "1001030S0 AA" })
        #expect(Self.close(aa.bestValueUnitCost, 5))
        #expect(aa.bestValueProduct == "1001030S0BD")
        #expect(aa.bestValueBrand == "Bio D")
        #expect(aa.biosimilarProducts == 2)
        #expect(Self.close(aa.pricePerUnitTarget, 6.4))
        #expect(aa.peerPractices == 5)   // the unidentified bucket is not a peer
        #expect(Self.close(aa.originatorQuantity, 160))
        #expect(aa.note.isEmpty)
        // A group with no biosimilar: no best value, no switch saving, and said so.
        let ab = try #require(r.prices.first { $0.group == "1001030S0 AB" })
        #expect(ab.bestValueUnitCost.isNaN)
        #expect(ab.note.contains("no biosimilar prescribed"))
        let nb = try #require(r.prices.first { $0.molecule == "nobios" })
        #expect(nb.note.contains("lists no biosimilar of nobios"))
        #expect(r.opportunities.filter { $0.molecule == "nobios" }.allSatisfy { $0.fullSwitch == 0 && $0.targetUptake == 0 })
    }

    @Test func practiceSavingsMatchHandWorkedValues() throws {
        let f = try BiosimilarFixture()
        let r = try f.result()
        // (full switch, target uptake 90%, price per unit) per prescriber.
        let expected: [String: (Double, Double, Double)] = [
            "A00001": (400, 350, 280), "B00002": (250, 200, 110), "C00003": (0, 0, 0),
            "D00004": (0, 0, 24), "E00005": (100, 92.5, 79), "-@S2": (50, 45, 36),
        ]
        for (code, e) in expected {
            let o = try #require(Self.row(r, "testmab", .practice, code))
            #expect(Self.close(o.fullSwitch, e.0), "\(code) full switch \(o.fullSwitch)")
            #expect(Self.close(o.targetUptake, e.1), "\(code) target uptake \(o.targetUptake)")
            #expect(Self.close(o.pricePerUnit, e.2), "\(code) price per unit \(o.pricePerUnit)")
        }
        // Already at 100%: uptake 1, nothing to save.
        let c = try #require(Self.row(r, "testmab", .practice, "C00003"))
        #expect(c.uptake == 1)
        #expect(Self.close(c.biosimilarQuantity, 60))
        // Generic-level only: reported, not in the uptake.
        let d = try #require(Self.row(r, "testmab", .practice, "D00004"))
        #expect(d.uptake.isNaN)
        #expect(Self.close(d.genericQuantity, 40))
        #expect(d.originatorQuantity == 0 && d.biosimilarQuantity == 0)
        // A negative adjustment stays in the sums.
        let e = try #require(Self.row(r, "testmab", .practice, "E00005"))
        #expect(Self.close(e.biosimilarQuantity, -5))
        #expect(Self.close(e.biosimilarCost, -25))
    }

    @Test func levelsReconcileAndAnnualise() throws {
        let f = try BiosimilarFixture()
        let r = try f.result()
        let q1 = try #require(Self.row(r, "testmab", .icb, "Q1"))
        #expect(Self.close(q1.fullSwitch, 650) && Self.close(q1.targetUptake, 550) && Self.close(q1.pricePerUnit, 390))
        #expect(Self.close(q1.uptake, 130.0 / 265))   // biosimilar BC 20 + 60, BD 50; originator 80 + 5 (AB) + 50
        let nation = try #require(Self.row(r, "testmab", .nation, "E92"))
        #expect(Self.close(nation.fullSwitch, 800) && Self.close(nation.targetUptake, 687.5) && Self.close(nation.pricePerUnit, 529))
        #expect(q1.orgName == "First ICB")
        // Four months: annualised = × 3.
        #expect(r.months.count == 4)
        #expect(Self.close(r.annualised(nation.fullSwitch), 2400))
        // Every organisation's row is the sum of its prescribers' rows; no saving is negative.
        let practices = r.opportunities.filter { $0.level == .practice }
        for o in r.opportunities {
            #expect(o.fullSwitch >= 0 && o.targetUptake >= 0 && o.pricePerUnit >= 0 && o.sensitivity.allSatisfy { $0 >= 0 })
            guard o.level != .practice else { continue }
            let members = practices.filter { p in
                p.molecule == o.molecule && f.orgsParent(p.orgCode, o.level) == o.orgCode
            }
            #expect(!members.isEmpty)
            for (a, b) in [(o.fullSwitch, \BiosimilarOpportunity.fullSwitch), (o.targetUptake, \.targetUptake),
                           (o.pricePerUnit, \.pricePerUnit), (o.originatorQuantity, \.originatorQuantity),
                           (o.biosimilarCost, \.biosimilarCost)] {
                #expect(Self.close(a, members.reduce(0) { $0 + $1[keyPath: b] }))
            }
            for k in o.sensitivity.indices {
                #expect(Self.close(o.sensitivity[k], members.reduce(0) { $0 + $1.sensitivity[k] }))
            }
        }
    }

    @Test func sensitivityGridAndDiscount() throws {
        let f = try BiosimilarFixture()
        let r = try f.result()
        let a = try #require(Self.row(r, "testmab", .practice, "A00001"))
        let D = r.options.sensitivityDiscounts.count
        #expect(a.sensitivity.count == 36)
        // t = 50%, no discount: switch min(80, 50 − 20) = 30 at £5 → £150.
        #expect(Self.close(a.sensitivity[0], 150))
        // t = 100%, 50% off u: 80 × (£10 − £2.50) = £600.
        #expect(Self.close(a.sensitivity[5 * D + 5], 600))
        // t = 90%, no discount: the target-uptake saving.
        #expect(Self.close(a.sensitivity[4 * D], a.targetUptake))
        // t = 100%, no discount: the full switch.
        #expect(Self.close(a.sensitivity[5 * D], a.fullSwitch))
    }

    @Test func nicBasisDoublesEverySaving() throws {
        let f = try BiosimilarFixture()
        let r = try f.result(costBasis: .nic)
        let a = try #require(Self.row(r, "testmab", .practice, "A00001"))
        #expect(Self.close(a.fullSwitch, 800) && Self.close(a.targetUptake, 700) && Self.close(a.pricePerUnit, 560))
    }

    @Test func unclassifiedIsReportedNotCounted() throws {
        let f = try BiosimilarFixture()
        let r = try f.result()
        #expect(r.unclassified.map(\.presentation.code) == [BiosimilarFixture.unknown])
        #expect(r.unclassified.first?.quantity == 7)
        #expect(r.unclassified.first?.cost == 70)
        // Not catalogued at all: not read.
        #expect(!r.presentations.contains { $0.presentation.code == BiosimilarFixture.other })
        let a = try #require(Self.row(r, "testmab", .practice, "A00001"))
        #expect(Self.close(a.originatorQuantity, 85))   // 80 (AA) + 5 (AB); BZ's 7 not counted
    }

    @Test func timeCourseAndSwitchMonth() throws {
        let f = try BiosimilarFixture()
        let r = try f.result()
        #expect(r.timeCourse.count == r.opportunities.count)
        #expect(zip(r.timeCourse, r.opportunities).allSatisfy { $0.orgCode == $1.orgCode && $0.level == $1.level && $0.molecule == $1.molecule })
        func course(_ level: OrgLevel, _ code: String) -> BiosimilarTimeCourse? {
            r.timeCourse.first { $0.molecule == "testmab" && $0.level == level && $0.orgCode == code }
        }
        let c = try #require(course(.practice, "C00003"))
        #expect(c.uptakes == [1, 1, 1, 1])
        #expect(c.biosimilarQuantity == [30, 10, 10, 10])
        #expect(c.switchMonth == BiosimilarFixture.months[0])
        // 20% in month 1 and nothing after: no switch.
        let a = try #require(course(.practice, "A00001"))
        #expect(a.switchMonth == nil)
        #expect(a.uptake(1).isNaN)
        let q1 = try #require(course(.icb, "Q1"))
        #expect(q1.originatorQuantity.count == 4)
        #expect(Self.close(q1.uptake(0), 100.0 / 235))
        #expect(q1.uptakes[1...] == [1, 1, 1])
    }

    @Test func unknownMoleculeIsAnError() throws {
        let f = try BiosimilarFixture()
        let totals = try BiosimilarKernel.totals(store: f.store, catalogue: BiosimilarFixture.catalogue)
        #expect(throws: InputError.self) {
            try BiosimilarAnalysis.run(totals, catalogue: BiosimilarFixture.catalogue, molecules: ["nothing"])
        }
        let only = try BiosimilarAnalysis.run(totals, catalogue: BiosimilarFixture.catalogue, molecules: ["NOBIOS"])
        #expect(only.molecules == ["nobios"])
        #expect(Set(only.opportunities.map(\.molecule)) == ["nobios"])
    }
}

extension BiosimilarFixture {
    /// A prescriber's organisation at a level, from the fixture's directory.
    func orgsParent(_ practice: String, _ level: OrgLevel) -> String? {
        (try? store.readOrgs())?.practices[practice]?.parents[level]
    }
}
