import Testing
@testable import RxStats

/// Values printed by R 4.x (`print(x, digits = 17)`), the library's own front end.
@Suite struct DistributionTests {
    private func close(_ a: Double, _ b: Double, _ rel: Double = 1e-12) -> Bool { abs(a - b) <= rel * max(1, abs(b)) }

    @Test func normalQuantiles() {
        #expect(close(Distribution.normalQuantile(0.975), 1.959963984540054))
        #expect(close(Distribution.normalQuantile(0.999), 3.090232306167813))
        #expect(close(Distribution.normalCDF(1.959963984540054), 0.975))
    }

    @Test func chiSquareAndGamma() {
        // qchisq(0.975, 2) = -2 log(0.025)
        #expect(close(Distribution.chiSquareQuantile(0.975, df: 2), -2 * log(0.025)))
        #expect(close(Distribution.gammaQuantile(0.5, shape: 1), log(2.0)))
    }

    @Test func studentT() {
        #expect(close(Distribution.tQuantile(0.975, df: 10), 2.228138851986274))
    }

    @Test func binomialAndPoisson() {
        #expect(close(Distribution.binomialCDF(3, size: 10, prob: 0.5), 176.0 / 1024.0))
        #expect(close(Distribution.poissonCDF(0, lambda: 2), exp(-2.0)))
        #expect(Distribution.poissonQuantile(0.5, lambda: 3) == 3)
    }
}

import Foundation
