import Foundation
import RxData
import RxSynth

/// A small synthetic store for batch tests: 40 practices × `months` months from 2024-01, in a
/// fresh temporary directory; list sizes for the first `listSizeMonths` months (all by default).
struct BatchFixture {
    let root: String
    let store: String
    let synth: String
    let dataset: SyntheticDataset

    init(months: Int = 15, seed: UInt64 = 11, listSizeMonths: Int? = nil) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("rxatlas-batch-\(UUID().uuidString)").path
        store = root + "/store"
        synth = root + "/synth"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        dataset = try SyntheticDataset(SynthConfiguration(practices: 40, months: months, seed: seed,
                                                          start: YearMonth(year: 2024, month: 1)!, presentationsPerPractice: 120))
        _ = try dataset.write(to: synth)
        _ = try StoreIngest(options: IngestOptions(
            files: (0..<months).map { synth + "/" + dataset.epdFileName($0) },
            listSizes: (0..<(listSizeMonths ?? months)).map { synth + "/" + dataset.listSizeFileName($0) },
            orgMapping: synth + "/" + dataset.orgsFileName, softwareVersion: "test")).run(store: store)
    }

    /// Re-ingests one month with every tenth prescribing row left out, changing that month's
    /// snapshot and nothing else in the store.
    func replaceMonth(offset: Int) throws {
        let name = dataset.epdFileName(offset)
        // Lines end in CRLF; split the bytes on LF (a String would keep "\r\n" as one character).
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: synth + "/" + name)))
        let lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false)
        let kept = lines.enumerated().filter { $0.offset == 0 || $0.offset % 10 != 0 }.map(\.element)
        let dir = root + "/other"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(Array(kept.joined(separator: [0x0A]))).write(to: URL(fileURLWithPath: dir + "/" + name))
        _ = try StoreIngest(options: IngestOptions(files: [dir + "/" + name], softwareVersion: "test")).run(store: store)
    }

    /// Writes a config file into the fixture's root and returns its path.
    func config(_ text: String, name: String = "batch.toml") throws -> String {
        let p = root + "/" + name
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}
