/// One row of `Sources/RxReference/reference/ics/ics_dose_bands.csv`: the BTS/NICE/SIGN 2024 adult daily
/// dose bands of one corticosteroid (and, for beclometasone, particle size).
public struct ICSDoseBand: Sendable, Equatable {
    /// The corticosteroid.
    public var ics: String
    /// `standard`, `extrafine` or empty.
    public var particle: String
    /// Largest low daily dose, micrograms (0: there is no low dose).
    public var lowMax: Double
    /// Largest medium daily dose, micrograms; above is high.
    public var mediumMax: Double
    /// Where the row comes from.
    public var source: String

    /// The class of a daily dose: ≤ low max is low, ≤ medium max is medium, above is high.
    public func classify(dailyMcg d: Double) -> ICSDoseClass {
        if d <= lowMax { return .low }
        if d <= mediumMax { return .medium }
        return .high
    }
}
