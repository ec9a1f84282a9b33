import RxStats

/// Options of the steroid outlier analysis (``SteroidOutlierAnalysis``).
public struct SteroidOutlierOptions: Sendable, Equatable {
    /// The overdispersion adjustment of the adjusted flags (default: Spiegelhalter's additive
    /// random effects; `.none` makes the adjusted flags equal the unadjusted ones).
    public var overdispersion: OverdispersionMethod
    /// Winsorisation at each end before φ and τ² are estimated (FunnelPlotR's default 10%).
    public var trim: Double
    /// Small-number rule for measures over prescribing totals (items): a unit whose denominator
    /// (in the month, or summed over the period) is below this is excluded from the ranking and
    /// listed. Default 20 items.
    public var minimumItems: Double
    /// Small-number rule for per-1,000-patient measures: a unit with fewer registered patients
    /// (the kernel's ``MeasureKernelOptions/minimumListSize``, applied per month) is excluded and
    /// listed. This value is only reported; the kernel applies it.
    public var minimumPatients: Double
    /// Persistence: a unit is persistent when outside the adjusted 99.8% limit on the same side
    /// in at least ``persistenceCount`` of the last ``persistenceMonths`` months of the period.
    public var persistenceCount: Int
    /// The window of the persistence rule, months (default 12).
    public var persistenceMonths: Int

    /// Creates options (defaults: additive, 10% trim, 20 items, 1,000 patients, 6 of 12 months).
    public init(overdispersion: OverdispersionMethod = .additive, trim: Double = 0.1, minimumItems: Double = 20,
                minimumPatients: Double = 1000, persistenceCount: Int = 6, persistenceMonths: Int = 12) {
        self.overdispersion = overdispersion
        self.trim = trim
        self.minimumItems = minimumItems
        self.minimumPatients = minimumPatients
        self.persistenceCount = persistenceCount
        self.persistenceMonths = persistenceMonths
    }
}
