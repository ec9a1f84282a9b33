import Foundation
import Testing
@testable import RxData

/// Reads the real published list-size samples in `../shared/data/samples` and checks them
/// against totals computed here independently, by splitting the lines by hand.
@Suite("ListSizeReader: real samples", .enabled(if: ReaderFixtures.sharedDataPresent, ReaderFixtures.sharedDataMissing))
struct ListSizeSampleTests {
    /// Lines of a file without its header (no quoting in these columns, so a split is exact).
    private func lines(_ path: String) throws -> [[String]] {
        try String(contentsOfFile: path, encoding: .isoLatin1)
            .split(whereSeparator: \.isNewline).dropFirst()
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    @Test(arguments: [(201709, 2017, 9), (201710, 2017, 10)])
    func quinaryAgeSample(stamp: Int, year: Int, month: Int) throws {
        let path = ReaderFixtures.shared("samples/gp-reg-pat-prac-quin-age_\(stamp)_sample.csv")
        let result = try ListSizeReader.read(path: path)

        // Independent: the SEX ALL / AGE ALL rows, and the band sums per sex.
        let rows = try lines(path)
        var totals: [String: Int64] = [:]
        var male: [String: Int64] = [:], female: [String: Int64] = [:]
        for r in rows {
            let (code, sex, age, n) = (r[3], r[6], r[7], Int64(r[8])!)
            if sex == "ALL" && age == "ALL" { totals[code] = n }
            if sex == "MALE" && age != "ALL" { male[code, default: 0] += n }
            if sex == "FEMALE" && age != "ALL" { female[code, default: 0] += n }
        }
        #expect(totals.count == 4)

        #expect(result.layout == .registeredQuinaryAge)
        #expect(result.coveredMonths == [YearMonth(year: year, month: month)!])
        #expect(result.rowsRead == rows.count)
        #expect(result.rowsRead == 4 * 43)
        #expect(result.rowsSkipped == 0)
        let lists = result.months[0].practices
        #expect(lists.mapValues(\.total) == totals)
        for (code, list) in lists {
            #expect(list.male.count == 20 && list.female.count == 20)
            #expect(list.male.values.reduce(0, +) == male[code])
            #expect(list.female.values.reduce(0, +) == female[code])
        }
        #expect(Set(result.orgs.practices.keys) == ["B85010", "B85054", "L84018", "L84073"])
        if stamp == 201709 {
            #expect(lists["B85010"]?.total == 6939)
            #expect(lists["B85010"]?.male["95+"] == 5)
            #expect(result.orgs.practices["B85010"]?.postcode == "HD5 8DY")
        }
    }

    @Test func wideQuarterlyNationalFile() throws {
        let path = ReaderFixtures.shared("samples/Patient_List_Size_2016_01-03.csv")
        let result = try ListSizeReader.read(path: path)

        // Independent: the practice code and the 18 bands are the last 19 comma-separated
        // fields of each line (names before them may hold quoted commas; numbers never do).
        var totals: [String: Int64] = [:]
        var parents: [String: (String, String, String)] = [:]
        for r in try lines(path) {
            let tail = r.suffix(19)
            totals[tail.first!] = tail.dropFirst().reduce(0) { $0 + Int64($1)! }
            if r.count == 26 && !r.contains(where: { $0.contains("\"") }) {
                parents[tail.first!] = (r[1], r[3], r[5])
            }
        }
        #expect(totals.count == 7705)

        #expect(result.layout == .nhsbsaWideQuarterly)
        #expect(result.coveredMonths == [1, 2, 3].map { YearMonth(year: 2016, month: $0)! })
        #expect(result.rowsRead == 7705)
        for month in result.months {
            #expect(month.practices.count == 7705)
            #expect(month.practices.mapValues(\.total) == totals)
        }
        let all = result.months[0].practices.values.reduce(Int64(0)) { $0 + $1.total }
        #expect(all == totals.values.reduce(0, +))
        #expect(result.months[0].practices["F82625"]?.total == 6568)
        #expect(result.months[0].practices["F82625"]?.male["0-4"] == 306)
        #expect(result.months[0].practices["F82625"]?.female["75+"] == 80)

        let dalton = try #require(result.orgs.practices["B85010"])
        #expect(dalton.name == "DALTON SURGERY")
        #expect(dalton.parents == [.region: "Y54", .icb: "Q52", .subICB: "03A00"])
        #expect(result.orgs.names[.subICB]?["03A00"] == "GREATER HUDDERSFIELD CCG")
        #expect(result.orgs.practices["Y00312"]?.name == "THE ROBINS SURGERY, HAROLD HILL HEALTH C")
        #expect(parents.count > 6000)
        for (code, p) in parents {
            #expect(result.orgs.practices[code]?.parents == [.region: p.0, .icb: p.1, .subICB: p.2])
        }
    }
}
