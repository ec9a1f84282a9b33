import Testing
import RxData
@testable import RxSynth

@Suite("Determinism")
struct DeterminismTests {
    @Test("the same seed gives identical bytes")
    func sameSeed() throws {
        let a = try SynthFixtures.epd(SynthFixtures.small, month: 1)
        let b = try SynthFixtures.epd(SynthFixtures.small, month: 1)
        #expect(a.count > 10_000)
        #expect(a == b)
    }

    @Test("a different seed gives different bytes")
    func differentSeed() throws {
        var other = SynthFixtures.small
        other.seed = 8
        #expect(try SynthFixtures.epd(SynthFixtures.small) != SynthFixtures.epd(other))
    }

    @Test("every file written to disk is identical across runs, gzip included")
    func filesOnDisk() throws {
        var config = SynthFixtures.small
        config.gzip = true
        config.months = 1
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("rxsynth-det-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: base) }
        let first = try SyntheticDataset(config).write(to: base + "/a")
        try SyntheticDataset(config).write(to: base + "/b")
        #expect(first.files.count == 4)
        for file in first.files {
            let name = (file as NSString).lastPathComponent
            let a = try Data(contentsOf: URL(fileURLWithPath: base + "/a/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: base + "/b/" + name))
            #expect(a == b, "\(name) differs between runs")
        }
    }

    @Test("xoshiro256** reproduces its stream and distributions have the right means")
    func generator() {
        var a = Xoshiro256StarStar(seed: 1), b = Xoshiro256StarStar(seed: 1)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
        var r = Xoshiro256StarStar(seed: 99)
        let n = 200_000
        var g = 0.0, p = 0.0, big = 0.0
        for _ in 0..<n { g += r.meanOneGamma(shape: 4); p += Double(r.poisson(mean: 3.5)); big += Double(r.poisson(mean: 80)) }
        #expect(abs(g / Double(n) - 1) < 0.01)
        #expect(abs(p / Double(n) - 3.5) < 0.03)
        #expect(abs(big / Double(n) - 80) < 0.2)
    }
}

import Foundation
