import RxData
import RxStats

/// One unit of one measure at one level, over the period or in one month: its value with the
/// 95% interval, funnel z-score, flags, persistence and excess over the national rate.
/// Missing numbers are NaN; missing flags nil.
public struct SteroidOutlierRow: Sendable, Equatable {
    /// The measure.
    public var measureID: String
    /// The level.
    public var level: OrgLevel
    /// The unit's code.
    public var orgCode: String
    /// The unit's name, when known.
    public var orgName: String?
    /// `YYYY-MM/YYYY-MM` for the period, `YYYY-MM` for a month.
    public var period: String
    /// Whether the row is the whole period (else one month).
    public var isPeriod: Bool
    /// Σ numerator.
    public var numerator: Double
    /// Σ denominator (thousands of patients for a per-1,000 measure).
    public var denominator: Double
    /// numerator / denominator × 100 for a percentage.
    public var value: Double
    /// The unit's own 95% interval (Wilson for a percentage; exact/Byar's for a rate); NaN when
    /// the measure is not a count.
    public var lower95: Double
    /// Upper end of the 95% interval.
    public var upper95: Double
    /// Spiegelhalter's z-score against the national rate, unadjusted (NaN when not ranked).
    public var z: Double
    /// Flag against the unadjusted 95% and 99.8% limits (nil when not ranked).
    public var flag: FunnelFlag?
    /// Flag against the overdispersion-adjusted limits.
    public var flagAdjusted: FunnelFlag?
    /// For a period row: outside the adjusted 99.8% limit on one side in at least k of the last
    /// n months. Nil for month rows and units not ranked.
    public var persistent: Bool?
    /// observed − expected at the national rate: numerator − denominator × national rate (NaN
    /// when not ranked).
    public var excess: Double
    /// The national value (Σnumerator/Σdenominator over the ranked units, × 100 for a
    /// percentage) of the same period or month.
    public var national: Double
    /// Why the unit is not ranked (small numbers), empty when it is.
    public var excludedReason: String
    /// The unit's nation (``MeasureValues/nation``): the national value and the ranking are
    /// that nation's.
    public var nation: String? = nil
}

/// A high outlier in the ranked list: a period row whose adjusted flag is high.
public struct SteroidRankedOutlier: Sendable, Equatable {
    /// Rank by excess, 1 = largest, within measure, level and nation.
    public var rank: Int
    /// The period row.
    public var row: SteroidOutlierRow
    /// value − national value.
    public var difference: Double { row.value - row.national }
    /// value / national value.
    public var ratio: Double { row.value / row.national }
}
