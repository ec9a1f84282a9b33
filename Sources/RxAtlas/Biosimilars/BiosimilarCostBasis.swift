import RxData

/// Which cost the savings are computed on. Both are list-price based: neither includes the
/// confidential discounts the NHS negotiates for biological medicines.
public enum BiosimilarCostBasis: String, Sendable, CaseIterable {
    /// Actual cost (net ingredient cost less the national average discount, plus fees).
    case actual
    /// Net ingredient cost (the list price of what was dispensed).
    case nic

    /// The store column.
    public var measure: Measure { self == .actual ? .actualCost : .nic }

    /// The months of `months` (those the store holds) whose data do not publish this cost.
    public func missingMonths(store: Store, months: ClosedRange<YearMonth>? = nil) throws -> [YearMonth] {
        try store.months().filter { months?.contains($0) ?? true }.filter { m in
            !(try SnapshotHeader.read(store.snapshotPath(m)).measures.has(measure))
        }
    }

    /// Refuses a basis some month of the period does not publish (Public Health Scotland's data
    /// have no actual cost, say), naming the months: savings on it would read as £0.
    public func check(store: Store, months: ClosedRange<YearMonth>? = nil) throws {
        let missing = try missingMonths(store: store, months: months)
        guard missing.isEmpty else {
            let list = missing.count > 6 ? missing.prefix(6).map(\.description).joined(separator: ", ") + ", …"
                                         : missing.map(\.description).joined(separator: ", ")
            throw StoreError(path: store.path, reason: "the data have no \(self == .actual ? "actual cost" : "net ingredient cost") for \(missing.count) month(s) "
                             + "(\(list)); choose the cost basis the data have, --cost-basis \(self == .actual ? "nic" : "actual")")
        }
    }

    /// The best basis the data have over the period: actual cost where every month publishes it,
    /// else net ingredient cost.
    public static func best(store: Store, months: ClosedRange<YearMonth>? = nil) throws -> BiosimilarCostBasis {
        try BiosimilarCostBasis.actual.missingMonths(store: store, months: months).isEmpty ? .actual : .nic
    }
}
