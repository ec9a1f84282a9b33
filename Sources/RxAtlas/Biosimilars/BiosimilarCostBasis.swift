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
}
