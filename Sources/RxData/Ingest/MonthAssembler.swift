import Dispatch

/// Merges the workers' rows into sorted month tables.
///
/// Each worker's practice and presentation ids are translated to global ones (presentation
/// codes through the BNF code mapping first, so renamed codes sum together); rows are then
/// bucketed by practice, sorted by presentation within each practice, and rows sharing a key
/// are summed. Measure columns are gathered one at a time so peak memory stays near one copy
/// of the data.
struct MonthAssembler {
    /// The workers whose rows are merged; their measure columns are freed as the last month is
    /// gathered.
    var workers: [ScanWorker]
    /// The months and measures whose sums, across the file's chunks, left the `Int64` range.
    var overflows: [(month: YearMonth, measure: Measure)] = []
    let codeMap: (@Sendable (BNFCode) -> BNFCode)?

    /// The assembled months, in month order.
    mutating func assemble(measures: MeasureSet) -> [MonthTable] {
        // Global practice codes, sorted.
        var practiceIndex: [String: Int32] = [:]
        for w in workers {
            for key in w.practiceKeys {
                let code = String(decoding: CodeDictionary.unpack(key), as: UTF8.self)
                practiceIndex[code] = 0
            }
        }
        let practiceCodes = practiceIndex.keys.sorted()
        for (i, c) in practiceCodes.enumerated() { practiceIndex[c] = Int32(i) }
        // Global presentation codes after mapping, sorted.
        var presIndex: [BNFCode: Int32] = [:]
        var workerPres: [[BNFCode?]] = []
        for w in workers {
            var mapped: [BNFCode?] = []
            mapped.reserveCapacity(w.presentationKeys.count)
            for key in w.presentationKeys {
                guard var code = BNFCode(bytes: CodeDictionary.unpack(key)) else { mapped.append(nil); continue }
                if let codeMap { code = codeMap(code) }
                mapped.append(code)
                presIndex[code] = 0
            }
            workerPres.append(mapped)
        }
        let presCodes = presIndex.keys.sorted()
        for (i, c) in presCodes.enumerated() { presIndex[c] = Int32(i) }

        let practiceMaps: [[Int32]] = workers.map { w in
            w.practiceKeys.map { practiceIndex[String(decoding: CodeDictionary.unpack($0), as: UTF8.self)]! }
        }
        let presMaps: [[Int32]] = workerPres.map { list in list.map { $0.map { presIndex[$0]! } ?? -1 } }

        var allMonths = Set<YearMonth>()
        for w in workers { allMonths.formUnion(w.months) }
        let ordered = allMonths.sorted()
        var tables: [MonthTable] = []
        for (k, month) in ordered.enumerated() {
            tables.append(assembleMonth(month, practiceCodes: practiceCodes, presCodes: presCodes,
                                        practiceMaps: practiceMaps, presMaps: presMaps, measures: measures,
                                        freeColumns: k == ordered.count - 1))
        }
        return tables
    }

    private mutating func assembleMonth(_ month: YearMonth, practiceCodes: [String], presCodes: [BNFCode],
                               practiceMaps: [[Int32]], presMaps: [[Int32]], measures: MeasureSet,
                                        freeColumns: Bool) -> MonthTable {
        let practiceCount = practiceCodes.count
        // Worker-local month index for this month (-1 if the worker never saw it).
        let localMonth: [Int] = workers.map { $0.months.firstIndex(of: month) ?? -1 }
        var bases: [Int] = []
        var total = 0
        for w in workers { bases.append(total); total += w.rows.count }
        let rowBase = bases

        // 1. Count rows per global practice, each worker's rows on their own thread.
        let workerCount = workers.count
        var perWorker = [[Int]](repeating: [], count: workerCount)
        do {
            nonisolated(unsafe) let ws = workers
            perWorker.withUnsafeMutableBufferPointer { pw in
                nonisolated(unsafe) let out = pw
                DispatchQueue.concurrentPerform(iterations: workerCount) { wi in
                    var c = [Int](repeating: 0, count: practiceCount)
                    if localMonth[wi] >= 0 {
                        let m = UInt32(localMonth[wi])
                        let pmap = practiceMaps[wi]
                        let rows = ws[wi].rows
                        for r in 0..<rows.count {
                            let pm = rows.practiceMonth(r)
                            if pm >> 24 == m { c[Int(pmap[Int(pm & 0xFF_FFFF)])] += 1 }
                        }
                    }
                    out[wi] = c
                }
            }
        }
        // counts[p] = first slot of practice p; each worker's rows of p follow those of earlier workers.
        var counts = [Int](repeating: 0, count: practiceCount + 1)
        var starts = [[Int]](repeating: [Int](repeating: 0, count: practiceCount), count: workerCount)
        for p in 0..<practiceCount {
            var at = counts[p]
            for wi in 0..<workerCount {
                starts[wi][p] = at
                at += perWorker[wi][p]
            }
            counts[p + 1] = at
        }
        let workerStart = starts
        let inMonth = counts[practiceCount]

        // 2. Bucket row references by practice, keyed by global presentation (workers in parallel,
        //    each writing only its own slots).
        var keys = [UInt64](repeating: 0, count: inMonth)
        keys.withUnsafeMutableBufferPointer { kb in
            nonisolated(unsafe) let out = kb
            nonisolated(unsafe) let ws = workers
            DispatchQueue.concurrentPerform(iterations: workerCount) { wi in
                guard localMonth[wi] >= 0 else { return }
                let m = UInt32(localMonth[wi])
                let pmap = practiceMaps[wi], prmap = presMaps[wi]
                let base = UInt64(rowBase[wi])
                var fill = workerStart[wi]
                let rows = ws[wi].rows
                for r in 0..<rows.count {
                    let pm = rows.practiceMonth(r)
                    guard pm >> 24 == m else { continue }
                    let p = Int(pmap[Int(pm & 0xFF_FFFF)])
                    let pres = UInt64(UInt32(bitPattern: prmap[Int(rows.presentation(r))]))
                    out[fill[p]] = pres << 32 | (base + UInt64(r))
                    fill[p] += 1
                }
            }
        }

        // The last month's rows are all keyed: their ids are no longer needed.
        if freeColumns { for w in workers.indices { workers[w].freeRowKeys() } }

        // 3. Sort each practice's rows by presentation (in parallel over practice ranges).
        keys.withUnsafeMutableBufferPointer { kb in
            let parts = 8
            let step = (practiceCount + parts - 1) / max(parts, 1)
            nonisolated(unsafe) let kbu = kb
            let bounds = counts
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let lo = part * step, hi = min(practiceCount, lo + step)
                guard lo < hi else { return }
                for p in lo..<hi {
                    let a = bounds[p], b = bounds[p + 1]
                    if b - a > 1 {
                        var slice = UnsafeMutableBufferPointer(rebasing: kbu[a..<b])
                        slice.sort()
                    }
                }
            }
        }

        // 4. Collapse equal keys: output rows, their presentation and the run of inputs they sum.
        var usedPractice: [Int32] = []
        var practiceStart: [Int32] = [0]
        var presentation: [Int32] = []
        var runStart: [Int32] = []
        presentation.reserveCapacity(inMonth)
        runStart.reserveCapacity(inMonth + 1)
        var presUsed = [Bool](repeating: false, count: presCodes.count)
        for p in 0..<practiceCount {
            let a = counts[p], b = counts[p + 1]
            guard a < b else { continue }
            var prev: UInt64 = .max
            for k in a..<b {
                let pres = keys[k] >> 32
                if pres != prev {
                    presentation.append(Int32(pres))
                    presUsed[Int(pres)] = true
                    runStart.append(Int32(k))
                    prev = pres
                }
            }
            usedPractice.append(Int32(p))
            practiceStart.append(Int32(presentation.count))
        }
        runStart.append(Int32(inMonth))
        let outRows = presentation.count

        // 5. Re-index presentations to this month's own table.
        var monthPresIndex = [Int32](repeating: -1, count: presCodes.count)
        var monthPresCodes: [BNFCode] = []
        for (i, used) in presUsed.enumerated() where used {
            monthPresIndex[i] = Int32(monthPresCodes.count)
            monthPresCodes.append(presCodes[i])
        }
        for r in 0..<outRows { presentation[r] = monthPresIndex[Int(presentation[r])] }

        // 5b. Items and quantity per quantity per item, when the workers kept them: a run's
        //     inputs are the row's (practice-month, presentation, quantity per item) rows.
        let breakdown = workers.first?.rows.keepsQuantityPerItem == true
            ? gatherQuantityPerItem(month: month, runStart: runStart, keys: keys, rowBase: rowBase, outRows: outRows) : nil
        if freeColumns && breakdown != nil { for w in workers.indices { workers[w].freeQuantityPerItem() } }

        // 6. Gather each measure column, summing each run; each column is split across the
        //    cores by row range, and freed from the workers as soon as it is gathered.
        var columns = [[Int64]](repeating: [], count: Measure.allCases.count)
        let refMask: UInt64 = 0xFFFF_FFFF
        let parts = max(1, min(ProcessInfoThreads.active, outRows / 4_096 + 1))
        let flagBuffer = UnsafeMutablePointer<Bool>.allocate(capacity: parts)
        defer { flagBuffer.deallocate() }
        for c in 0..<Measure.allCases.count {
            flagBuffer.initialize(repeating: false, count: parts)
            nonisolated(unsafe) let flags = flagBuffer
            let out: [Int64]
            if measures.has(Measure(rawValue: c)!) {
                nonisolated(unsafe) let ws = workers
                let bases = rowBase
                // Every row is written by the gather, so the column is not zero-filled first.
                out = [Int64](unsafeUninitializedCapacity: outRows) { ob, initialized in
                    keys.withUnsafeBufferPointer { kb in
                        runStart.withUnsafeBufferPointer { rb in
                            nonisolated(unsafe) let o = ob, k = kb, r = rb
                            DispatchQueue.concurrentPerform(iterations: parts) { part in
                                let lo = outRows * part / parts, hi = outRows * (part + 1) / parts
                                var overflow = false
                                for row in lo..<hi {
                                    var sum: Int64 = 0
                                    for j in Int(r[row])..<Int(r[row + 1]) {
                                        let ref = Int(k[j] & refMask)
                                        var wi = workerCount - 1
                                        while bases[wi] > ref { wi -= 1 }
                                        let (s, f) = sum.addingReportingOverflow(ws[wi].rows.value(ref - bases[wi], c))
                                        sum = s
                                        overflow = overflow || f
                                    }
                                    (o.baseAddress! + row).initialize(to: sum)
                                }
                                if overflow { flags[part] = true }
                            }
                        }
                    }
                    initialized = outRows
                }
            } else {
                out = [Int64](repeating: 0, count: outRows)
            }
            columns[c] = out
            if (0..<parts).contains(where: { flagBuffer[$0] }) { overflows.append((month, Measure(rawValue: c)!)) }
            if freeColumns { for w in workers.indices { workers[w].freeColumn(c) } }
        }
        return MonthTable(month: month, practiceCodes: usedPractice.map { practiceCodes[Int($0)] },
                          presentationCodes: monthPresCodes, practiceStart: practiceStart,
                          presentation: presentation, columns: columns, measures: measures, quantityPerItem: breakdown)
    }

    /// The month's ``QuantityPerItemBreakdown``: per output row, its inputs grouped by quantity
    /// per item, an entry for each unless the row is implicit. Parts of the rows run on every core.
    private mutating func gatherQuantityPerItem(month: YearMonth, runStart: [Int32], keys: [UInt64], rowBase: [Int],
                                                outRows: Int) -> QuantityPerItemBreakdown {
        let parts = max(1, min(ProcessInfoThreads.active, outRows / 4_096 + 1))
        let workerCount = workers.count
        nonisolated(unsafe) let ws = workers
        let items = Measure.items.rawValue, quantity = Measure.quantity.rawValue
        let pieces = StoreParallel.map(parts) { part -> (QuantityPerItemBreakdown, Bool) in
            var out = QuantityPerItemBreakdown()
            var overflow = false
            var group: [(Int64, Int64, Int64)] = []
            func input(_ j: Int) -> (Int64, Int64, Int64) {
                let ref = Int(keys[j] & 0xFFFF_FFFF)
                var wi = workerCount - 1
                while rowBase[wi] > ref { wi -= 1 }
                let rows = ws[wi].rows, r = ref - rowBase[wi]
                return (rows.quantityPerItem(r), rows.value(r, items), rows.value(r, quantity))
            }
            for row in (outRows * part / parts)..<(outRows * (part + 1) / parts) {
                let a = Int(runStart[row]), b = Int(runStart[row + 1])
                // Most rows have one input: implicit unless its total is not the product.
                if b - a == 1 {
                    let g = input(a)
                    if !QuantityPerItemBreakdown.isImplicit(quantityPerItem: g.0, items: g.1, quantity: g.2) {
                        out.row.append(Int32(row)); out.quantityPerItem.append(g.0); out.items.append(g.1); out.quantity.append(g.2)
                    }
                    continue
                }
                group.removeAll(keepingCapacity: true)
                for j in a..<b { group.append(input(j)) }
                // Sorted by quantity per item, equal ones summed in place.
                group.sort { $0.0 < $1.0 }
                var n = 0
                for k in group.indices {   // by index: compacting in place, never ahead of k
                    let g = group[k]
                    if n > 0 && group[n - 1].0 == g.0 {
                        let (i, f1) = group[n - 1].1.addingReportingOverflow(g.1), (q, f2) = group[n - 1].2.addingReportingOverflow(g.2)
                        overflow = overflow || f1 || f2
                        group[n - 1] = (g.0, i, q)
                    } else {
                        group[n] = g
                        n += 1
                    }
                }
                if n == 1 && QuantityPerItemBreakdown.isImplicit(quantityPerItem: group[0].0, items: group[0].1, quantity: group[0].2) {
                    continue
                }
                for g in group.prefix(n) {
                    out.row.append(Int32(row)); out.quantityPerItem.append(g.0); out.items.append(g.1); out.quantity.append(g.2)
                }
            }
            return (out, overflow)
        }
        var all = QuantityPerItemBreakdown()
        for (piece, overflow) in pieces {
            all.row += piece.row; all.quantityPerItem += piece.quantityPerItem; all.items += piece.items; all.quantity += piece.quantity
            if overflow { overflows.append((month, .quantity)) }
        }
        return all
    }
}
