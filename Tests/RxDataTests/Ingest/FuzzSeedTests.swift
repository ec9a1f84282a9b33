import Foundation
import Testing
@testable import RxData

/// The fuzzers' seed corpus (Fuzz/corpus/prescribing) is written from these fixtures, so it
/// follows the layouts the tests know. `RXATLAS_WRITE_FUZZ_SEEDS=1 swift test --filter FuzzSeed`
/// rewrites it; otherwise the test checks that every committed seed reads as its layout.
@Suite struct FuzzSeedTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/prescribing").path

    static var seeds: [(name: String, text: String)] {
        [
            ("epd-legacy.csv", ([Fixtures.epdLegacyHeader, Fixtures.epdLegacyRow(), Fixtures.epdLegacyRow(practice: "B85010", items: "3"),
                                 Fixtures.epdLegacyRow(month: "2017_10", bnf: "0101010R0AAABAB")]).joined(separator: "\r\n") + "\r\n"),
            ("epd-2025.csv", [Fixtures.epd2025Header, Fixtures.epd2025Row(), Fixtures.epd2025Row(practice: "A81002")].joined(separator: "\n") + "\n"),
            ("pdpi-padded.csv", [Fixtures.pdpiPaddedHeader, Fixtures.pdpiPaddedRow()].joined(separator: "\n") + "\n"),
            ("pdpi-clean.csv", [Fixtures.pdpiCleanHeader, Fixtures.pdpiCleanRow(), Fixtures.pdpiCleanRow(items: "2")].joined(separator: "\n") + "\n"),
            ("phs.csv", [Fixtures.phsHeader, Fixtures.phsRow(), Fixtures.phsRow(practice: "99996")].joined(separator: "\n") + "\n"),
        ]
    }

    @Test func seedsAreTheFixturesAndReadAsTheirLayouts() throws {
        if ProcessInfo.processInfo.environment["RXATLAS_WRITE_FUZZ_SEEDS"] != nil {
            try FileManager.default.createDirectory(atPath: Self.directory, withIntermediateDirectories: true)
            for s in Self.seeds { try s.text.write(toFile: Self.directory + "/" + s.name, atomically: true, encoding: .utf8) }
        }
        for s in Self.seeds {
            let path = Self.directory + "/" + s.name
            #expect(try String(contentsOfFile: path, encoding: .utf8) == s.text, "\(s.name) is out of date: rewrite the seeds")
            #expect(try PrescribingReader(threads: 1).read(path: path).summary.rowsKept > 0)
        }
    }
}
