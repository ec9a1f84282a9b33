import RxData
import RxStats

/// The option values the CLI and the batch TOML config share, parsed once: each parser names
/// what it expects, and the caller says where the value came from (`--level`, `analysis.levels[2]`).
public enum AnalysisOptionValues {
    /// The levels of the analyses that rank practices up to ICBs (steroids, outliers, the report).
    public static let outlierLevels: [OrgLevel] = [.practice, .pcn, .subICB, .icb]

    /// A level by its name (`practice`, `pcn`, `sub-icb`, `icb`, `region`, `nation`) among `allowed`.
    public static func level(_ name: String, allowed: [OrgLevel] = OrgLevel.allCases) throws(OptionValueError) -> OrgLevel {
        guard let l = MeasureOutput.level(named: name), allowed.contains(l) else {
            throw OptionValueError(value: name, what: "unknown level '\(name)'; valid levels: " + allowed.map(MeasureOutput.levelName).joined(separator: ", "))
        }
        return l
    }

    /// Persistence `K/N`: outside the limit in K of the last N months, 1 ≤ K ≤ N.
    public static func persistence(_ text: String) throws(OptionValueError) -> (count: Int, months: Int) {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2, parts[0] >= 1, parts[1] >= parts[0] else {
            throw OptionValueError(value: text, what: "must be K/N with 1 <= K <= N, not '\(text)'")
        }
        return (parts[0], parts[1])
    }

    /// An overdispersion method: none, multiplicative or additive.
    public static func overdispersion(_ text: String) throws(OptionValueError) -> OverdispersionMethod {
        guard let m = OverdispersionMethod(rawValue: text) else {
            throw OptionValueError(value: text, what: "must be none, multiplicative or additive, not '\(text)'")
        }
        return m
    }

    /// A cost basis: actual or nic.
    public static func costBasis(_ text: String) throws(OptionValueError) -> BiosimilarCostBasis {
        guard let b = BiosimilarCostBasis(rawValue: text) else { throw OptionValueError(value: text, what: "must be actual or nic, not '\(text)'") }
        return b
    }
}

/// An option value that cannot be parsed; `what` says what is expected.
public struct OptionValueError: Error, CustomStringConvertible, Equatable {
    /// The value given.
    public var value: String
    /// What is wrong and what is expected.
    public var what: String
    public var description: String { what }
}
