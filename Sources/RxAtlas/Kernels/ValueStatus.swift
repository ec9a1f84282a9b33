/// Why a unit-month has, or has no, measure value.
///
/// Numerators and denominators are always kept (zero-filled); only the value — and so the unit's
/// place in percentiles, deciles and the Atlas statistics — depends on the status.
public enum ValueStatus: UInt8, Sendable, Equatable, CaseIterable {
    /// The value is defined.
    case defined
    /// Outside the practice-level ranking population: not a standard GP practice that month
    /// (an unidentified bucket, a non-practice prescriber, or a practice whose setting is not GP
    /// or, without a setting, that has no registered list). OpenPrescribing ranks only
    /// `setting = 4` practices.
    case notRanked
    /// A per-1,000-patients measure whose registered list is absent or below
    /// ``MeasureKernelOptions/minimumListSize``.
    case smallList
    /// The denominator is zero (the SQL `IEEE_DIVIDE` NULL/NaN case).
    case noDenominator
    /// The denominator is positive but below the measure's ``MeasureDefinition/minimumDenominator``.
    case suppressed
}
