import Dispatch
import RxData

/// The months of a period opened once, and the one way the analyses read their rows: sums per
/// prescriber × month or per prescriber over the period, or the selected rows themselves, in the
/// ids of a ``PracticePanel``. Every loop over snapshot blocks is in ``ScanBlocks``.
public struct StoreScan: Sendable {
    /// The months opened, ascending: the store's months within the period (a month without a
    /// snapshot is not read as zero prescribing; it is not here).
    public let months: [YearMonth]
    /// Each month's snapshot, in ``months`` order.
    public let snapshots: [Snapshot]
    /// Told as each month is scanned (`"months"`, done of total).
    public let progress: ProgressReporter

    /// Opens the store's months within `period` (every month when nil), on every core.
    /// - Parameter snapshots: months the caller has already opened, used instead of opening
    ///   them again.
    public init(store: Store, period: ClosedRange<YearMonth>?, snapshots: [YearMonth: Snapshot] = [:],
                progress: ProgressReporter = .silent) throws {
        let months = try store.months().filter { period?.contains($0) ?? true }
        self.months = months
        self.snapshots = try KernelParallel.map(months.count) { t in try snapshots[months[t]] ?? store.loadMonth(months[t]) }
        self.progress = progress
    }

    /// Every distinct presentation of the period that `include` accepts, in code order.
    public func presentations(where include: (BNFCode) -> Bool) -> [BNFCode] {
        var seen = Set<BNFCode>()
        for s in snapshots { for code in s.presentationCodes where include(code) { seen.insert(code) } }
        return seen.sorted()
    }

    /// Sums per key × prescriber × month: `out[key][p * months.count + t]`, `p` a panel id.
    /// Months run in parallel, each into its own accumulator.
    public func sumsByPracticeMonth(_ request: ScanRequest, panel: PracticePanel) throws -> [[Int64]] {
        let K = request.keyCount, T = months.count
        let counter = progress.counter("months", total: T)
        let perMonth = try KernelParallel.map(T) { t -> (ids: [Int32], sums: [Int64]) in
            defer { counter.advance() }
            let snapshot = snapshots[t]
            let P = snapshot.practiceCodes.count
            var acc = [Int64](repeating: 0, count: P * K)
            Self.sum(snapshot, request: request, rowBase: (0..<P).map { $0 * K }, practices: 0..<P, into: &acc)
            return (try panel.ids(of: snapshot), acc)
        }
        var out = [[Int64]](repeating: [Int64](repeating: 0, count: panel.count * T), count: K)
        for (t, m) in perMonth.enumerated() {
            for (local, p) in m.ids.enumerated() {
                for k in 0..<K { out[k][Int(p) * T + t] = m.sums[local * K + k] }
            }
        }
        return out
    }

    /// Sums per prescriber × key over every month: `out[p * keyCount + key]`, `p` a panel id.
    /// Months run one after another; within a month the practices are split into contiguous
    /// runs, one per core, whose rows belong to their practices only, so the runs add into
    /// disjoint rows of the result.
    public func sumsByPractice(_ request: ScanRequest, panel: PracticePanel) throws -> [Int64] {
        let K = request.keyCount
        var out = [Int64](repeating: 0, count: panel.count * K)
        let counter = progress.counter("months", total: months.count)
        for snapshot in snapshots {
            defer { counter.advance() }
            let rowBase = try panel.ids(of: snapshot).map { Int($0) * K }
            let P = snapshot.practiceCodes.count
            let parts = max(1, min(ProcessInfoThreads.active, P))
            out.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let shared = buffer
                DispatchQueue.concurrentPerform(iterations: parts) { g in
                    var local = shared
                    Self.sum(snapshot, request: request, rowBase: rowBase, practices: (P * g / parts)..<(P * (g + 1) / parts),
                             into: &local)
                }
            }
        }
        return out
    }

    /// The rows of the presentations `select` picks in each month's presentation table, with
    /// every one of `columns`, in month, prescriber, presentation order. Months run in parallel.
    public func rows(columns: [Measure], select: @Sendable ([BNFCode]) -> [Bool], panel: PracticePanel) throws -> ScanRows {
        let all = UInt8(truncatingIfNeeded: (1 << columns.count) - 1)
        let counter = progress.counter("months", total: months.count)
        let perMonth = try KernelParallel.map(months.count) { t -> (ids: [Int32], sink: RowSink, codes: [BNFCode], selected: [BNFCode]) in
            defer { counter.advance() }
            let snapshot = snapshots[t]
            let chosen = select(snapshot.presentationCodes)
            let mask = chosen.map { $0 ? all : 0 }
            var sink = RowSink(columns: columns.count)
            ScanBlocks.run(snapshot, mask: mask, columns: columns, practices: 0..<snapshot.practiceCodes.count, sink: &sink)
            let selected = zip(snapshot.presentationCodes, chosen).filter(\.1).map(\.0)
            return (try panel.ids(of: snapshot), sink, snapshot.presentationCodes, selected)
        }
        return ScanRows(months: months, columns: columns, perMonth: perMonth)
    }

    /// Adds the rows of `practices` into `acc[rowBase[p] + key]`.
    static func sum(_ snapshot: Snapshot, request: ScanRequest, rowBase: [Int], practices: Range<Int>,
                    into acc: inout [Int64]) {
        acc.withUnsafeMutableBufferPointer { out in
            var shared = out
            sum(snapshot, request: request, rowBase: rowBase, practices: practices, into: &shared)
        }
    }

    static func sum(_ snapshot: Snapshot, request: ScanRequest, rowBase: [Int], practices: Range<Int>,
                    into acc: inout UnsafeMutableBufferPointer<Int64>) {
        guard request.keyCount > 0 else { return }
        let keys = request.keys(snapshot.presentationCodes)
        precondition(keys.presentationCount == snapshot.presentationCodes.count, "keys compiled for another table")
        let column = keys.key.map { Int32(request.keyColumn[Int($0)]) }
        let mask = ScanBlocks.mask(keys, request: request)
        if request.columns.count == 1, let keyOf = keys.singleKeys() {
            keyOf.withUnsafeBufferPointer { keyOf in
            rowBase.withUnsafeBufferPointer { rowBase in
                var sink = SingleKeySink(keyOf: keyOf, rowBase: rowBase, acc: acc)
                ScanBlocks.run(snapshot, mask: mask, columns: request.columns, practices: practices, sink: &sink)
            }}
            return
        }
        keys.start.withUnsafeBufferPointer { start in
        keys.key.withUnsafeBufferPointer { key in
        column.withUnsafeBufferPointer { column in
        rowBase.withUnsafeBufferPointer { rowBase in
            var sink = SumSink(start: start, key: key, column: column, rowBase: rowBase, acc: acc)
            ScanBlocks.run(snapshot, mask: mask, columns: request.columns, practices: practices, sink: &sink)
        }}}}
    }
}
