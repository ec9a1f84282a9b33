import RxData

/// The months an analysis covers, worked out once for the CLI, `batch` and the report: `from` and
/// `to` where given, else the store's months; with `latest`, only that many months up to `to`
/// when `from` is not given (the Atlas, steroids, biosimilars and the report default to the
/// latest 12).
public enum AnalysisPeriod {
    /// The default length of the analyses that take the latest months.
    public static let defaultLatestMonths = 12

    /// The period over `storeMonths` (ascending).
    /// - Throws: ``RxData/StoreError`` when the store holds no months, and
    ///   ``AnalysisPeriodError`` when `from` is after `to`.
    public static func resolve(storeMonths: [YearMonth], storePath: String, from: YearMonth? = nil, to: YearMonth? = nil,
                               latest: Int? = nil) throws -> ClosedRange<YearMonth> {
        guard let first = storeMonths.first, let last = storeMonths.last else {
            throw StoreError(path: storePath, reason: "holds no months of prescribing yet; ingest prescribing files into it first")
        }
        let hi = to ?? last
        var lo = from ?? first
        if from == nil, let n = latest { lo = max(first, hi.advanced(by: -(n - 1))) }
        guard lo <= hi else { throw AnalysisPeriodError(from: lo, to: hi) }
        return lo...hi
    }

    /// The period over a store's months.
    public static func resolve(store: Store, from: YearMonth? = nil, to: YearMonth? = nil, latest: Int? = nil) throws -> ClosedRange<YearMonth> {
        try resolve(storeMonths: try store.months(), storePath: store.path, from: from, to: to, latest: latest)
    }
}

/// A period whose first month is after its last.
public struct AnalysisPeriodError: Error, CustomStringConvertible, Equatable {
    /// The months given.
    public var from: YearMonth, to: YearMonth
    public var description: String { "--from \(from) is after --to \(to)" }
}
