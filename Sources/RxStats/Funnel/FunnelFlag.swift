/// Where a unit's value lies against its funnel limits.
///
/// Bounds are inclusive, as in FunnelPlotR's `outliers_func` (a unit is an outlier only when
/// `value < lower` or `value > upper`) and PHEindicatormethods' `assign_funnel_significance`
/// (strict `<` and `>`): a value exactly on a limit is not an outlier.
public enum FunnelFlag: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Above the upper 99.8% limit.
    case high998
    /// Above the upper 95% limit but not above the upper 99.8% limit.
    case high95
    /// Within the 95% limits (inclusive).
    case none
    /// Below the lower 95% limit but not below the lower 99.8% limit.
    case low95
    /// Below the lower 99.8% limit.
    case low998

    /// Classifies `value` against `limits`; NaN values and NaN limits never flag.
    ///
    /// - Parameters:
    ///   - value: the unit's value on the same scale as the limits (multiplier applied).
    ///   - limits: the funnel limits at the unit's denominator.
    @inlinable
    public static func classify(_ value: Double, limits: FunnelLimits) -> FunnelFlag {
        classify(value, lower95: limits.lower95, upper95: limits.upper95,
                 lower998: limits.lower998, upper998: limits.upper998)
    }

    /// Classifies `value` against four limits given separately (the batch form).
    @inlinable
    public static func classify(_ value: Double, lower95: Double, upper95: Double,
                                lower998: Double, upper998: Double) -> FunnelFlag {
        if value > upper998 { return .high998 }
        if value > upper95 { return .high95 }
        if value < lower998 { return .low998 }
        if value < lower95 { return .low95 }
        return .none
    }

    /// Whether this flag marks an outlier at the 95% level (any flag but ``none``).
    public var isOutside95: Bool { self != .none }

    /// Whether this flag marks an outlier at the 99.8% level.
    public var isOutside998: Bool { self == .high998 || self == .low998 }
}
