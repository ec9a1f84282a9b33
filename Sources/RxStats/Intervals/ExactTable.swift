/// The exact Poisson (chi-square) limits for the whole counts 0...9 at one confidence level,
/// computed once so that batch interval functions need no quantile call per unit. Looked-up
/// limits are bit-identical to calling ``PoissonInterval`` directly.
struct ExactTable: Sendable {
    /// The confidence level as a fraction.
    let confidence: Double
    private let lowers: [Double]
    private let uppers: [Double]

    /// Computes the 20 quantiles for `confidence` (a validated fraction).
    init(confidence c: Double) {
        confidence = c
        lowers = (0..<10).map { PoissonInterval.exactLower(Double($0), c: c) }
        uppers = (0..<10).map { PoissonInterval.exactUpper(Double($0), c: c) }
    }

    /// The exact lower and upper limits on the count scale for 0 ≤ x < 10; from the table when
    /// x is whole, from the quantile function otherwise.
    @inline(__always)
    func limits(_ x: Double) -> (lower: Double, upper: Double) {
        let k = Int(x)
        if Double(k) == x { return (lowers[k], uppers[k]) }
        return (PoissonInterval.exactLower(x, c: confidence), PoissonInterval.exactUpper(x, c: confidence))
    }
}
