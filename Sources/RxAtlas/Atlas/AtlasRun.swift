import RxData

/// Everything `rxatlas atlas` reports for a set of measures over a period: the Atlas result and
/// the trends of every measure × level, computed in parallel.
public struct AtlasRun: Sendable {
    /// One measure × level's trends.
    public struct Trends: Sendable {
        /// The measure's id.
        public var measureID: String
        /// The level.
        public var level: OrgLevel
        /// The nation whose units these are (``MeasureValues/nation``).
        public var nation: String? = nil
        /// The period the trends cover.
        public var period: ClosedRange<YearMonth>
        /// One trend per unit, in the order of the measure values.
        public var trends: [MeasureTrend]
    }

    /// The Atlas results, in the order of the measure values given.
    public var results: [AtlasResult]
    /// The trends, in the same order.
    public var trends: [Trends]

    /// Runs ``AtlasAnalysis/run(_:definition:period:)`` and ``MeasureTrend/trends(_:definition:period:)``
    /// for every measure × level whose definition is given, one table per task on every core.
    public init(_ values: [MeasureValues], definitions: [MeasureDefinition], period: ClosedRange<YearMonth>) throws {
        let byID = Dictionary(definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let work = values.compactMap { t in byID[t.measureID].map { (table: t, definition: $0) } }
        let done = try KernelParallel.map(work.count) { k in
            let (t, def) = work[k]
            return (try AtlasAnalysis.run(t, definition: def, period: period),
                    Trends(measureID: t.measureID, level: t.level, nation: t.nation, period: period,
                           trends: MeasureTrend.trends(t, definition: def, period: period)))
        }
        results = done.map(\.0)
        trends = done.map(\.1)
    }
}
