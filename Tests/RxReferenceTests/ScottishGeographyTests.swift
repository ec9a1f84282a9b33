import Foundation
import Testing
import RxData
@testable import RxReference

@Suite("ScottishGeography: the bundled boards and HSCPs")
struct ScottishGeographyTests {
    @Test func fourteenBoardsAndThirtyOneHSCPsEachInABoard() throws {
        let ref = try ScottishGeography.reference()
        let boards = try #require(ref.names[.icb])
        let hscps = try #require(ref.names[.subICB])
        #expect(boards.count == 14 && boards.keys.allSatisfy { $0.hasPrefix("S08") && $0.count == 9 })
        #expect(hscps.count == 31 && hscps.keys.allSatisfy { $0.hasPrefix("S37") && $0.count == 9 })
        for (code, up) in ref.ancestors[.subICB] ?? [:] {
            #expect(boards[up[.icb] ?? ""] != nil, "HSCP \(code) is in no known board")
        }
        #expect(boards["S08000031"] == "NHS Greater Glasgow and Clyde")
        #expect(ref.replacedBy[.icb] == ["S08000018": "S08000029", "S08000027": "S08000030",
                                         "S08000021": "S08000031", "S08000023": "S08000032"])
        #expect(ref.replacedBy[.subICB]?.count == 4)
        // Every board has at least one HSCP.
        #expect(Set((ref.ancestors[.subICB] ?? [:]).values.compactMap { $0[.icb] }) == Set(boards.keys))
    }

    @Test func applyingItRemapsOldCodesFillsBoardsAndNames() throws {
        var orgs = OrgDirectory()
        // A PITC row under the 2014 Tayside code; a contact-file practice with only its HSCP.
        orgs.upsert(PracticeRecord(code: "10002", kind: .practice, parents: [.icb: "S08000027", .nation: "S92000003"]))
        orgs.upsert(PracticeRecord(code: "40001", kind: .practice, parents: [.subICB: "S37000015"]))
        orgs.setName("Tayside (as published)", level: .icb, code: "S08000027")
        orgs.apply(try ScottishGeography.reference())
        #expect(orgs.practices["10002"]?.parents[.icb] == "S08000030")
        #expect(orgs.practices["40001"]?.parents == [.subICB: "S37000034", .icb: "S08000031", .nation: "S92000003"])
        // The data's own name moves to the current code; the reference names the rest.
        #expect(orgs.names[.icb]?["S08000030"] == "Tayside (as published)")
        #expect(orgs.names[.icb]?["S08000027"] == nil)
        #expect(orgs.names[.icb]?["S08000031"] == "NHS Greater Glasgow and Clyde")
        #expect(orgs.names[.subICB]?["S37000034"] == "Glasgow City")
        #expect(orgs.names[.nation]?["S92000003"] == "Scotland")
    }
}
