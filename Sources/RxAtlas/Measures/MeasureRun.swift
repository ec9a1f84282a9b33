import RxData

/// Every selected measure at every selected level over a period, with what the run could and
/// could not see: the one entry `rxatlas measures`, `atlas` and `charts`, `batch` and the report
/// call to compute measures from a store.
public struct MeasureRun: Sendable {
    /// The definitions, as given.
    public var definitions: [MeasureDefinition]
    /// The period asked for.
    public var period: ClosedRange<YearMonth>
    /// Per measure × level (measure-major, levels in the order given): values per unit × month.
    public var values: [MeasureValues]
    /// The run's coverage (its months, prescribers by class, list-size sources, cost columns).
    public var coverage: Coverage

    /// Creates a run from its parts.
    public init(definitions: [MeasureDefinition], period: ClosedRange<YearMonth>, values: [MeasureValues], coverage: Coverage) {
        self.definitions = definitions
        self.period = period
        self.values = values
        self.coverage = coverage
    }

    /// Computes `definitions` at `levels` over the store's months in `period`, one scan per
    /// month (``MeasureKernel``) over one ``PracticePanel``.
    public static func run(store: Store, period: ClosedRange<YearMonth>, definitions: [MeasureDefinition],
                           levels: [OrgLevel] = OrgLevel.allCases, options: MeasureKernelOptions = MeasureKernelOptions(),
                           progress: ProgressReporter = .silent) throws -> MeasureRun {
        let r = try MeasureKernel(options: options, progress: progress)
            .computeWithCoverage(store: store, measures: definitions, months: period, levels: levels)
        return MeasureRun(definitions: definitions, period: period, values: r.values, coverage: r.coverage)
    }

    /// Whether any measure divides by (or counts per) registered patients.
    public var usesListSizes: Bool { definitions.contains(where: \.usesListSize) }

    /// What the user must be told (``Coverage/warnings(perThousand:)``; list sizes only matter
    /// when a measure is per 1,000 patients).
    public var warnings: [String] { coverage.warnings(perThousand: usesListSizes) }
}
