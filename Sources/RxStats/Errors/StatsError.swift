/// Bad statistical input, refused with a plain reason instead of a silent number.
///
/// The cases and their messages follow the checks of the reference packages, chiefly
/// PHEindicatormethods v2.1.0 (`R/utils.R`, `R/Proportions.R`, `R/Rates.R`, `R/DSR.R`,
/// `R/ISRatios.R`): a negative numerator, a denominator that is zero or negative, a numerator
/// above its denominator for a proportion, and a confidence level outside 0.9...1 are errors
/// there and are errors here. Missing results (for example Byar's lower limit when it would
/// be negative, or a DSR whose total count is under 10) are not errors: they are `nil`.
public enum StatsError: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// A numerator (count, observed events) is negative.
    case negativeNumerator
    /// A denominator (population, sample size, expected count) is zero or negative where it
    /// must be positive.
    case nonPositiveDenominator
    /// A numerator exceeds its denominator for a proportion.
    case numeratorExceedsDenominator
    /// A denominator is negative where zero is allowed (a population in one age band of an
    /// indirectly standardised ratio, PHEindicatormethods `calculate_ISRatio`).
    case negativeDenominator
    /// The confidence level is outside 0.9...1 (PHEindicatormethods also accepts 90...100 as a
    /// percentage; callers here pass a fraction). The associated value is the level given.
    case confidenceOutOfRange(Double)
    /// Arrays that must be parallel (numerators and denominators, counts and standard
    /// populations) have different lengths.
    case mismatchedLengths
    /// An input that needs at least one value (or, for a t interval, two) has too few.
    case empty
    /// A standard population weight is negative (PHEindicatormethods `calculate_dsr`).
    case negativeStandardPopulation
    /// A multiplier is zero or negative (PHEindicatormethods `calculate_dsr`).
    case nonPositiveMultiplier
    /// A required input is missing (NaN) where the reference package refuses missing values,
    /// such as a population in `calculate_dsr`. The associated value names the input.
    case missingValue(String)
    /// The combination of options is not one the method supports (the reason says why).
    case unsupported(String)

    /// The plain message, worded as PHEindicatormethods words it where it has one.
    public var description: String {
        switch self {
        case .negativeNumerator:
            return "numerators must be greater than or equal to zero"
        case .nonPositiveDenominator:
            return "denominators must be greater than zero"
        case .numeratorExceedsDenominator:
            return "numerators must be less than or equal to denominator for a proportion statistic"
        case .negativeDenominator:
            return "denominators must all be greater than or equal to zero"
        case .confidenceOutOfRange(let c):
            return "confidence level must be between 0.9 and 1 (got \(c))"
        case .mismatchedLengths:
            return "inputs must have the same length"
        case .empty:
            return "input must not be empty"
        case .negativeStandardPopulation:
            return "stdpop must all be greater than or equal to zero"
        case .nonPositiveMultiplier:
            return "multiplier must be greater than 0"
        case .unsupported(let reason):
            return reason
        case .missingValue(let field):
            return "field \(field) cannot have missing values"
        }
    }
}
