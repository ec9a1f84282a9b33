import RxData

/// The rows a ``StoreScan`` selected, in panel ids: per row its month, prescriber and
/// presentation, and its exact fixed-point value of each column read. The store holds one row
/// per (month, prescriber, presentation), so these are the store's rows, not sums.
public struct ScanRows: Sendable {
    /// The months scanned.
    public let months: [YearMonth]
    /// The columns read.
    public let columns: [Measure]
    /// Every presentation selected in any month's presentation table, in code order.
    public let presentations: [BNFCode]
    /// Per row: the month's index in ``months``.
    public let month: [Int32]
    /// Per row: the prescriber's panel id.
    public let practice: [Int32]
    /// Per row: the presentation's index in ``presentations``.
    public let presentation: [Int32]
    /// Per column (in ``columns`` order), per row: the value.
    public let values: [[Int64]]

    init(months: [YearMonth], columns: [Measure], perMonth: [(ids: [Int32], sink: RowSink, codes: [BNFCode], selected: [BNFCode])]) {
        var selected = Set<BNFCode>()
        for m in perMonth { selected.formUnion(m.selected) }
        let presentations = selected.sorted()
        var index: [BNFCode: Int32] = [:]
        for (i, c) in presentations.enumerated() { index[c] = Int32(i) }
        let n = perMonth.reduce(0) { $0 + $1.sink.practice.count }
        var month = [Int32](), practice = [Int32](), presentation = [Int32]()
        var values = [[Int64]](repeating: [], count: columns.count)
        month.reserveCapacity(n); practice.reserveCapacity(n); presentation.reserveCapacity(n)
        for (t, m) in perMonth.enumerated() {
            // The month's presentation ids → indexes in `presentations` (-1: not selected).
            let remap = m.codes.map { index[$0] ?? -1 }
            for e in m.sink.practice.indices {
                month.append(Int32(t))
                practice.append(m.ids[Int(m.sink.practice[e])])
                presentation.append(remap[Int(m.sink.presentation[e])])
            }
            for c in columns.indices { values[c] += m.sink.values[c] }
        }
        self.months = months
        self.columns = columns
        self.presentations = presentations
        self.month = month
        self.practice = practice
        self.presentation = presentation
        self.values = values
    }

    /// The number of rows.
    public var count: Int { month.count }
}
