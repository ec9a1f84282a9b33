/// Deterministic uniform draws in [0, 1) for test data: a 64-bit linear congruential generator
/// (Knuth's MMIX constants), the top 53 bits as a double.
struct UniformDraws {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The next draw.
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53)
    }
}
