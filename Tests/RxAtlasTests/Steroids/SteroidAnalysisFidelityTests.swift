import Foundation
import Testing
import RxData
@testable import RxAtlas

/// The steroid measures over real EPD rows (the 2017 four-practice sample with its list sizes)
/// equal sums read straight from the CSV, presentation by presentation through the classifier.
@Suite struct SteroidAnalysisFidelityTests {
    static let samples = MeasureKernelFidelityTests.samples
    static let epd = ["epd_201709_4practices.csv", "epd_201710_4practices.csv"].map { samples + "/" + $0 }
    static let lists = ["gp-reg-pat-prac-quin-age_201709_sample.csv", "gp-reg-pat-prac-quin-age_201710_sample.csv"]
        .map { samples + "/" + $0 }
    static var available: Bool { (epd + lists).allSatisfy { FileManager.default.fileExists(atPath: $0) } }

    @Test(.enabled(if: available, "needs ../shared/data/samples")) func measureTotalsEqualDirectSums() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-steroids-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try StoreIngest(options: IngestOptions(files: Self.epd, listSizes: Self.lists, softwareVersion: "test")).run(store: dir.path)
        let store = try Store.open(at: dir.path)
        let months = try store.months()
        let report = try SteroidAnalysis.run(store: store, period: months.first!...months.last!, levels: [.practice])
        let classifier = ICSClassifier(tables: try ICSReferenceTables.builtIn())

        // Direct sums per practice: (high NICE, high OpenPrescribing, ICS inhaler items, prednisolone items).
        var direct: [String: [Double]] = [:]
        var seen = Set<String>()
        for file in Self.epd {
            let text = try String(contentsOfFile: file, encoding: .isoLatin1)
            var lines = text.split(whereSeparator: \.isNewline)
            let header = MeasureKernelFidelityTests.fields(lines.removeFirst()).map(String.init)
            let codeCol = header.firstIndex(of: "BNF_CODE")!, nameCol = header.firstIndex(of: "BNF_DESCRIPTION")!
            let practiceCol = header.firstIndex(of: "PRACTICE_CODE")!, itemsCol = header.firstIndex(of: "ITEMS")!
            for line in lines {
                let f = MeasureKernelFidelityTests.fields(line)
                let code = BNFCode(f[codeCol].trimmingCharacters(in: .whitespaces))!
                let items = Double(f[itemsCol])!
                var sums = direct[String(f[practiceCol]), default: [0, 0, 0, 0]]
                if classifier.isICS(code) {
                    seen.insert(code.description)
                    let c = classifier.classify(code, name: String(f[nameCol]).trimmingCharacters(in: CharacterSet(charactersIn: "\" ")))
                    if c.nice2024 == .high { sums[0] += items }
                    if c.openPrescribing == .high { sums[1] += items }
                    if c.isInhaler { sums[2] += items }
                }
                if code.description.hasPrefix("0603020T0") { sums[3] += items }
                direct[String(f[practiceCol])] = sums
            }
        }
        #expect(Set(report.classifications.map(\.code.description)) == seen, "every ICS presentation seen is listed")
        #expect(report.unclassified.isEmpty, "unclassified: \(report.unclassified.map { "\($0.code) \($0.name ?? "")" })")
        let ids = [SteroidMeasures.highDoseNICE, SteroidMeasures.highDoseOpenPrescribing, SteroidMeasures.icsPer1000,
                   SteroidMeasures.prednisoloneItems]
        var compared = 0
        for (practice, sums) in direct {
            for (k, id) in ids.enumerated() {
                guard let row = report.rows.first(where: { $0.isPeriod && $0.measureID == id && $0.orgCode == practice }) else {
                    Issue.record("\(practice) has no period row for \(id)")
                    continue
                }
                #expect(row.numerator == sums[k], "\(practice) \(id)")
                if k < 2 { #expect(row.denominator == sums[2], "\(practice) \(id) denominator") }
                compared += 1
            }
            #expect(sums[0] > 0 && sums[1] > 0, "\(practice) prescribes high-dose ICS under both rules")
        }
        #expect(compared == 16)
    }
}
