import Dispatch
import RxData

/// Sums items per practice × chemical over a period from the store.
///
/// Each month's presentations are mapped once to a chemical column; the rows are then streamed
/// block by block (``RxData/Snapshot/unpackPresentations(block:into:)``,
/// ``RxData/Snapshot/unpack(_:block:into:)``) and added into one dense practice × chemical
/// matrix of exact `Int64` item counts. Within a month the practices are split into contiguous
/// runs, one per core; a run's rows belong to its practices only, so the threads write disjoint
/// rows of the matrix (a block straddling two runs is unpacked by both, each keeping its rows).
public enum ChemicalItemsKernel {
    /// Items per practice × chemical over the store's months in `months` (all when nil);
    /// `progress` is told as each month is opened.
    public static func sum(store: Store, months: ClosedRange<YearMonth>? = nil, progress: ProgressReporter = .silent) throws -> ChemicalItems {
        let chosen = try store.months().filter { months?.contains($0) ?? true }
        let counter = progress.counter("months", total: chosen.count)
        let snapshots = try KernelParallel.map(chosen.count) { t in
            defer { counter.advance() }
            return try store.loadMonth(chosen[t])
        }
        let orgs = try store.readOrgs()
        var practiceSet = Set(orgs.practices.keys)
        var chemicalSet = Set<String>()
        for s in snapshots {
            practiceSet.formUnion(s.practiceCodes)
            for code in s.presentationCodes { if let c = ChemicalItems.chemical(of: code) { chemicalSet.insert(c) } }
        }
        let practices = practiceSet.sorted()
        let chemicals = chemicalSet.sorted()
        var practiceIndex: [String: Int] = [:]
        for (i, p) in practices.enumerated() { practiceIndex[p] = i }
        var chemicalIndex: [String: Int32] = [:]
        for (i, c) in chemicals.enumerated() { chemicalIndex[c] = Int32(i) }
        let C = chemicals.count

        var matrix = [Int64](repeating: 0, count: practices.count * C)
        // The one standard-practice rule (ListSizeTimeline), as every analysis applies it.
        let timeline = try ListSizeTimeline(store: store, months: chosen)
        let standard = practices.map { timeline.isStandardPractice($0, orgs: orgs) }
        for snapshot in snapshots {
            let chemOf = snapshot.presentationCodes.map { code in ChemicalItems.chemical(of: code).map { chemicalIndex[$0]! } ?? -1 }
            let rowOf = snapshot.practiceCodes.map { practiceIndex[$0]! * C }
            matrix.withUnsafeMutableBufferPointer { add(snapshot, chemOf: chemOf, rowOf: rowOf, into: $0) }
        }
        return ChemicalItems(practiceCodes: practices, chemicals: chemicals, items: matrix.map { Measure.items.value($0) },
                             isStandard: standard)
    }

    /// Adds one month's items into `out[row + chemical]`.
    static func add(_ snapshot: Snapshot, chemOf: [Int32], rowOf: [Int], into out: UnsafeMutableBufferPointer<Int64>) {
        let P = snapshot.practiceCodes.count
        guard P > 0, snapshot.rowCount > 0 else { return }
        let parts = max(1, min(ProcessInfoThreads.active, P))
        let B = snapshot.blockRows
        nonisolated(unsafe) let out = out
        DispatchQueue.concurrentPerform(iterations: parts) { g in
            let p0 = P * g / parts, p1 = P * (g + 1) / parts
            let starts = snapshot.practiceStart
            let rowLo = Int(starts[p0]), rowHi = Int(starts[p1])
            guard rowLo < rowHi else { return }
            let presentations = UnsafeMutableBufferPointer<Int32>.allocate(capacity: B)
            let items = UnsafeMutableBufferPointer<Int64>.allocate(capacity: B)
            defer { presentations.deallocate(); items.deallocate() }
            var p = p0
            chemOf.withUnsafeBufferPointer { chem in
            rowOf.withUnsafeBufferPointer { rows in
                for b in (rowLo / B)...((rowHi - 1) / B) {
                    let range = snapshot.rows(inBlock: b)
                    snapshot.unpackPresentations(block: b, into: presentations)
                    snapshot.unpack(.items, block: b, into: items)
                    let lo = max(rowLo, range.lowerBound), hi = min(rowHi, range.upperBound)
                    var r = lo
                    while r < hi {
                        while Int(starts[p &+ 1]) <= r { p &+= 1 }
                        let i = r &- range.lowerBound
                        let c = chem[Int(presentations[i])]
                        if c >= 0 { out[rows[p] &+ Int(c)] &+= items[i] }
                        r &+= 1
                    }
                }
            }}
        }
    }
}
