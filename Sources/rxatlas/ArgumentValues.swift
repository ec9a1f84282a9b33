import ArgumentParser
import RxAtlas
import RxData

/// Parsing of the option values several subcommands share, with messages that name the option,
/// what was given and what is expected.
enum ArgumentValues {
    /// A month given as `option`: YYYY-MM (the forms the data uses, 201709 and 2017_09, are
    /// taken too).
    static func month(_ text: String, option: String) throws -> YearMonth {
        guard let m = YearMonth(parsing: text) else {
            throw ValidationError("\(option): '\(text)' is not a month; expected YYYY-MM, for example 2025-01")
        }
        return m
    }

    /// An optional month given as `option`.
    static func month(_ text: String?, option: String) throws -> YearMonth? {
        try text.map { try month($0, option: option) }
    }

    /// Organisation levels given as `--level`; none means every level of `allowed`, and a level
    /// outside `allowed` is refused naming the valid ones.
    static func levels(_ levels: [OrgLevel], allowed: [OrgLevel] = OrgLevel.allCases) throws -> [OrgLevel] {
        try levels.isEmpty ? allowed : levels.map { level in
            do throws(OptionValueError) {
                return try AnalysisOptionValues.level(MeasureOutput.levelName(level), allowed: allowed)
            } catch { throw ValidationError("--level: " + error.what) }
        }
    }

    /// A count given as `option` that must be at least `minimum`.
    static func count(_ value: Int, option: String, minimum: Int = 1) throws {
        guard value >= minimum else {
            throw ValidationError("\(option) must be a whole number of at least \(minimum), not \(value)")
        }
    }
}
