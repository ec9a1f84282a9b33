import RxData

/// Reads every catalogued presentation's rows per prescriber × month from the store, in one
/// pass over each month's snapshot blocks.
///
/// Per month the catalogue is compiled once against the month's presentation table (a chemical
/// look-up per presentation, never per row) into "presentation → catalogued cell or none". The
/// month's rows are then streamed block by block: a block holding no catalogued presentation
/// costs one table look-up per row and is not decoded further; in the others only the catalogued
/// rows' quantity and chosen cost are decoded (`Snapshot.gather`) and copied with their exact
/// fixed-point amounts. Months run in parallel. As the store has one row per (prescriber, presentation),
/// no summing is needed inside a month, and period totals are exact `Int64` sums.
public enum BiosimilarKernel {
    /// Reads the catalogued rows of `months` (nil: every month in the store; only months with a
    /// snapshot are read), with their quantity and their cost on `costBasis`; `progress` is told
    /// as each month is read.
    public static func totals(store: Store, catalogue: BiosimilarCatalogue, months: ClosedRange<YearMonth>? = nil,
                              costBasis: BiosimilarCostBasis = .actual, progress: ProgressReporter = .silent) throws -> BiosimilarTotals {
        let chosen = try store.months().filter { months?.contains($0) ?? true }
        try costBasis.check(store: store, months: months)
        let orgs = try store.readOrgs()
        let chemicals = Set(catalogue.chemicals.compactMap { BNFCode($0).map(ChemicalKey.init) })
        let counter = progress.counter("months", total: chosen.count)
        let perMonth = try KernelParallel.map(chosen.count) { t in
            let snapshot = try store.loadMonth(chosen[t])
            defer { counter.advance() }
            return (codes: snapshot.practiceCodes, month: readMonth(snapshot, chemicals: chemicals, cost: costBasis.measure))
        }
        // The one standard-practice rule (ListSizeTimeline), as every analysis applies it.
        let timeline = try ListSizeTimeline(store: store, months: chosen)

        var universe = Set(orgs.practices.keys)
        for m in perMonth { universe.formUnion(m.codes) }
        let codes = universe.sorted()
        var index: [String: Int32] = [:]
        index.reserveCapacity(codes.count)
        for (i, c) in codes.enumerated() { index[c] = Int32(i) }
        let cells = Array(Set(perMonth.flatMap(\.month.cells))).sorted()
        var cellIndex: [BNFCode: Int32] = [:]
        for (i, c) in cells.enumerated() { cellIndex[c] = Int32(i) }

        let n = perMonth.reduce(0) { $0 + $1.month.practice.count }
        var month = [Int32](), practice = [Int32](), cell = [Int32]()
        var quantity = [Int64](), cost = [Int64]()
        month.reserveCapacity(n); practice.reserveCapacity(n); cell.reserveCapacity(n)
        quantity.reserveCapacity(n); cost.reserveCapacity(n)
        for (t, m) in perMonth.enumerated() {
            let p = m.codes.map { index[$0]! }
            let c = m.month.cells.map { cellIndex[$0]! }
            for e in m.month.practice.indices {
                month.append(Int32(t))
                practice.append(p[Int(m.month.practice[e])])
                cell.append(c[Int(m.month.cell[e])])
            }
            quantity += m.month.quantity
            cost += m.month.cost
        }
        let standard = codes.map { timeline.isStandardPractice($0, orgs: orgs) }
        return BiosimilarTotals(months: chosen, practiceCodes: codes, isStandard: standard, orgs: orgs, cells: cells,
                                costBasis: costBasis, month: month, practice: practice, cell: cell, quantity: quantity,
                                cost: cost)
    }

    /// A chemical code (the first nine characters) as two words, for a hash look-up per
    /// presentation without building strings.
    struct ChemicalKey: Hashable {
        var high: UInt64
        var ninth: UInt64
        init(_ code: BNFCode) {
            high = code.high
            ninth = code.low >> 56
        }
    }

    /// One month's catalogued rows, over the month's own practice ids and a local cell table.
    struct MonthRows {
        var cells: [BNFCode] = []
        var practice: [Int32] = []
        var cell: [Int32] = []
        var quantity: [Int64] = []
        var cost: [Int64] = []
    }

    /// Copies one month's catalogued rows.
    static func readMonth(_ snapshot: Snapshot, chemicals: Set<ChemicalKey>, cost: Measure) -> MonthRows {
        var out = MonthRows()
        var cellOf = [Int32](repeating: -1, count: snapshot.presentationCodes.count)
        for (q, code) in snapshot.presentationCodes.enumerated()
        where code.count >= 9 && chemicals.contains(ChemicalKey(code)) {
            cellOf[q] = Int32(out.cells.count)
            out.cells.append(code)
        }
        guard !out.cells.isEmpty, snapshot.rowCount > 0 else { return out }
        let B = snapshot.blockRows
        let presentations = UnsafeMutableBufferPointer<Int32>.allocate(capacity: B)
        let positions = UnsafeMutableBufferPointer<Int32>.allocate(capacity: B)
        let columns = UnsafeMutableBufferPointer<Int64>.allocate(capacity: 2 * B)
        defer { presentations.deallocate(); positions.deallocate(); columns.deallocate() }
        let measures: [Measure] = [.quantity, cost]
        cellOf.withUnsafeBufferPointer { cellOf in
        snapshot.practiceStart.withUnsafeBufferPointer { starts in
            var p = 0
            for b in 0..<snapshot.blockCount {
                let rows = snapshot.rows(inBlock: b)
                snapshot.unpackPresentations(block: b, into: presentations)
                // The block's catalogued rows (a few percent), then only their amounts.
                var k = 0
                for i in 0..<rows.count {
                    positions[k] = Int32(truncatingIfNeeded: i)
                    k &+= cellOf[Int(presentations[i])] >= 0 ? 1 : 0
                }
                guard k > 0 else { continue }
                for (j, m) in measures.enumerated() {
                    snapshot.gather(m, block: b, positions: UnsafeBufferPointer(positions), count: k,
                                    into: UnsafeMutableBufferPointer(rebasing: columns[(j * B)...]))
                }
                for j in 0..<k {
                    let i = Int(positions[j])
                    let r = rows.lowerBound + i
                    while Int(starts[p + 1]) <= r { p += 1 }
                    out.practice.append(Int32(p))
                    out.cell.append(cellOf[Int(presentations[i])])
                    out.quantity.append(columns[j])
                    out.cost.append(columns[B + j])
                }
            }
        }}
        return out
    }
}
