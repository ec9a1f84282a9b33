import Foundation
import RxAtlas
import RxData
import RxReference
import Testing

private let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("datasets/sample")

/// England's and Scotland's bundled samples (files the project's generator writes, in the real
/// layouts), January to March 2025 ingested into one store and each into a store of its own:
/// every nation's measure values and deciles in the shared store equal those of its own store,
/// except the measures of actual cost, which the shared months do not publish.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: samples.appendingPathComponent("scotland").path),
                "datasets/sample is missing"))
struct BothSamplesTests {
    static let period = YearMonth(year: 2025, month: 1)!...YearMonth(year: 2025, month: 3)!

    func ingest(_ files: [String], lists: [String], orgs: String?, into dir: String) throws -> Store {
        var options = IngestOptions(files: files.map { samples.path + "/" + $0 }, listSizes: lists.map { samples.path + "/" + $0 },
                                    softwareVersion: "test")
        options.orgMapping = orgs.map { samples.path + "/" + $0 }
        options.areaReference = try ScottishGeography.reference()
        _ = try StoreIngest(options: options).run(store: dir)
        return try Store.open(at: dir)
    }

    @Test func eachNationInTheSharedStoreIsAsInItsOwn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-both-samples-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let epd = (1...3).map { "epd_20250\($0).csv.gz" }, pitc = (1...3).map { "scotland/pitc20250\($0).csv.gz" }
        let englishLists = (1...3).map { "list_sizes_20250\($0).csv.gz" }
        let scottishLists = ["scotland/practice_listsizes_jan2025.csv.gz"]
        let both = try ingest(epd + pitc, lists: englishLists + scottishLists, orgs: "orgs.csv.gz", into: dir + "/both")
        let stores = [("E92000001", try ingest(epd, lists: englishLists, orgs: "orgs.csv.gz", into: dir + "/england")),
                      ("S92000003", try ingest(pitc, lists: scottishLists, orgs: nil, into: dir + "/scotland"))]
        let library = try MeasureLibrary.builtIn()
        let levels: [OrgLevel] = [.practice, .pcn, .subICB, .icb, .nation]
        let shared = try MeasureRun.run(store: both, period: Self.period, definitions: library, levels: levels)
        #expect(Set(shared.onNetIngredientCost).count > 0)
        // Scotland's quarterly list carries into February and March beside England's own extracts.
        #expect(shared.coverage.monthsWithoutListSizes.isEmpty)
        let onNIC = Set(shared.onNetIngredientCost)
        var compared = 0
        for (nation, store) in stores {
            let own = try MeasureRun.run(store: store, period: Self.period, definitions: library, levels: levels)
            // A level where the nation has no unit (Scotland's region) has no table in the shared store.
            for t in own.values where !onNIC.contains(t.measureID) && !t.orgCodes.isEmpty {
                let s = try #require(shared.values.first { $0.measureID == t.measureID && $0.level == t.level && $0.nation == nation })
                #expect(s.orgCodes == t.orgCodes, "\(t.measureID) \(t.level) \(nation)")
                #expect(s.numerator == t.numerator && s.denominator == t.denominator)
                #expect(s.value.elementsEqual(t.value) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "\(t.measureID) \(t.level) \(nation)")
                #expect(s.deciles().elementsEqual(t.deciles()) { $0.elementsEqual($1) { $0 == $1 || ($0.isNaN && $1.isNaN) } })
                compared += 1
            }
        }
        #expect(compared > 100)
    }
}
