import RxAtlas
import RxData

/// The months an analysis covers: one range, the latest N months, or every window of `window`
/// months (advancing by `step`) lying inside a range — e.g. five years of rolling 12-month windows.
public struct BatchPeriod: Sendable, Equatable {
    /// The first month (nil: the store's first month, or `last` months before `to`).
    public var from: YearMonth?
    /// The last month (nil: the store's last month).
    public var to: YearMonth?
    /// Only the latest this many months up to `to` (ignored when `from` is given).
    public var last: Int?
    /// Rolling windows of this many months (nil: one period).
    public var window: Int?
    /// Months between the starts of consecutive windows.
    public var step: Int

    /// Creates a period.
    public init(from: YearMonth? = nil, to: YearMonth? = nil, last: Int? = nil, window: Int? = nil, step: Int = 1) {
        self.from = from
        self.to = to
        self.last = last
        self.window = window
        self.step = step
    }

    /// The month ranges this period expands to, given the store's months (ascending) and the
    /// analysis' default length. Windows are whole: every `window`-month range starting at
    /// `from`, `from + step`, … whose last month is at most `to`.
    public func ranges(storeMonths: [YearMonth], defaultMonths: Int?) throws -> [ClosedRange<YearMonth>] {
        guard !storeMonths.isEmpty else { throw BatchPeriodError(reason: "the store has no months") }
        // One period's months are worked out as every command works them out (AnalysisPeriod).
        let whole: ClosedRange<YearMonth>
        do {
            whole = try AnalysisPeriod.resolve(storeMonths: storeMonths, storePath: "", from: from, to: to,
                                               latest: last ?? (window == nil ? defaultMonths : nil))
        } catch let e as AnalysisPeriodError {
            throw BatchPeriodError(reason: "from \(e.from) is after to \(e.to)")
        }
        let lo = whole.lowerBound, hi = whole.upperBound
        guard let window else { return [lo...hi] }
        var out: [ClosedRange<YearMonth>] = []
        var start = lo
        while start.advanced(by: window - 1) <= hi {
            out.append(start...start.advanced(by: window - 1))
            start = start.advanced(by: step)
        }
        guard !out.isEmpty else {
            throw BatchPeriodError(reason: "no whole \(window)-month window fits in \(lo)…\(hi)")
        }
        return out
    }
}

/// A period that cannot be resolved against a store.
public struct BatchPeriodError: Error, CustomStringConvertible {
    /// What is wrong.
    public var reason: String
    public var description: String { reason }
}
