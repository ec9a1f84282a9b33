import ArgumentParser
import RxData
import RxStats

// The analysis option types as command-line arguments. Each parses through the same
// ``AnalysisOptionValues`` parser the batch TOML config uses, so `--level sub-icb` and
// `levels = ["sub-icb"]` accept and refuse the same values.

extension OrgLevel: ExpressibleByArgument {
    /// A level by its command-line name (`practice`, `pcn`, `sub-icb`, `icb`, `region`, `nation`).
    public init?(argument: String) {
        guard let level = try? AnalysisOptionValues.level(argument) else { return nil }
        self = level
    }

    /// The command-line names, in level order.
    public static var allValueStrings: [String] { allCases.map(MeasureOutput.levelName) }

    /// The command-line name.
    public var defaultValueDescription: String { MeasureOutput.levelName(self) }
}

extension OverdispersionMethod: ExpressibleByArgument {
    /// `none`, `multiplicative` or `additive`.
    public init?(argument: String) {
        guard let method = try? AnalysisOptionValues.overdispersion(argument) else { return nil }
        self = method
    }
}

extension BiosimilarCostBasis: ExpressibleByArgument {
    /// `actual` or `nic`.
    public init?(argument: String) {
        guard let basis = try? AnalysisOptionValues.costBasis(argument) else { return nil }
        self = basis
    }
}

/// Persistence `K/N`: a unit is persistent when outside the limit in K of the last N months.
public struct PersistenceRule: Sendable, Equatable, ExpressibleByArgument, CustomStringConvertible {
    /// K: the months outside the limit.
    public var count: Int
    /// N: the months looked back over.
    public var months: Int

    /// Creates a rule (1 ≤ count ≤ months).
    public init(count: Int, months: Int) {
        precondition(count >= 1 && months >= count, "persistence needs 1 <= K <= N")
        self.count = count
        self.months = months
    }

    /// Parses `K/N`.
    public init(parsing text: String) throws(OptionValueError) {
        let (k, n) = try AnalysisOptionValues.persistence(text)
        self.init(count: k, months: n)
    }

    /// Parses `K/N`; nil when it is not one.
    public init?(argument: String) {
        guard let rule = try? PersistenceRule(parsing: argument) else { return nil }
        self = rule
    }

    /// `K/N`.
    public var description: String { "\(count)/\(months)" }
    /// `K/N`.
    public var defaultValueDescription: String { description }
}
