import Foundation
import Testing
@testable import RxData

/// Reads the real published extracts in `../shared/data/samples` and checks every practice's
/// totals and distinct-code counts against an independent computation written here (Foundation's
/// `Decimal`, a plain quote-aware split), so the fast path is checked by slow, obvious code.
@Suite(.enabled(if: SharedData.available, "../shared/data is absent: real-sample checks skipped"))
struct RealSampleTests {
    /// Independent per-practice totals: items, quantity, NIC, actual cost, ADQ, and distinct codes.
    struct Totals: Equatable {
        var values = [Decimal](repeating: 0, count: 5)
        var codes = Set<String>()
    }

    /// A deliberately simple CSV split (quotes with commas; no escaped quotes in these files).
    static func split(_ line: Substring) -> [String] {
        var out: [String] = []
        var cur = ""
        var quoted = false
        for ch in line {
            if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { out.append(cur); cur = "" } else { cur.append(ch) }
        }
        out.append(cur)
        return out.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func independent(path: String, practice: String, code: String, measures: [String?]) throws -> [String: Totals] {
        let text = try String(contentsOfFile: path, encoding: .isoLatin1)
        var lines = text.split(omittingEmptySubsequences: true, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let header = split(lines.removeFirst())
        let pi = header.firstIndex(of: practice)!, ci = header.firstIndex(of: code)!
        let mi = measures.map { name in name.flatMap { header.firstIndex(of: $0) } }
        var out: [String: Totals] = [:]
        for line in lines {
            let f = split(line)
            var t = out[f[pi], default: Totals()]
            for (k, i) in mi.enumerated() { if let i { t.values[k] += Decimal(string: f[i])! } }
            t.codes.insert(f[ci])
            out[f[pi]] = t
        }
        return out
    }

    static func fromStore(_ m: MonthTable) -> [String: Totals] {
        var out: [String: Totals] = [:]
        for (p, code) in m.practiceCodes.enumerated() {
            var t = Totals()
            for r in Int(m.practiceStart[p])..<Int(m.practiceStart[p + 1]) {
                for c in Measure.allCases {
                    let v = m.columns[c.rawValue][r]
                    t.values[c.rawValue] += c == .items ? Decimal(v) : Decimal(string: FixedPoint.text(v))!
                }
                t.codes.insert(m.presentationCodes[Int(m.presentation[r])].description)
            }
            out[code] = t
        }
        return out
    }

    @Test(arguments: ["epd_201709_4practices.csv", "epd_201710_4practices.csv"])
    func englishPrescribingDataLoadsExactly(file: String) throws {
        let path = SharedData.path("samples/" + file)
        let f = try PrescribingReader().read(path: path)
        #expect(f.format == .epdLegacy)
        #expect(f.months.count == 1)
        let expected = try Self.independent(path: path, practice: "PRACTICE_CODE", code: "BNF_CODE",
                                            measures: ["ITEMS", "TOTAL_QUANTITY", "NIC", "ACTUAL_COST", "ADQUSAGE"])
        let got = Self.fromStore(f.months[0])
        #expect(Set(got.keys) == ["B85010", "B85054", "L84018", "L84073"])
        #expect(got == expected)
        let lines = try Data(contentsOf: URL(fileURLWithPath: path)).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        #expect(f.summary.linesRead == lines)
        #expect(f.summary.rowsKept == lines - 1)
        #expect(f.summary.linesQuarantined == 0)
        #expect(f.months[0].validate() == nil)
        // Pack sizes collapse: fewer rows out than in, one per practice x code.
        #expect(f.summary.rowsOut == expected.values.reduce(0) { $0 + $1.codes.count })
    }

    @Test func practiceLevelPrescribingLoadsExactly() throws {
        let path = SharedData.path("samples/pdpi_201410_sample.csv")
        let f = try PrescribingReader().read(path: path)
        #expect(f.format == .pdpiPadded)
        let expected = try Self.independent(path: path, practice: "PRACTICE", code: "BNF CODE",
                                            measures: ["ITEMS", "QUANTITY", "NIC", "ACT COST", nil])
        #expect(Self.fromStore(f.months[0]) == expected)
        #expect(f.months[0].month == YearMonth(year: 2014, month: 10))
    }
}
