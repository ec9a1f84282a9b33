import RxData
@testable import RxSynth

/// Small generated datasets shared by the tests (generated once per process).
enum SynthFixtures {
    static let small = SynthConfiguration(practices: 60, months: 2, seed: 7, presentationsPerPractice: 150)

    static func epd(_ config: SynthConfiguration, month: Int = 0) throws -> [UInt8] {
        let sink = MemorySink()
        try SyntheticDataset(config).writeEPD(monthOffset: month, to: sink)
        return sink.bytes
    }

    static let smallEPD: [[[UInt8]]] = {
        CSVTestSplitter.records(try! epd(small))
    }()
}
