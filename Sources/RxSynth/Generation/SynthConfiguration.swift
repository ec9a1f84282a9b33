import RxData

/// What `rxatlas synth` generates: how many prescribers and months, from which seed.
public struct SynthConfiguration: Sendable, Equatable {
    /// Prescribing organisations (GP practices plus a few non-standard prescribers).
    public var practices: Int
    /// Number of consecutive months.
    public var months: Int
    /// The seed: the same configuration and seed give byte-identical files.
    public var seed: UInt64
    /// The first month.
    public var start: YearMonth
    /// The row target of the generator's inclusion model for a practice of average list size
    /// (larger practices get more, smaller fewer). Practices spread as in England come out at about
    /// 93% of it, so the default 2,800 gives about 2,600 rows per practice-month: ≈17M rows and
    /// ≈5.8 GB for a national month (6,500 practices), as the published EPD has.
    public var presentationsPerPractice: Int
    /// Whether files are written gzipped (`.csv.gz`).
    public var gzip: Bool
    /// zlib compression level for gzipped output (1–9).
    public var gzipLevel: Int32

    /// A configuration; the defaults match national data (≈17M rows per national month).
    public init(practices: Int, months: Int, seed: UInt64, start: YearMonth = YearMonth(year: 2025, month: 1)!,
                presentationsPerPractice: Int = 2800, gzip: Bool = false, gzipLevel: Int32 = 6) {
        self.practices = practices; self.months = months; self.seed = seed; self.start = start
        self.presentationsPerPractice = presentationsPerPractice; self.gzip = gzip; self.gzipLevel = gzipLevel
    }

    /// Checks the ranges; throws ``SynthError/invalidConfiguration(_:)``.
    public func validate() throws {
        guard practices >= 1 else { throw SynthError.invalidConfiguration("--practices must be at least 1, not \(practices)") }
        guard months >= 1 && months <= 600 else { throw SynthError.invalidConfiguration("--months must be 1…600, not \(months)") }
        guard presentationsPerPractice >= 10 else {
            throw SynthError.invalidConfiguration("--presentations-per-practice must be at least 10, not \(presentationsPerPractice)")
        }
        guard (1...9).contains(gzipLevel) else { throw SynthError.invalidConfiguration("--gzip-level must be 1…9, not \(gzipLevel)") }
    }
}
