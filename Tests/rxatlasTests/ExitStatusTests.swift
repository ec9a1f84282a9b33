import Foundation
import Testing
import RxData

/// The exit codes and messages of README's table, checked on the built executable.
@Suite(.enabled(if: CLI.path != nil, Comment(rawValue: CLI.missing)))
struct ExitStatusTests {
    @Test func aMissingInputIsAnIOFailureAndLeavesNoStore() throws {
        let s = try Scratch()
        let r = try CLI.run(["ingest", s.file("nothere.csv"), "--store", s.file("store")])
        #expect(r.status == 1, "I/O errors exit 1: \(r.stderr)")
        #expect(r.stderr.hasPrefix("error: ") && r.stderr.contains("nothere.csv") && r.stderr.contains("No such file"))
        #expect(!FileManager.default.fileExists(atPath: s.file("store")), "no empty store folder is left behind")
    }

    @Test func anEmptyInputIsBadDataAndLeavesNoStore() throws {
        let s = try Scratch()
        #expect(FileManager.default.createFile(atPath: s.file("empty.csv"), contents: Data()))
        let r = try CLI.run(["ingest", s.file("empty.csv"), "--store", s.file("store")])
        #expect(r.status == 4, "\(r.stderr)")
        #expect(r.stderr.contains("empty.csv") && r.stderr.contains("empty"))
        #expect(!FileManager.default.fileExists(atPath: s.file("store")))
        // A store directory that was there (empty) before the run stays, still empty.
        try FileManager.default.createDirectory(atPath: s.file("kept"), withIntermediateDirectories: true)
        #expect(try CLI.run(["ingest", s.file("empty.csv"), "--store", s.file("kept")]).status == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: s.file("kept")).isEmpty)
    }

    @Test func aStoreWithNoMonthsIsAFailureNamingTheStore() throws {
        let s = try Scratch()
        _ = try Store.create(at: s.file("store"), softwareVersion: "test")
        let r = try CLI.run(["report", "--store", s.file("store"), "--out", s.file("r.html")])
        #expect(r.status == 1, "\(r.stderr)")
        #expect(r.stderr.hasPrefix("error: ") && r.stderr.contains("no months"))
        #expect(!r.stderr.contains("rxatlas <subcommand>"), "not the top-level usage")
    }

    @Test func badValuesNameTheOptionTheValueAndWhatIsExpected() throws {
        let s = try Scratch()
        _ = try Store.create(at: s.file("store"), softwareVersion: "test")
        let level = try CLI.run(["measures", "--store", s.file("store"), "--level", "county", "--out", s.file("m")])
        #expect(level.status == 2)
        // The option, the value and every valid level (ArgumentParser lists them one per line).
        #expect(level.stderr.contains("'county'") && level.stderr.contains("--level"))
        #expect(["practice", "pcn", "sub-icb", "icb", "region", "nation"].allSatisfy { level.stderr.contains("- \($0)\n") })
        #expect(level.stderr.contains("rxatlas measures --help"), "the subcommand's usage, not the root's")
        #expect(!level.stderr.contains("rxatlas <subcommand>"))

        let month = try CLI.run(["measures", "--store", s.file("store"), "--from", "2025-13", "--out", s.file("m")])
        #expect(month.status == 2)
        #expect(month.stderr.contains("--from") && month.stderr.contains("'2025-13'") && month.stderr.contains("YYYY-MM"))

        let negative = try CLI.run(["synth", "--practices", "-5", "--months", "1", "--seed", "1", "--out", s.file("x")])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("--practices must be at least 1, not -5"), "\(negative.stderr)")
        #expect(!negative.stderr.contains("Missing value"))
        #expect(!FileManager.default.fileExists(atPath: s.file("x")))

        // A usage error found while a subcommand runs also shows that subcommand's usage.
        let steroids = try CLI.run(["steroids", "--store", s.file("store"), "--level", "region", "--out", s.file("o")])
        #expect(steroids.status == 2)
        #expect(steroids.stderr.contains("valid levels: practice, pcn, sub-icb, icb"))
        #expect(steroids.stderr.contains("rxatlas steroids --help"))
    }

    @Test func everyErrorIsSpelledTheSameWay() throws {
        let s = try Scratch()
        for args in [["ingest"], ["measures", "--store", s.file("none"), "--out", s.file("m")], ["nosuchcommand"],
                     ["synth", "--practices", "x", "--months", "1", "--seed", "1", "--out", s.file("x")],
                     ["ingest", s.file("nothere.csv"), "--store", s.file("store")]] {
            let r = try CLI.run(args)
            #expect(r.status != 0)
            #expect(r.stderr.hasPrefix("error: "), "\(args): \(r.stderr)")
            #expect(!r.stderr.contains("Error:"), "\(args): \(r.stderr)")
        }
    }
}
