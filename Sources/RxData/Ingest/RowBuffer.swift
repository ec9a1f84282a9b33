/// Append-only columnar storage for parsed rows, in fixed-size segments so growth never copies
/// and memory is touched once.
final class RowBuffer {
    static let segmentShift = 20
    static let segmentSize = 1 << segmentShift
    static let columnCount = Measure.allCases.count

    /// Per segment: practice id per row (month index in the top 8 bits).
    private(set) var practiceMonth: [UnsafeMutablePointer<UInt32>] = []
    /// Per segment: presentation id per row.
    private(set) var presentation: [UnsafeMutablePointer<UInt32>] = []
    /// Per segment and measure: values.
    private(set) var values: [[UnsafeMutablePointer<Int64>]] = []
    private(set) var count = 0

    init() {}

    deinit { freeAll() }

    /// Appends a row with zero values and returns its index.
    @inline(__always)
    func append(practiceMonth pm: UInt32, presentation pres: UInt32) -> Int {
        let s = count >> RowBuffer.segmentShift
        if s == practiceMonth.count { addSegment() }
        let o = count & (RowBuffer.segmentSize - 1)
        practiceMonth[s][o] = pm
        presentation[s][o] = pres
        for c in 0..<RowBuffer.columnCount { values[s][c][o] = 0 }
        count += 1
        return count - 1
    }

    /// Adds to the values of row `r`.
    @inline(__always)
    func add(row r: Int, _ v0: Int64, _ v1: Int64, _ v2: Int64, _ v3: Int64, _ v4: Int64) {
        let s = r >> RowBuffer.segmentShift
        let o = r & (RowBuffer.segmentSize - 1)
        let seg = values[s]
        seg[0][o] &+= v0
        seg[1][o] &+= v1
        seg[2][o] &+= v2
        seg[3][o] &+= v3
        seg[4][o] &+= v4
    }

    @inline(__always) func practiceMonth(_ r: Int) -> UInt32 { practiceMonth[r >> RowBuffer.segmentShift][r & (RowBuffer.segmentSize - 1)] }
    @inline(__always) func presentation(_ r: Int) -> UInt32 { presentation[r >> RowBuffer.segmentShift][r & (RowBuffer.segmentSize - 1)] }
    @inline(__always) func value(_ r: Int, _ c: Int) -> Int64 { values[r >> RowBuffer.segmentShift][c][r & (RowBuffer.segmentSize - 1)] }

    /// Frees one measure column of every segment (after it has been gathered elsewhere).
    func freeColumn(_ c: Int) {
        for s in 0..<values.count { values[s][c].deallocate(); values[s][c] = .allocate(capacity: 1) }
    }

    private func addSegment() {
        practiceMonth.append(.allocate(capacity: RowBuffer.segmentSize))
        presentation.append(.allocate(capacity: RowBuffer.segmentSize))
        values.append((0..<RowBuffer.columnCount).map { _ in .allocate(capacity: RowBuffer.segmentSize) })
    }

    func freeAll() {
        practiceMonth.forEach { $0.deallocate() }
        presentation.forEach { $0.deallocate() }
        values.forEach { $0.forEach { $0.deallocate() } }
        practiceMonth = []
        presentation = []
        values = []
        count = 0
    }
}
