import Foundation

/// Validation and critical values for a confidence level, as PHEindicatormethods checks them
/// (`R/utils.R`, every `phe_*` and `calculate_*` function).
enum ConfidenceLevel {
    /// The level as a fraction. PHEindicatormethods accepts 0.9...1 or, as a percentage,
    /// 90...100 (so 99.8 means 0.998); anything else, and NaN, is
    /// ``StatsError/confidenceOutOfRange(_:)`` ("confidence level must be between 90 and 100
    /// or between 0.9 and 1").
    static func fraction(_ c: Double) throws(StatsError) -> Double {
        if c.isNaN || c < 0.9 || (c > 1 && c < 90) || c > 100 { throw .confidenceOutOfRange(c) }
        return c >= 90 ? c / 100 : c
    }

    /// The two-sided normal critical value z = qnorm(c + (1 − c)/2), PHEindicatormethods'
    /// `z <- qnorm(confidence + (1-confidence)/2)`.
    static func z(_ c: Double) -> Double {
        Distribution.normalQuantile(c + (1 - c) / 2)
    }
}
