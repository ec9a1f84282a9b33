import Dispatch
import RxData

/// The months of a period opened once, and the one way the analyses read their rows: sums per
/// prescriber × month or per prescriber over the period, or the selected rows themselves, in the
/// ids of a ``PracticePanel``. Every loop over snapshot blocks is in ``ScanBlocks``. Each month's
/// pages are released once its pass is done, so a long period holds the months being read, not
/// all of them.
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
            let snapshot = snapshots[t]
            defer {
                snapshot.releaseResidentPages()
                counter.advance()
            }
            let P = snapshot.practiceCodes.count
            var acc = [Int64](repeating: 0, count: P * K)
            let compiled = CompiledKeys(request, over: snapshot)
            acc.withUnsafeMutableBufferPointer { out in
                var shared = out
                Self.sum(snapshot, compiled, request: request, rowBase: (0..<P).map { $0 * K }, practices: 0..<P, into: &shared)
            }
            return (try panel.ids(of: snapshot), acc)
        }
        return Self.byPanel(perMonth, keys: K, panel: panel)
    }

    /// Each month's sums per month-local prescriber × key (`sums[local * keys + k]`) laid out per
    /// key × panel prescriber × month (`out[k][p * months + t]`), zero where a prescriber has no rows.
    static func byPanel(_ perMonth: [(ids: [Int32], sums: [Int64])], keys K: Int, panel: PracticePanel) -> [[Int64]] {
        let T = perMonth.count
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
            defer {
                snapshot.releaseResidentPages()
                counter.advance()
            }
            let rowBase = try panel.ids(of: snapshot).map { Int($0) * K }
            let P = snapshot.practiceCodes.count
            // Compiled once per month, shared by the runs.
            let compiled = CompiledKeys(request, over: snapshot)
            let parts = max(1, min(ProcessInfoThreads.active, P))
            out.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let shared = buffer
                DispatchQueue.concurrentPerform(iterations: parts) { g in
                    var local = shared
                    Self.sum(snapshot, compiled, request: request, rowBase: rowBase,
                             practices: (P * g / parts)..<(P * (g + 1) / parts), into: &local)
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
            let snapshot = snapshots[t]
            defer {
                snapshot.releaseResidentPages()
                counter.advance()
            }
            let chosen = select(snapshot.presentationCodes)
            let mask = chosen.map { $0 ? all : 0 }
            var sink = RowSink(columns: columns.count)
            ScanBlocks.run(snapshot, mask: mask, columns: columns, practices: 0..<snapshot.practiceCodes.count, sink: &sink)
            let selected = zip(snapshot.presentationCodes, chosen).filter(\.1).map(\.0)
            return (try panel.ids(of: snapshot), sink, snapshot.presentationCodes, selected)
        }
        return ScanRows(months: months, columns: columns, perMonth: perMonth)
    }

    /// A request compiled against one month's presentation table: its keys, each key entry's
    /// column, the column mask per presentation, and each presentation's single key when no
    /// presentation has several.
    struct CompiledKeys {
        let keys: ScanKeys
        let column: [Int32]
        let mask: [UInt8]
        let single: [Int32]?

        init(_ request: ScanRequest, over snapshot: Snapshot) {
            keys = request.keys(snapshot.month, snapshot.presentationCodes)
            precondition(keys.presentationCount == snapshot.presentationCodes.count, "keys compiled for another table")
            column = keys.key.map { Int32(request.keyColumn[Int($0)]) }
            mask = ScanBlocks.mask(keys, request: request)
            single = request.columns.count == 1 ? keys.singleKeys() : nil
        }
    }

    /// Adds the rows of `practices` into `acc[rowBase[p] + key]`.
    static func sum(_ snapshot: Snapshot, _ compiled: CompiledKeys, request: ScanRequest, rowBase: [Int], practices: Range<Int>,
                    into acc: inout UnsafeMutableBufferPointer<Int64>) {
        guard request.keyCount > 0 else { return }
        let mask = compiled.mask
        if let keyOf = compiled.single {
            keyOf.withUnsafeBufferPointer { keyOf in
            rowBase.withUnsafeBufferPointer { rowBase in
                var sink = SingleKeySink(keyOf: keyOf, rowBase: rowBase, acc: acc)
                ScanBlocks.run(snapshot, mask: mask, columns: request.columns, practices: practices, sink: &sink)
            }}
            return
        }
        compiled.keys.start.withUnsafeBufferPointer { start in
        compiled.keys.key.withUnsafeBufferPointer { key in
        compiled.column.withUnsafeBufferPointer { column in
        rowBase.withUnsafeBufferPointer { rowBase in
            var sink = SumSink(start: start, key: key, column: column, rowBase: rowBase, acc: acc)
            ScanBlocks.run(snapshot, mask: mask, columns: request.columns, practices: practices, sink: &sink)
        }}}}
    }
}
