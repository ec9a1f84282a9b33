extension MonthTable {
    /// Sums two tables of the same month into one (for a month whose rows arrive in several
    /// files, such as England's and Scotland's prescribing for the same month). Rows with the
    /// same practice and presentation are added. A measure is published for the merged month only
    /// when both tables publish it: Scotland's files have no actual cost, so a month holding both
    /// nations has none either, and no analysis reads a Scottish practice's missing actual cost
    /// as £0 (the column's values are kept, unpublished).
    public func merged(with other: MonthTable) -> MonthTable {
        precondition(month == other.month, "merging different months")
        let practices = Array(Set(practiceCodes).union(other.practiceCodes)).sorted()
        let presentations = Array(Set(presentationCodes).union(other.presentationCodes)).sorted()
        let pIndex = Dictionary(uniqueKeysWithValues: practices.enumerated().map { ($1, Int32($0)) })
        let bIndex = Dictionary(uniqueKeysWithValues: presentations.enumerated().map { ($1, Int32($0)) })
        // (practice, presentation) key -> source rows.
        var keyed: [(UInt64, Int, Int)] = []   // key, table (0/1), row
        keyed.reserveCapacity(rowCount + other.rowCount)
        for (t, table) in [self, other].enumerated() {
            let rowPractice = table.practiceOfRow()
            for r in 0..<table.rowCount {
                let p = UInt64(UInt32(pIndex[table.practiceCodes[Int(rowPractice[r])]]!))
                let b = UInt64(UInt32(bIndex[table.presentationCodes[Int(table.presentation[r])]]!))
                keyed.append((p << 32 | b, t, r))
            }
        }
        keyed.sort { $0.0 < $1.0 }
        // Quantities per item are kept only when both tables keep them.
        let keepsQPI = quantityPerItem != nil && other.quantityPerItem != nil
        var breakdown = QuantityPerItemBreakdown()
        var practiceStart: [Int32] = [0]
        var presentation: [Int32] = []
        var columns = [[Int64]](repeating: [], count: Measure.allCases.count)
        var currentPractice: UInt64 = .max
        var usedPractices: [String] = []
        var i = 0
        while i < keyed.count {
            let key = keyed[i].0
            let p = key >> 32
            if p != currentPractice {
                if currentPractice != .max { practiceStart.append(Int32(presentation.count)) }
                usedPractices.append(practices[Int(p)])
                currentPractice = p
            }
            var sums = [Int64](repeating: 0, count: Measure.allCases.count)
            var perQPI: [Int64: (Int64, Int64)] = [:]
            while i < keyed.count && keyed[i].0 == key {
                let table = keyed[i].1 == 0 ? self : other
                for c in 0..<sums.count { sums[c] &+= table.columns[c][keyed[i].2] }
                if keepsQPI {
                    table.forEachQuantityPerItemEntry(ofRow: keyed[i].2) { qpi, n, q in
                        let was = perQPI[qpi] ?? (0, 0)
                        perQPI[qpi] = (was.0 &+ n, was.1 &+ q)
                    }
                }
                i += 1
            }
            let out = Int32(presentation.count)
            presentation.append(Int32(key & 0xFFFF_FFFF))
            for c in 0..<sums.count { columns[c].append(sums[c]) }
            if keepsQPI, let only = perQPI.first,
               !(perQPI.count == 1 && QuantityPerItemBreakdown.isImplicit(quantityPerItem: only.key, items: only.value.0, quantity: only.value.1)) {
                for (qpi, v) in perQPI.sorted(by: { $0.key < $1.key }) {
                    breakdown.row.append(out); breakdown.quantityPerItem.append(qpi)
                    breakdown.items.append(v.0); breakdown.quantity.append(v.1)
                }
            }
        }
        if currentPractice != .max { practiceStart.append(Int32(presentation.count)) }
        return MonthTable(month: month, practiceCodes: usedPractices, presentationCodes: presentations,
                          practiceStart: practiceStart, presentation: presentation, columns: columns,
                          measures: measures.intersection(other.measures), quantityPerItem: keepsQPI ? breakdown : nil)
    }
}

extension MonthTable {
    /// Calls `body(quantityPerItem, items, quantity)` for each quantity-per-item entry of row `r`
    /// (one for an implicit row); nothing when the table keeps no quantity per item.
    public func forEachQuantityPerItemEntry(ofRow r: Int, _ body: (Int64, Int64, Int64) -> Void) {
        guard let b = quantityPerItem else { return }
        columns[Measure.items.rawValue].withUnsafeBufferPointer { items in
            columns[Measure.quantity.rawValue].withUnsafeBufferPointer { quantity in
                b.forEachEntry(rowItems: items, rowQuantity: quantity, rows: r..<(r + 1)) { _, qpi, n, q in body(qpi, n, q) }
            }
        }
    }
}
