/// One thread's share of reading a prescribing file.
///
/// A worker parses the lines of the slices it is handed, dictionary-encodes practice and
/// presentation codes to its own dense ids, and sums rows per (month, practice, presentation)
/// within each run of lines for one practice (real files keep a practice's rows together, so
/// pack sizes collapse here; whatever is left over is summed when the workers' rows are merged).
///
/// A value type so that the hot loop's state is checked for exclusive access at compile time,
/// not per access at run time; its owner calls ``free()`` when done.
struct ScanWorker {
    /// Practice metadata captured from the first row that names a practice.
    struct PracticeMeta {
        var name: String?
        var postcode: String?
        var subICB: String?, subICBName: String?
        var icb: String?, icbName: String?
        var region: String?, regionName: String?
        var unidentified: Bool
    }

    /// A problem found on a line of the current slice.
    struct Problem {
        var localLine: Int
        var field: String?
        var reason: String
        var text: [UInt8]
    }

    let layout: PrescribingLayout
    let stopAtFirstProblem: Bool
    private let splitter: FieldSplitter
    private var practiceDict = CodeDictionary(capacity: 1 << 13)
    private var presentationDict = CodeDictionary(capacity: 1 << 15)
    private var monthSpellings: [(key: (UInt64, UInt64), index: Int)] = []
    private(set) var months: [YearMonth] = []
    /// Per month index, the slice-local line where the month first appears in the current slice
    /// (-1: not in it); reset by each ``scan(_:from:to:)``.
    private(set) var monthFirstLine: [Int] = []
    private(set) var rows = RowBuffer()
    private(set) var practiceMeta: [PracticeMeta] = []
    private(set) var presentationNames: [String?] = []
    private(set) var chemicalNames: [BNFCode: String] = [:]
    /// Dictionary entries that are not valid BNF codes (their rows were rejected).
    private(set) var invalidPresentations: Set<Int32> = []
    /// Dictionary entries that are not valid prescriber codes (their rows were rejected).
    private(set) var invalidPractices: Set<Int32> = []

    // Run-level aggregation: slot of each presentation in the current practice-month run.
    private var presSlot: UnsafeMutablePointer<Int32>
    private var presSlotCapacity: Int
    private var touched: [Int32] = []
    private var runKey: UInt32 = .max

    // Caches of the previous row's keys.
    private var lastPractice: (UInt64, UInt64) = (0, .max)
    private var lastPracticeID: Int32 = -1
    private var lastMonth: (UInt64, UInt64) = (0, .max)
    private var lastMonthIndex = 0

    // Counters.
    var lines = 0
    var rowsKept = 0
    var blankLines = 0
    var negatives = [Int](repeating: 0, count: Measure.allCases.count)
    var rounded = 0
    var emptyADQ = 0
    var problems: [Problem] = []

    // Column indexes resolved once.
    private let cMonth, cPractice, cBNF, cItems, cQuantity, cNIC, cCost, cADQ, cUnidentified, cSubICB: Int
    /// EPD's `QUANTITY` (quantity per item), -1 when the layout has none.
    private let cQPI: Int
    /// The health board column of Scotland's data (`HBT`), for its non-practice buckets; -1 else.
    private let cBoard: Int
    private let padded: Bool

    init(layout: PrescribingLayout, stopAtFirstProblem: Bool) {
        self.layout = layout
        self.stopAtFirstProblem = stopAtFirstProblem
        splitter = FieldSplitter(capacity: layout.columnCount + 2)
        presSlotCapacity = 1 << 15
        presSlot = .allocate(capacity: presSlotCapacity)
        presSlot.initialize(repeating: -1, count: presSlotCapacity)
        cMonth = layout.column(.month)
        cPractice = layout.column(.practice)
        cBNF = layout.column(.bnfCode)
        cItems = layout.column(.items)
        cQuantity = layout.column(.quantity)
        cNIC = layout.column(.nic)
        cCost = layout.column(.actualCost)
        cADQ = layout.column(.adq)
        cUnidentified = layout.column(.unidentified)
        cSubICB = layout.column(.subICBCode)
        cQPI = layout.column(.quantityPerItem)
        rows = RowBuffer(keepsQuantityPerItem: cQPI >= 0)
        padded = layout.format == .pdpiPadded
        cBoard = layout.format == .phs ? layout.column(.icbCode) : -1
    }

    /// Frees one measure column of the worker's rows (see ``RowBuffer/freeColumn(_:)``).
    mutating func freeColumn(_ c: Int) { rows.freeColumn(c) }
    /// Frees the rows' practice-month and presentation ids (``RowBuffer/freeRowKeys()``).
    mutating func freeRowKeys() { rows.freeRowKeys() }
    /// Frees the rows' quantities per item (``RowBuffer/freeQuantityPerItem()``).
    mutating func freeQuantityPerItem() { rows.freeQuantityPerItem() }

    /// Frees the worker's buffers and rows.
    mutating func free() {
        splitter.deallocate()
        presSlot.deallocate()
        rows.free()
    }

    /// Practice keys in id order.
    var practiceKeys: [(UInt64, UInt64)] { practiceDict.entries }
    /// Presentation keys in id order.
    var presentationKeys: [(UInt64, UInt64)] { presentationDict.entries }

    /// Parses the lines in `base[from..<to]`. Returns false if it stopped at a problem (only
    /// when ``stopAtFirstProblem``). Line numbers in problems are relative to this slice.
    mutating func scan(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Bool {
        lines = 0
        problems.removeAll(keepingCapacity: true)
        for k in monthFirstLine.indices { monthFirstLine[k] = -1 }
        lastMonth = (0, .max)   // the first row of the slice records its month's first line
        var i = from
        while i < to {
            let lineStart = i
            let localLine = lines
            lines += 1
            // Blank line?
            if base[i] == 0x0A || (base[i] == 0x0D && (i + 1 == to || base[i + 1] == 0x0A)) {
                blankLines += 1
                i = FieldSplitter.lineEnd(base, from: i, end: to)
                continue
            }
            let next: Int
            var problem: (String?, String)? = nil
            switch splitter.split(base, from: i, end: to) {
            case .line(let fields, let n):
                next = n
                if fields == layout.columnCount {
                    problem = handleRow(base + lineStart, localLine: localLine, readable: to - lineStart)
                } else {
                    let truncated = n == to && base[to - 1] != 0x0A
                    problem = (nil, "expected \(layout.columnCount) fields, found \(fields)" + (truncated && fields < layout.columnCount ? " (the last line is truncated)" : ""))
                }
            case .unterminatedQuote(let field, let n):
                next = n
                problem = (fieldName(field), "quoted field is not closed before the end of the line" + (n == to ? " (the last line may be truncated)" : ""))
            case .textAfterQuote(let field, let n):
                next = n
                problem = (fieldName(field), "text follows the closing quote")
            case .tooManyFields(let n):
                next = n
                problem = (nil, "expected \(layout.columnCount) fields, found more than \(splitter.capacity)")
            }
            if next - lineStart > LineChunks.maximumLineLength { problem = (nil, LineChunks.lineTooLongReason) }
            if let (field, reason) = problem {
                var e = next
                if e > lineStart && base[e - 1] == 0x0A { e -= 1 }
                if e > lineStart && base[e - 1] == 0x0D { e -= 1 }
                problems.append(Problem(localLine: localLine, field: field, reason: reason,
                                        text: Array(UnsafeBufferPointer(start: base + lineStart, count: e - lineStart))))
                if stopAtFirstProblem { return false }
            }
            i = next
        }
        return true
    }

    private func fieldName(_ i: Int) -> String? { i < layout.names.count ? layout.names[i] : nil }

    @inline(__always)
    private func field(_ line: UnsafePointer<UInt8>, _ c: Int) -> (UnsafePointer<UInt8>, Int) {
        var s = Int(splitter.starts[c]), e = Int(splitter.ends[c])
        if padded {
            while s < e && line[s] == 0x20 { s += 1 }
            while e > s && line[e - 1] == 0x20 { e -= 1 }
        }
        return (line + s, e - s)
    }

    @inline(__always)
    private mutating func number(_ line: UnsafePointer<UInt8>, _ c: Int, decimals: Int, value: inout Int64) -> String? {
        let (p, n) = field(line, c)
        if n > 40 { return "number is \(n) characters long" }
        var r = false
        switch DecimalParser.parse(p, count: n, decimals: decimals, rounded: &r) {
        case .success(let v):
            if r {
                if decimals == 0 { return "not a whole number: '\(FieldText.string(p, count: n))'" }
                rounded += 1
            }
            value = v
            return nil
        case .failure(.empty): return "empty value"
        case .failure(.notANumber): return "not a number: '\(FieldText.string(p, count: min(n, 40)))'"
        case .failure(.outOfRange): return "number out of range: '\(FieldText.string(p, count: n))'"
        }
    }

    /// Reads one split row into the aggregates; returns (field, reason) on a problem.
    @inline(__always)
    private mutating func handleRow(_ line: UnsafePointer<UInt8>, localLine: Int, readable: Int) -> (String?, String)? {
        // Numbers first: a bad row must not leave dictionary entries behind.
        var items: Int64 = 0, quantity: Int64 = 0, nic: Int64 = 0, cost: Int64 = 0, adq: Int64 = 0
        if let e = number(line, cItems, decimals: 0, value: &items) { return (layout.names[cItems], e) }
        if let e = number(line, cQuantity, decimals: FixedPoint.decimals, value: &quantity) { return (layout.names[cQuantity], e) }
        if let e = number(line, cNIC, decimals: FixedPoint.decimals, value: &nic) { return (layout.names[cNIC], e) }
        if cCost >= 0, let e = number(line, cCost, decimals: FixedPoint.decimals, value: &cost) { return (layout.names[cCost], e) }
        var qpi: Int64 = 0
        if cQPI >= 0, let e = number(line, cQPI, decimals: FixedPoint.decimals, value: &qpi) { return (layout.names[cQPI], e) }
        if cADQ >= 0 {
            if let e = number(line, cADQ, decimals: FixedPoint.decimals, value: &adq) {
                if e == "empty value" { emptyADQ += 1; adq = 0 } else { return (layout.names[cADQ], e) }
            }
        }

        // Month.
        let (mp, mn) = field(line, cMonth)
        guard let mkey = CodeDictionary.packFast(mp, count: mn, readable: readable - (mp - line)) else { return (layout.names[cMonth], "not a month: field is \(mn) characters long") }
        var monthIndex = lastMonthIndex
        if mkey != lastMonth {
            if let k = monthSpellings.firstIndex(where: { $0.key == mkey }) {
                monthIndex = monthSpellings[k].index
            } else {
                guard let ym = YearMonth.parse(ArraySlice(UnsafeBufferPointer(start: mp, count: mn))) else {
                    return (layout.names[cMonth], "not a month: '\(FieldText.string(mp, count: mn))' (expected 201709, 2017_09 or 2017-09)")
                }
                if let k = months.firstIndex(of: ym) {
                    monthIndex = k
                } else {
                    guard months.count < 255 else { return (layout.names[cMonth], "more than 255 distinct months in one file") }
                    months.append(ym)
                    monthFirstLine.append(-1)
                    monthIndex = months.count - 1
                }
                monthSpellings.append((mkey, monthIndex))
            }
            lastMonth = mkey
            lastMonthIndex = monthIndex
            if monthFirstLine[monthIndex] < 0 { monthFirstLine[monthIndex] = localLine }
        }

        // Presentation.
        let (bp, bn) = field(line, cBNF)
        guard bn > 0 else { return (layout.names[cBNF], "empty BNF code") }
        guard let bkey = CodeDictionary.packFast(bp, count: bn, readable: readable - (bp - line)) else {
            return (layout.names[cBNF], "BNF code is \(bn) characters long (at most 15)")
        }
        var isNewPres = false
        let presID = presentationDict.id(bkey, isNew: &isNewPres)
        if isNewPres {
            capturePresentation(line, code: bp, count: bn)
            let codeBytes = UnsafeBufferPointer(start: bp, count: bn)
            // A BNF code is letters and digits only: a stray byte must not make a new presentation.
            if BNFCode(bytes: codeBytes) == nil || !codeBytes.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) {
                invalidPresentations.insert(presID)
            }
        }
        if !invalidPresentations.isEmpty && invalidPresentations.contains(presID) {
            return (layout.names[cBNF], "not a BNF code: '\(FieldText.string(bp, count: bn))'")
        }

        // Practice (unidentified prescribing gets a bucket per area).
        var (pp, pn) = field(line, cPractice)
        if pn == 0 { return (layout.names[cPractice], "empty practice code") }
        var unidentified = pn == 1 && pp[0] == 0x2D
        if cUnidentified >= 0 {
            let (up, un) = field(line, cUnidentified)
            if un == 1 && (up[0] == 0x59 || up[0] == 0x79) { unidentified = true }
        }
        var key: (UInt64, UInt64)
        if unidentified {
            var buf: (UInt64, UInt64) = (0, 0)
            let (ap, an) = cSubICB >= 0 ? field(line, cSubICB) : (pp, 0)
            let n = min(an, 13)
            key = withUnsafeMutableBytes(of: &buf) { raw -> (UInt64, UInt64) in
                let b = raw.bindMemory(to: UInt8.self).baseAddress!
                b[0] = 0x2D
                var len = 1
                if n > 0 {
                    b[1] = 0x40
                    for k in 0..<n { b[2 + k] = ap[k] }
                    len = 2 + n
                }
                return CodeDictionary.pack(UnsafePointer(b), count: len)!
            }
            pp = line; pn = 0  // not used further
        } else if cBoard >= 0 && PrescriberCode.isScottishNonPractice(UnsafeBufferPointer(start: pp, count: pn)) {
            // Scotland's 99996–99999 recur in every board: one bucket per board (`99996@S08000015`).
            let (bp2, bn2) = field(line, cBoard)
            var buf: (UInt64, UInt64) = (0, 0)
            let n = min(bn2, 15 - pn - 1)
            key = withUnsafeMutableBytes(of: &buf) { raw -> (UInt64, UInt64) in
                let b = raw.bindMemory(to: UInt8.self).baseAddress!
                for k in 0..<pn { b[k] = pp[k] }
                var len = pn
                if n > 0 {
                    b[pn] = 0x40
                    for k in 0..<n { b[pn + 1 + k] = bp2[k] }
                    len = pn + 1 + n
                }
                return CodeDictionary.pack(UnsafePointer(b), count: len)!
            }
        } else {
            guard let k = CodeDictionary.packFast(pp, count: pn, readable: readable - (pp - line)) else {
                return (layout.names[cPractice], "practice code is \(pn) characters long (at most 15)")
            }
            key = k
        }
        var practiceID = lastPracticeID
        if key != lastPractice {
            var isNew = false
            let id = practiceDict.id(key, isNew: &isNew)
            if isNew {
                practiceMeta.append(capture(line, unidentified: unidentified))
                if !unidentified && !PrescriberCode.isValid(UnsafeBufferPointer(start: pp, count: pn)) { invalidPractices.insert(id) }
            }
            if !invalidPractices.isEmpty && invalidPractices.contains(id) {
                lastPractice = (0, .max)
                return (layout.names[cPractice], "not a prescriber code: '\(FieldText.string(pp, count: pn))' (2 to 10 ASCII letters and digits)")
            }
            practiceID = id
            lastPractice = key
            lastPracticeID = id
        }

        // Sum into the current practice-month run.
        let rk = UInt32(monthIndex) << 24 | UInt32(practiceID)
        if rk != runKey {
            for t in touched { presSlot[Int(t)] = -1 }
            touched.removeAll(keepingCapacity: true)
            runKey = rk
        }
        if Int(presID) >= presSlotCapacity { growPresSlots() }
        let head = Int(presSlot[Int(presID)])
        var row = head
        // With quantities per item kept, a row is per quantity per item too: follow the chain
        // of this presentation's rows in the run.
        if cQPI >= 0 {
            while row >= 0 && rows.quantityPerItem(row) != qpi { row = Int(rows.chain(row)) }
        }
        if row < 0 {
            row = rows.append(practiceMonth: rk, presentation: UInt32(presID), items, quantity, nic, cost, adq)
            if cQPI >= 0 { rows.setQuantityPerItem(row: row, qpi, chain: Int32(truncatingIfNeeded: head)) }
            if head < 0 { touched.append(presID) }
            presSlot[Int(presID)] = Int32(truncatingIfNeeded: row)
        } else if let c = rows.add(row: row, items, quantity, nic, cost, adq) {
            let column = [cItems, cQuantity, cNIC, cCost, cADQ][c]
            return (column >= 0 ? layout.names[column] : nil,
                    "summing this row with the earlier rows of its practice and presentation leaves the fixed-point range (±92,233,720,368,547.75807)")
        }
        if items < 0 { negatives[0] += 1 }
        if quantity < 0 { negatives[1] += 1 }
        if nic < 0 { negatives[2] += 1 }
        if cost < 0 { negatives[3] += 1 }
        if adq < 0 { negatives[4] += 1 }
        rowsKept += 1
        return nil
    }

    private mutating func growPresSlots() {
        let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: presSlotCapacity * 2)
        bigger.initialize(repeating: -1, count: presSlotCapacity * 2)
        bigger.update(from: presSlot, count: presSlotCapacity)
        presSlot.deallocate()
        presSlot = bigger
        presSlotCapacity *= 2
    }

    private func text(_ line: UnsafePointer<UInt8>, _ role: ColumnRole) -> String? {
        let c = layout.column(role)
        guard c >= 0 else { return nil }
        let s = Int(splitter.starts[c]), e = Int(splitter.ends[c])
        let t = FieldText.string(line + s, count: e - s, escaped: splitter.escaped(c))
        return t.isEmpty ? nil : t
    }

    private func capture(_ line: UnsafePointer<UInt8>, unidentified: Bool) -> PracticeMeta {
        PracticeMeta(name: text(line, .practiceName), postcode: text(line, .postcode),
                     subICB: text(line, .subICBCode), subICBName: text(line, .subICBName),
                     icb: text(line, .icbCode), icbName: text(line, .icbName),
                     region: text(line, .regionCode), regionName: text(line, .regionName),
                     unidentified: unidentified)
    }

    private mutating func capturePresentation(_ line: UnsafePointer<UInt8>, code: UnsafePointer<UInt8>, count: Int) {
        presentationNames.append(text(line, .bnfName))
        if let chem = text(line, .chemicalCode), let name = text(line, .chemicalName), let c = BNFCode(chem) {
            chemicalNames[c] = name
        }
    }
}
