import Foundation
import Testing

/// `measures --definitions DIR` runs what can run and lists the rest with every reason; with
/// `--strict` a refusal fails the command (exit status 4).
@Suite(.enabled(if: CLI.path != nil, Comment(rawValue: CLI.missing)))
struct MeasureDefinitionsFolderTests {
    static let runnable = """
    {"name": "Prednisolone items", "description": "Prednisolone items per 1,000 patients", "is_percentage": false,
     "is_cost_based": false, "low_is_good": true, "numerator_type": "bnf_items", "numerator_bnf_codes_filter": ["0603020T0"],
     "numerator_where": ["1 = 1"], "denominator_type": "list_size"}
    """
    static let custom = """
    {"name": "Custom", "description": "SQL", "is_percentage": true, "is_cost_based": false, "low_is_good": true,
     "numerator_type": "custom", "numerator_columns": "SUM(items)", "denominator_type": "custom"}
    """

    @Test func runsWhatCanRunAndListsTheRest() throws {
        let s = try Scratch()
        try FileManager.default.createDirectory(atPath: s.file("defs"), withIntermediateDirectories: true)
        try Self.runnable.write(toFile: s.file("defs/pred.json"), atomically: true, encoding: .utf8)
        try Self.custom.write(toFile: s.file("defs/custom.json"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["ingest", CLI.sample + "/epd_202501.csv.gz", "--store", s.file("store"),
                             "--list-sizes", CLI.sample + "/list_sizes_202501.csv.gz"]).status == 0)
        let r = try CLI.run(["measures", "--store", s.file("store"), "--definitions", s.file("defs"), "--out", s.file("out")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("1 of 2 definitions cannot run"))
        #expect(r.stderr.contains("custom: numerator_type: ") && r.stderr.contains("; denominator_type: "))
        let values = try String(contentsOfFile: s.file("out/values.csv"), encoding: .utf8)
        #expect(values.contains("\npred,") && !values.contains("\ncustom,"))

        let strict = try CLI.run(["measures", "--store", s.file("store"), "--definitions", s.file("defs"), "--strict",
                                  "--out", s.file("strict")])
        #expect(strict.status == 4 && strict.stderr.contains("custom.json"))
        #expect(!FileManager.default.fileExists(atPath: s.file("strict/values.csv")))
    }
}
