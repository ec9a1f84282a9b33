/// Append-only columnar storage for parsed rows, in fixed-size segments so growth never copies
/// and memory is touched once. A value type holding raw pointers: its owner frees it with
/// ``free()``.
struct RowBuffer {
    static let segmentShift = 20
    static let segmentSize = 1 << segmentShift
    static let columnCount = Measure.allCases.count

    /// Per segment: practice id per row (month index in the top 8 bits).
    private(set) var practiceMonthSegments: [UnsafeMutablePointer<UInt32>] = []
    /// Per segment: presentation id per row.
    private(set) var presentationSegments: [UnsafeMutablePointer<UInt32>] = []
    /// Per segment and measure (`segment * columnCount + measure`): values.
    private(set) var valueSegments: [UnsafeMutablePointer<Int64>] = []
    /// Per segment, when quantities per item are kept: the row's quantity per item (rows are
    /// then per practice-month, presentation and quantity per item).
    private(set) var quantityPerItemSegments: [UnsafeMutablePointer<Int64>] = []
    /// Per segment, when quantities per item are kept: the previous row of the same practice-month
    /// run and presentation at another quantity per item (-1: none).
    private(set) var chainSegments: [UnsafeMutablePointer<Int32>] = []
    private(set) var count = 0
    /// Whether each row also holds a quantity per item.
    let keepsQuantityPerItem: Bool

    init(keepsQuantityPerItem: Bool = false) { self.keepsQuantityPerItem = keepsQuantityPerItem }

    /// Sets the quantity per item and chain link of row `r` (only when kept).
    @inline(__always)
    func setQuantityPerItem(row r: Int, _ qpi: Int64, chain: Int32) {
        let s = r >> RowBuffer.segmentShift, o = r & (RowBuffer.segmentSize - 1)
        quantityPerItemSegments[s][o] = qpi
        chainSegments[s][o] = chain
    }
    @inline(__always) func quantityPerItem(_ r: Int) -> Int64 { quantityPerItemSegments[r >> RowBuffer.segmentShift][r & (RowBuffer.segmentSize - 1)] }
    @inline(__always) func chain(_ r: Int) -> Int32 { chainSegments[r >> RowBuffer.segmentShift][r & (RowBuffer.segmentSize - 1)] }

    /// Appends a row with the given values and returns its index.
    @inline(__always)
    mutating func append(practiceMonth pm: UInt32, presentation pres: UInt32,
                         _ v0: Int64, _ v1: Int64, _ v2: Int64, _ v3: Int64, _ v4: Int64) -> Int {
        let s = count >> RowBuffer.segmentShift
        if s == practiceMonthSegments.count { addSegment() }
        let o = count & (RowBuffer.segmentSize - 1)
        practiceMonthSegments[s][o] = pm
        presentationSegments[s][o] = pres
        let b = s &* RowBuffer.columnCount
        valueSegments[b][o] = v0
        valueSegments[b &+ 1][o] = v1
        valueSegments[b &+ 2][o] = v2
        valueSegments[b &+ 3][o] = v3
        valueSegments[b &+ 4][o] = v4
        count += 1
        return count - 1
    }

    /// Adds to the values of row `r`; returns the column whose sum would leave the `Int64`
    /// range (the row is then unchanged), or nil.
    @inline(__always)
    func add(row r: Int, _ v0: Int64, _ v1: Int64, _ v2: Int64, _ v3: Int64, _ v4: Int64) -> Int? {
        let b = (r >> RowBuffer.segmentShift) &* RowBuffer.columnCount
        let o = r & (RowBuffer.segmentSize - 1)
        let (s0, f0) = valueSegments[b][o].addingReportingOverflow(v0)
        let (s1, f1) = valueSegments[b &+ 1][o].addingReportingOverflow(v1)
        let (s2, f2) = valueSegments[b &+ 2][o].addingReportingOverflow(v2)
        let (s3, f3) = valueSegments[b &+ 3][o].addingReportingOverflow(v3)
        let (s4, f4) = valueSegments[b &+ 4][o].addingReportingOverflow(v4)
        if f0 || f1 || f2 || f3 || f4 { return f0 ? 0 : f1 ? 1 : f2 ? 2 : f3 ? 3 : 4 }
        valueSegments[b][o] = s0
        valueSegments[b &+ 1][o] = s1
        valueSegments[b &+ 2][o] = s2
        valueSegments[b &+ 3][o] = s3
        valueSegments[b &+ 4][o] = s4
        return nil
    }

    @inline(__always) func practiceMonth(_ r: Int) -> UInt32 { practiceMonthSegments[r >> RowBuffer.segmentShift][r & (RowBuffer.segmentSize - 1)] }
    @inline(__always) func presentation(_ r: Int) -> UInt32 { presentationSegments[r >> RowBuffer.segmentShift][r & (RowBuffer.segmentSize - 1)] }
    @inline(__always) func value(_ r: Int, _ c: Int) -> Int64 {
        valueSegments[(r >> RowBuffer.segmentShift) &* RowBuffer.columnCount &+ c][r & (RowBuffer.segmentSize - 1)]
    }

    private mutating func addSegment() {
        practiceMonthSegments.append(.allocate(capacity: RowBuffer.segmentSize))
        presentationSegments.append(.allocate(capacity: RowBuffer.segmentSize))
        for _ in 0..<RowBuffer.columnCount { valueSegments.append(.allocate(capacity: RowBuffer.segmentSize)) }
        if keepsQuantityPerItem {
            quantityPerItemSegments.append(.allocate(capacity: RowBuffer.segmentSize))
            chainSegments.append(.allocate(capacity: RowBuffer.segmentSize))
        }
    }

    /// Frees the quantity-per-item and chain segments once the breakdown is gathered.
    mutating func freeQuantityPerItem() {
        for s in quantityPerItemSegments.indices {
            quantityPerItemSegments[s].deallocate()
            quantityPerItemSegments[s] = .allocate(capacity: 1)
            chainSegments[s].deallocate()
            chainSegments[s] = .allocate(capacity: 1)
        }
    }

    /// Frees every segment's practice-month and presentation ids once the last month's rows are
    /// keyed elsewhere (8 bytes a row), before the measure columns are gathered. Reading them
    /// afterwards is an error.
    mutating func freeRowKeys() {
        for s in practiceMonthSegments.indices {
            practiceMonthSegments[s].deallocate()
            practiceMonthSegments[s] = .allocate(capacity: 1)
            presentationSegments[s].deallocate()
            presentationSegments[s] = .allocate(capacity: 1)
        }
    }

    /// Frees one measure column of every segment once it has been gathered elsewhere, so peak
    /// memory stays near one copy of the data. Reading the column afterwards is an error.
    mutating func freeColumn(_ c: Int) {
        var s = 0
        while s * RowBuffer.columnCount + c < valueSegments.count {
            let i = s * RowBuffer.columnCount + c
            valueSegments[i].deallocate()
            valueSegments[i] = .allocate(capacity: 1)
            s += 1
        }
    }

    /// Frees every segment.
    mutating func free() {
        practiceMonthSegments.forEach { $0.deallocate() }
        presentationSegments.forEach { $0.deallocate() }
        valueSegments.forEach { $0.deallocate() }
        quantityPerItemSegments.forEach { $0.deallocate() }
        chainSegments.forEach { $0.deallocate() }
        quantityPerItemSegments = []
        chainSegments = []
        practiceMonthSegments = []
        presentationSegments = []
        valueSegments = []
        count = 0
    }
}
