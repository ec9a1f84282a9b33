/// Which side of a funnel a limit lies on.
public enum FunnelSide: String, Sendable, Equatable, Hashable, CaseIterable {
    /// The lower limit (PHEindicatormethods solves it with `side = "high"` in
    /// `poisson_funnel`, the expected count *above* the observed one).
    case lower
    /// The upper limit (`side = "low"` in `poisson_funnel`).
    case upper
}
