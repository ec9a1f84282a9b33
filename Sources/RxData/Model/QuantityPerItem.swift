/// What a month's rows hold at each quantity per item: EPD's `QUANTITY` (the quantity on one
/// prescription item; `TOTAL_QUANTITY` is it times `ITEMS`). A (practice, presentation) row sums
/// every line of that practice and presentation; OpenPrescribing's quantity-per-item measures
/// (`amox_500_15_caps`, `seven_day_prescribing`, …) count only the items or quantity at some
/// quantities per item, so ingest keeps the sums per quantity per item too.
///
/// Compact: most rows have one quantity per item whose items and quantity are the row's, with
/// quantity = quantity per item × items exactly. Those rows are *implicit* and hold no entry:
/// their quantity per item is the row's quantity ÷ items. Every other row (several quantities per
/// item, no items, or a total that is not the product) has one *explicit* entry per distinct
/// quantity per item, in ascending quantity per item; the entries' items and quantities sum to
/// the row's.
///
/// PDPI and Public Health Scotland's files publish no quantity per item: a month from them has
/// none (``MonthTable/quantityPerItem`` is nil) and a measure needing it refuses that month.
public struct QuantityPerItemBreakdown: Sendable, Equatable {
    /// Per entry: the row it belongs to, ascending (a row's entries are contiguous).
    public var row: [Int32]
    /// Per entry: the quantity per item, fixed-point (``FixedPoint``).
    public var quantityPerItem: [Int64]
    /// Per entry: the items prescribed at that quantity per item.
    public var items: [Int64]
    /// Per entry: the total quantity at that quantity per item, fixed-point.
    public var quantity: [Int64]

    /// Creates a breakdown from its parts (see the property docs for the invariants).
    public init(row: [Int32] = [], quantityPerItem: [Int64] = [], items: [Int64] = [], quantity: [Int64] = []) {
        self.row = row
        self.quantityPerItem = quantityPerItem
        self.items = items
        self.quantity = quantity
    }

    /// The number of explicit entries.
    public var count: Int { row.count }

    /// Whether a row with these sums and a single quantity per item `qpi` needs no entry: its
    /// quantity per item is then `quantity / items`.
    @inline(__always)
    public static func isImplicit(quantityPerItem qpi: Int64, items: Int64, quantity: Int64) -> Bool {
        guard items != 0 else { return false }
        let (product, overflow) = qpi.multipliedReportingOverflow(by: items)
        return !overflow && product == quantity
    }

    /// Calls `body(quantityPerItem, items, quantity)` for each entry of every row, in row order:
    /// an implicit row once, with its own sums. `rowItems` and `rowQuantity` are the table's
    /// items and quantity columns.
    public func forEachEntry(rowItems: UnsafeBufferPointer<Int64>, rowQuantity: UnsafeBufferPointer<Int64>,
                             rows: Range<Int>, _ body: (_ row: Int, _ qpi: Int64, _ items: Int64, _ quantity: Int64) -> Void) {
        var e = firstEntry(atOrAfter: rows.lowerBound)
        for r in rows {
            if e < row.count && Int(row[e]) == r {
                while e < row.count && Int(row[e]) == r {
                    body(r, quantityPerItem[e], items[e], quantity[e])
                    e += 1
                }
            } else {
                let n = rowItems[r]
                body(r, n != 0 ? rowQuantity[r] / n : 0, n, rowQuantity[r])
            }
        }
    }

    /// The first entry whose row is at least `r` (binary search).
    public func firstEntry(atOrAfter r: Int) -> Int {
        var lo = 0, hi = row.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(row[mid]) < r { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Checks the invariants against the table's rows and sums; the first violation, or nil.
    public func validate(rowCount: Int, items rowItems: [Int64], quantity rowQuantity: [Int64]) -> String? {
        guard quantityPerItem.count == row.count, items.count == row.count, quantity.count == row.count else {
            return "quantity-per-item columns of different lengths"
        }
        var e = 0
        while e < row.count {
            let r = Int(row[e])
            guard r >= 0, r < rowCount, e == 0 || row[e - 1] <= row[e] else { return "quantity-per-item entry \(e): row out of order or range" }
            var n: Int64 = 0, q: Int64 = 0
            var previous: Int64? = nil
            let first = e
            while e < row.count && Int(row[e]) == r {
                if let p = previous, quantityPerItem[e] <= p { return "row \(r): quantities per item not ascending" }
                previous = quantityPerItem[e]
                n &+= items[e]
                q &+= quantity[e]
                e += 1
            }
            guard n == rowItems[r], q == rowQuantity[r] else {
                return "row \(r): its quantity-per-item entries sum to \(n) items and \(q) quantity, not the row's \(rowItems[r]) and \(rowQuantity[r])"
            }
            if e - first == 1 && Self.isImplicit(quantityPerItem: quantityPerItem[first], items: n, quantity: q) {
                return "row \(r): an explicit entry for a row that needs none"
            }
        }
        return nil
    }
}
