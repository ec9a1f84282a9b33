import Foundation
import Testing
@testable import RxData

/// The bundled Scottish sample directory.
let scottishSample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets/sample/scotland")

/// The bundled Scottish sample (`datasets/sample/scotland`, PHS layouts, gzipped) loads exactly:
/// every prescriber's totals in every month equal sums read straight from the decompressed CSV
/// (a deliberately simple split, independent of the scanner), with each board's non-practice
/// codes kept apart, and the quarterly list sizes equal the populations files' `Sex All` rows.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: scottishSample.path), "datasets/sample/scotland is missing"))
struct ScottishSampleTests {
    static let sample = scottishSample

    static func gunzip(_ gz: String, into dir: TempDir) throws -> String {
        let plain = dir.path((gz as NSString).lastPathComponent.replacingOccurrences(of: ".gz", with: ""))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "gzip -dc '\(gz)' > '\(plain)'"]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        return plain
    }

    @Test(arguments: ["pitc202501.csv.gz", "pitc202506.csv.gz", "pitc202512.csv.gz"])
    func aMonthLoadsExactly(file: String) throws {
        let dir = TempDir()
        let gz = Self.sample.appendingPathComponent(file).path
        let plain = try Self.gunzip(gz, into: dir)
        // Key the independent sums as ingest keys prescribers: non-practice codes by board.
        let text = try String(contentsOfFile: plain, encoding: .utf8)
        var keyed: [String] = []
        for (i, line) in text.split(separator: "\n").enumerated() {
            if i == 0 { keyed.append("Prescriber," + line); continue }
            let f = RealSampleTests.split(line)
            keyed.append((f[1].hasPrefix("9999") ? "\(f[1])@\(f[0])" : f[1]) + "," + line)
        }
        let prepared = dir.path("keyed.csv")
        try (keyed.joined(separator: "\n") + "\n").write(toFile: prepared, atomically: true, encoding: .utf8)
        let expected = try RealSampleTests.independent(path: prepared, practice: "Prescriber", code: "BNFItemCode",
                                                       measures: ["NumberOfPaidItems", "PaidQuantity", "GrossIngredientCost", nil, nil])

        let f = try PrescribingReader().read(path: gz)
        #expect(f.format == .phs)
        #expect(f.summary.linesQuarantined == 0 && f.months.count == 1)
        #expect(RealSampleTests.fromStore(f.months[0]) == expected)
        #expect(f.months[0].validate() == nil)
    }

    @Test func quarterlyListSizesEqualTheAllRows() throws {
        let dir = TempDir()
        let gz = Self.sample.appendingPathComponent("practice_listsizes_apr2025.csv.gz").path
        let plain = try Self.gunzip(gz, into: dir)
        var expected: [String: Int64] = [:]
        for line in try String(contentsOfFile: plain, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            if f[4] == "All" { expected[String(f[1])] = Int64(f[6])! }
        }
        let read = try ListSizeReader.read(path: gz)
        #expect(read.layout == .phsPopulations && read.coveredMonths == [YearMonth(year: 2025, month: 4)!])
        #expect(read.months[0].practices.mapValues(\.total) == expected)
        #expect(expected.count == 40)
    }
}
