/// How a presentation of a catalogued chemical was classified, and its national totals over the
/// period (a row of `presentations.csv`; unclassified ones are the catalogue's gaps).
public struct BiosimilarPresentationUsage: Sendable, Equatable {
    /// The classification.
    public var presentation: BiosimilarPresentationClass
    /// The molecule's name.
    public var molecule: String
    /// Store rows (prescriber-months) prescribing it.
    public var rows: Int
    /// National quantity (as dispensed) and cost (cost basis).
    public var quantity: Double, cost: Double
}
