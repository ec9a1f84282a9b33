import Foundation
import RxData
import Testing

/// The analysis commands on the bundled sample, their CSV outputs compared by XXH64 checksum with
/// `Golden/sample-outputs.txt` (taken from the outputs of the release build before the practice
/// panel and the store scan, to which they are byte-identical). A change meant to move structure must leave them byte-identical;
/// a change of results on purpose regenerates the file (`RXATLAS_UPDATE_GOLDEN=1 swift test
/// --filter SampleOutputsTests`) and the diff shows which outputs it changed.
@Suite(.serialized) struct SampleOutputsTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Golden/sample-outputs.txt").path

    /// The commands run, each into its own directory.
    static let commands: [[String]] = [
        ["measures", "--out", "measures"],
        ["atlas", "--out", "atlas"],
        ["biosimilars", "--out", "biosimilars"],
        ["steroids", "--out", "steroids"],
        // Not `outliers`: its z-scores are computed on BLAS, whose kernels differ in the last
        // bits by CPU (ChemicalOutlierAnalysisTests checks them within a tolerance).
    ]

    @Test(.enabled(if: CLI.path != nil, "\(CLI.missing)"))
    func sampleOutputsAreUnchanged() throws {
        let s = try Scratch()
        let sample = CLI.sample
        let files = try FileManager.default.contentsOfDirectory(atPath: sample).sorted()
        let ingest = try CLI.run(["ingest"] + files.filter { $0.hasPrefix("epd_") }.map { sample + "/" + $0 }
            + ["--store", s.file("store"), "--list-sizes"] + files.filter { $0.hasPrefix("list_sizes_") }.map { sample + "/" + $0 }
            + ["--orgs", sample + "/orgs.csv.gz", "--quiet"])
        #expect(ingest.status == 0, "\(ingest.stderr)")
        for command in Self.commands {
            let r = try CLI.run(command + ["--store", s.file("store"), "--quiet"], in: s.path)
            #expect(r.status == 0, "\(command[0]): \(r.stderr)")
        }
        var lines: [String] = []
        for dir in Self.commands.map({ $0[2] }) {
            for name in try FileManager.default.contentsOfDirectory(atPath: s.file(dir)).sorted() where name.hasSuffix(".csv") {
                let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: s.file(dir + "/" + name))))
                lines.append("\(dir)/\(name) \(bytes.count) \(String(XXH64.hash(bytes), radix: 16))")
            }
        }
        let text = lines.joined(separator: "\n") + "\n"
        if ProcessInfo.processInfo.environment["RXATLAS_UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: Self.golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: Self.golden, encoding: .utf8).split(separator: "\n").map(String.init)
        let differing = Set(lines).symmetricDifference(expected).map { String($0.split(separator: " ")[0]) }
        #expect(lines.count == expected.count && differing.isEmpty,
                "outputs that differ from Golden/sample-outputs.txt: \(Set(differing).sorted())")
    }
}
