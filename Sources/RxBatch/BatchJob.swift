import RxData

/// One unit of a batch: an analysis over one period, with everything needed to decide whether
/// it must run (its input and config checksums) and how much memory it needs.
public struct BatchJob: Sendable {
    /// `<analysis>/<from>_<to>`: also the job's directory under the batch output.
    public var id: String
    /// The analysis.
    public var analysis: BatchAnalysis
    /// The months.
    public var period: ClosedRange<YearMonth>
    /// The store files read, with checksums.
    public var inputs: [BatchFileRecord]
    /// The checksum over ``inputs``.
    public var inputChecksum: String
    /// The checksum of the analysis settings, the period and the software version.
    public var configChecksum: String
    /// Bytes of snapshots the job maps (the sum of its months' snapshot sizes).
    public var memoryEstimate: Int64

    /// The job id for an analysis and period.
    static func id(_ name: String, _ period: ClosedRange<YearMonth>) -> String {
        "\(name)/\(period.lowerBound)_\(period.upperBound)"
    }
}
