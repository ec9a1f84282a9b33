import Foundation
import Testing
import RxData
@testable import RxAtlas

/// OpenPrescribing's list size is male plus female patients; RxAtlas's is the extract's total,
/// which also counts patients of neither. A practice whose total is 500 more than its male and
/// female patients shows the difference.
@Suite(.enabled(if: FileManager.default.fileExists(atPath: BuiltInMeasureLibraryTests.root.appendingPathComponent("datasets/sample/epd_202501.csv.gz").path),
                "datasets/sample is missing"))
struct OpenPrescribingListSizeTests {
    @Test func openPrescribingsDefinitionsDivideByMaleAndFemale() throws {
        let sample = BuiltInMeasureLibraryTests.root.appendingPathComponent("datasets/sample").path
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("op-lists-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        // The sample's list sizes with N81001's total raised by 500 (patients of neither sex).
        let gunzip = Process()
        gunzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
        gunzip.arguments = ["-dc", sample + "/list_sizes_202501.csv.gz"]
        let pipe = Pipe()
        gunzip.standardOutput = pipe
        try gunzip.run()
        var text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        gunzip.waitUntilExit()
        let row = "GP_PRAC_PAT_LIST,01JAN2025,GP,N81001,,PO10 2WY,ALL,ALL,11321"
        #expect(text.contains(row))
        text = text.replacingOccurrences(of: row, with: "GP_PRAC_PAT_LIST,01JAN2025,GP,N81001,,PO10 2WY,ALL,ALL,11821")
        try text.write(toFile: scratch + "/lists.csv", atomically: true, encoding: .utf8)
        _ = try StoreIngest(options: IngestOptions(files: [sample + "/epd_202501.csv.gz"], listSizes: [scratch + "/lists.csv"],
                                                   orgMapping: sample + "/orgs.csv.gz", softwareVersion: "test")).run(store: scratch + "/store")
        let store = try Store.open(at: scratch + "/store")
        var theirs = MeasureDefinition(id: "op", name: "op", isPercentage: false, lowIsGood: true, isCostBased: true,
                                       numerator: .init(quantity: .actualCost, filter: try BNFFilter(["0212000B0"])),
                                       denominator: .init(quantity: .listSize, filter: nil))
        theirs.profile = .openPrescribing
        var ours = theirs
        ours.id = "ours"
        ours.profile = .rxatlas
        let month = YearMonth(year: 2025, month: 1)!
        let values = try MeasureRun.run(store: store, period: month...month, definitions: [theirs, ours], levels: [.practice]).values
        let a = values.first { $0.measureID == "op" }!, b = values.first { $0.measureID == "ours" }!
        let u = try #require(a.unitIndex("N81001"))
        #expect(b.denominator[u] == 11.821)
        #expect(a.denominator[u] == 11.321)   // 11,321 male and female patients
        // Elsewhere the total is male plus female: the same.
        let v = try #require(a.unitIndex("N81002"))
        #expect(a.denominator[v] == b.denominator[v] && a.denominator[v] > 0)
    }
}
