import Foundation
import Testing
@testable import RxData

@Suite struct ResultTableTests {
    @Test func csvSpellingOfEachType() throws {
        let dir = TempDir()
        let t = ResultTable(name: "t", columns: [ResultColumn("name", .text), ResultColumn("n", .integer), ResultColumn("x", .real),
                                                 ResultColumn("saving", .pounds), ResultColumn("flag", .boolean)],
                            rows: [[.text("A, \"quoted\""), .integer(3), .real(0.1), .real(-2.005), .boolean(true)],
                                   [.null, .count(nil), .number(.nan), .number(1e20), .boolean(false)],
                                   [.optionalText(nil), .count(7), .number(12), .real(0.1), .null]])
        try CSVWriter.write(t, to: dir.path("t.csv"))
        let text = try String(contentsOfFile: dir.path("t.csv"), encoding: .utf8)
        #expect(text == "name,n,x,saving,flag\n\"A, \"\"quoted\"\"\",3,0.1,-2.01,true\n,,,1e+20,false\n,7,12,0.10,\n")
        #expect(t.columnIndex("x") == 2 && t.columnIndex("nope") == nil)
    }

    @Test func poundsToThePenny() {
        #expect(CSVWriter.pounds(112) == "112.00")
        #expect(CSVWriter.pounds(-0.004) == "0.00")
        #expect(CSVWriter.pounds(.infinity) == "")
    }

    @Test func replaceCommitsOrLeavesTheOldFile() throws {
        let dir = TempDir()
        let path = dir.path("db")
        try AtomicFile.write("old", to: path)
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try AtomicFile.replace(path) { tmp in
                try "half".write(toFile: tmp, atomically: false, encoding: .utf8)
                try "j".write(toFile: tmp + "-journal", atomically: false, encoding: .utf8)
                throw Boom()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["db"])
        try AtomicFile.replace(path) { tmp in try "new".write(toFile: tmp, atomically: false, encoding: .utf8) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["db"])
    }
}
