import Foundation
import Testing

/// `rxatlas synth --month M --stdout | rxatlas ingest -`: one month of a long run goes straight
/// into a store, and the store equals the one built from that month's file.
@Suite(.enabled(if: CLI.path != nil, Comment(rawValue: CLI.missing)))
struct SynthToIngestTests {
    let run = ["synth", "--practices", "40", "--months", "6", "--start", "2024-01", "--seed", "11"]

    @Test func oneMonthOfARunIsThatMonthOfTheWholeRun() throws {
        let dir = try Scratch()
        #expect(try CLI.run(run + ["--out", "whole", "--quiet"], in: dir.path).status == 0)
        let one = try CLI.run(run + ["--month", "2024-04", "--stdout", "--out", "lists", "--quiet"], in: dir.path)
        #expect(one.status == 0)
        #expect(one.stdout == (try String(contentsOfFile: dir.file("whole/epd_202404.csv"), encoding: .utf8)))
        #expect(FileManager.default.fileExists(atPath: dir.file("lists/list_sizes_202404.csv")))
        #expect(!FileManager.default.fileExists(atPath: dir.file("lists/list_sizes_202403.csv")))
    }

    @Test func aPipedMonthStoresWhatItsFileStores() throws {
        let dir = try Scratch()
        #expect(try CLI.run(run + ["--out", "whole", "--quiet"], in: dir.path).status == 0)
        let piped = try CLI.pipeline(run + ["--month", "2024-02", "--stdout", "--out", "lists", "--quiet"],
                                     ["ingest", "-", "--store", "piped", "--list-sizes", "lists/list_sizes_202402.csv",
                                      "--orgs", "lists/orgs.csv"], in: dir.path)
        #expect(piped.first == 0 && piped.second.status == 0, "\(piped.second.stderr)")
        #expect(try CLI.run(["ingest", "whole/epd_202402.csv", "--store", "filed", "--list-sizes", "whole/list_sizes_202402.csv",
                             "--orgs", "whole/orgs.csv"], in: dir.path).status == 0)
        let a = try FileManager.default.contentsOfDirectory(atPath: dir.file("piped/months")).filter { $0.hasSuffix(".rxsnap") }
        let b = try FileManager.default.contentsOfDirectory(atPath: dir.file("filed/months")).filter { $0.hasSuffix(".rxsnap") }
        #expect(a.count == 1 && a == b)
        #expect(FileManager.default.contents(atPath: dir.file("piped/months/" + a[0]))
                == FileManager.default.contents(atPath: dir.file("filed/months/" + b[0])))
        let manifest = try String(contentsOfFile: dir.file("piped/store.json"), encoding: .utf8)
        #expect(manifest.contains("(standard input)"))
    }

    @Test func stdoutTakesOneEnglishMonth() throws {
        let dir = try Scratch()
        let many = try CLI.run(run + ["--stdout", "--out", "x"], in: dir.path)
        #expect(many.status != 0 && many.stderr.contains("one month"))
        let outside = try CLI.run(run + ["--month", "2025-01", "--out", "x"], in: dir.path)
        #expect(outside.status != 0 && outside.stderr.contains("outside the run"))
    }
}
