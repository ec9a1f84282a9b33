import RxData

/// Quantity and cost of every catalogued presentation per prescriber × month, exact.
///
/// The store holds one row per (month, prescriber, presentation), so each entry here is one store
/// row of a catalogued chemical, copied with its fixed-point amounts (``RxData/Measure/scale``).
/// Entries are in month order, then prescriber, then presentation.
public struct BiosimilarTotals: Sendable {
    /// The period's prescribers, months and organisations; ``PracticePanel/isStandard`` is
    /// the price-per-unit peer group.
    public let panel: PracticePanel
    /// Every presentation of a catalogued chemical prescribed in any month read, in code order.
    public let cells: [BNFCode]
    /// The cost read into ``cost``.
    public let costBasis: BiosimilarCostBasis
    /// Per entry: the month's index in ``months``.
    public let month: [Int32]
    /// Per entry: the prescriber's panel id (its index in ``practiceCodes``).
    public let practice: [Int32]
    /// Per entry: the presentation's index in ``cells``.
    public let cell: [Int32]
    /// Per entry: quantity (fixed point).
    public let quantity: [Int64]
    /// Per entry: cost on ``costBasis`` (fixed point).
    public let cost: [Int64]

    /// Creates totals from their parts (the kernel does this; see the property docs).
    public init(panel: PracticePanel, cells: [BNFCode], costBasis: BiosimilarCostBasis, month: [Int32], practice: [Int32],
                cell: [Int32], quantity: [Int64], cost: [Int64]) {
        self.panel = panel
        self.cells = cells
        self.costBasis = costBasis
        self.month = month
        self.practice = practice
        self.cell = cell
        self.quantity = quantity
        self.cost = cost
    }

    /// The months read, ascending.
    public var months: [YearMonth] { panel.months }
    /// Every prescriber in the organisation directory or in any month read, in code order.
    public var practiceCodes: [String] { panel.codes }
    /// Whether each prescriber is a standard GP practice (``PracticePanel``'s one rule).
    public var isStandard: [Bool] { panel.isStandard }
    /// The organisation directory.
    public var orgs: OrgDirectory { panel.orgs }

    /// Number of entries.
    public var count: Int { month.count }

    /// The entries of the prescribers `keep` admits (per panel id), in the same panel.
    public func restricted(to keep: [Bool]) -> BiosimilarTotals {
        let entries = (0..<count).filter { keep[Int(practice[$0])] }
        return BiosimilarTotals(panel: panel, cells: cells, costBasis: costBasis, month: entries.map { month[$0] },
                                practice: entries.map { practice[$0] }, cell: entries.map { cell[$0] },
                                quantity: entries.map { quantity[$0] }, cost: entries.map { cost[$0] })
    }
}
