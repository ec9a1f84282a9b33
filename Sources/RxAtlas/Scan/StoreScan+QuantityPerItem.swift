import RxData

/// One sum over the months' quantity-per-item entries: a store column (items or quantity) of
/// the presentations `select` picks, at the quantities per item in `quantityPerItem`.
public struct QuantityPerItemRequest: Sendable {
    /// Items or quantity: the two columns kept per quantity per item.
    public var column: Measure
    /// The quantities per item counted (fixed-point).
    public var quantityPerItem: Set<Int64>
    /// The presentations counted, per month, as a mask over the month's presentation table.
    public var select: @Sendable (YearMonth, [BNFCode]) -> [Bool]

    /// Creates a request.
    public init(column: Measure, quantityPerItem: Set<Int64>, select: @escaping @Sendable (YearMonth, [BNFCode]) -> [Bool]) {
        self.column = column
        self.quantityPerItem = quantityPerItem
        self.select = select
    }
}

extension StoreScan {
    /// Sums per request × prescriber × month over the quantity-per-item entries
    /// (``RxData/QuantityPerItemBreakdown``): `out[k][p * months.count + t]`, `p` a panel id.
    /// Months run in parallel. Only the rows of selected presentations are visited.
    /// - Throws: ``RxData/StoreError`` for a month that keeps no quantity per item (its sources
    ///   publish none, or it was ingested before RxAtlas kept it), naming the month, and for a
    ///   column other than items or quantity.
    public func sumsByQuantityPerItem(_ requests: [QuantityPerItemRequest], panel: PracticePanel) throws -> [[Int64]] {
        let K = requests.count, T = months.count
        guard K > 0 else { return [] }
        if let other = requests.first(where: { $0.column != .items && $0.column != .quantity }) {
            throw StoreError(path: "", reason: "\(other.column) is not kept per quantity per item (items and quantity are)")
        }
        let perMonth = try KernelParallel.map(T) { t -> (ids: [Int32], sums: [Int64]) in
            let snapshot = snapshots[t]
            defer { snapshot.releaseResidentPages() }
            guard let breakdown = try snapshot.decodeQuantityPerItem() else {
                throw StoreError(path: snapshot.path, reason: "month \(snapshot.month) keeps no quantity per item, which a measure here counts by: "
                                 + "its files publish none (PDPI, Scotland) or it was ingested before RxAtlas kept it (ingest it again from EPD files)")
            }
            let codes = snapshot.presentationCodes
            let masks = requests.map { $0.select(snapshot.month, codes) }
            var wanted = [Bool](repeating: false, count: codes.count)
            for m in masks { for q in m.indices where m[q] { wanted[q] = true } }
            let P = snapshot.practiceCodes.count
            var acc = [Int64](repeating: 0, count: P * K)
            guard wanted.contains(true) else { return (try panel.ids(of: snapshot), acc) }
            let presentation = snapshot.decodePresentations()
            let items = snapshot.decode(.items), quantity = snapshot.decode(.quantity)
            items.withUnsafeBufferPointer { n in
                quantity.withUnsafeBufferPointer { q in
                    for p in 0..<P {
                        for r in Int(snapshot.practiceStart[p])..<Int(snapshot.practiceStart[p + 1]) where wanted[Int(presentation[r])] {
                            let pres = Int(presentation[r])
                            breakdown.forEachEntry(rowItems: n, rowQuantity: q, rows: r..<(r + 1)) { _, qpi, entryItems, entryQuantity in
                                for k in 0..<K where masks[k][pres] && requests[k].quantityPerItem.contains(qpi) {
                                    acc[p * K + k] &+= requests[k].column == .items ? entryItems : entryQuantity
                                }
                            }
                        }
                    }
                }
            }
            return (try panel.ids(of: snapshot), acc)
        }
        return Self.byPanel(perMonth, keys: K, panel: panel)
    }
}
