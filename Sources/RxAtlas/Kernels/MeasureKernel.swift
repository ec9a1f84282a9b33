import RxData

/// Computes measure numerators and denominators for every practice × month from the store, all
/// measures in one pass over each month's rows.
///
/// Per month: every distinct (store column, BNF filter) sum the measures need is found once
/// (``MeasureSidePlan``); each filter is matched once against the month's presentation table
/// and the matches become a CSR list "presentation → sums it feeds". The month's rows are then
/// streamed block by block: the block's presentation ids are decoded
/// (``RxData/Snapshot/unpackPresentations(block:into:)``), the rows whose presentation feeds a
/// sum are listed (one table look-up per row), per store column too, and only the values each
/// column's sums need are decoded (``RxData/Snapshot/gather(_:block:positions:count:into:)``;
/// measures select a few percent of rows) into buffers reused for the whole month; each adds its
/// exact fixed-point value to `sum × practice` accumulators (`Int64`, so totals are exact). Months
/// run in parallel. The inner loop allocates nothing.
///
/// A dense presentations × measures 0/1 matrix and a BLAS product were considered: the rows are
/// a sparse practice × presentation matrix (a few percent of the dense cells), so densifying it
/// would cost more than the product; the CSR hit list is that sparse product done directly.
///
/// The result, ``PracticeMeasureTotals``, applies the inclusion rules and rolls up to every
/// organisation level.
public struct MeasureKernel: Sendable {
    /// The inclusion and roll-up rules.
    public var options: MeasureKernelOptions
    /// Told as each month is summed (`"months"`, done of total).
    public var progress: ProgressReporter

    /// Creates a kernel.
    public init(options: MeasureKernelOptions = MeasureKernelOptions(), progress: ProgressReporter = .silent) {
        self.options = options
        self.progress = progress
    }

    /// Sums every measure's numerator and denominator per practice × month.
    ///
    /// - Parameters:
    ///   - store: the store to read.
    ///   - measures: the definitions.
    ///   - months: the months to compute, or nil for all; only months with a snapshot are
    ///     computed (a missing month is not taken as zero prescribing).
    ///   - snapshots: months the caller has already opened (they are used instead of opening
    ///     the month again).
    /// - Returns: totals for every prescriber in the organisation directory or in any computed
    ///   month, for every computed month (zero where it did not prescribe).
    public func practiceTotals(store: Store, measures: [MeasureDefinition], months: ClosedRange<YearMonth>? = nil,
                               snapshots: [YearMonth: Snapshot] = [:]) throws -> PracticeMeasureTotals {
        let chosen = try store.months().filter { months?.contains($0) ?? true }
        let orgs = try store.readOrgs()
        let plan = MeasureSidePlan(measures)
        let counter = progress.counter("months", total: chosen.count)
        let timeline = try ListSizeTimeline(store: store, months: chosen, carry: options.listSizeCarry)
        let perMonth = try KernelParallel.map(chosen.count) { t in
            let snapshot = try snapshots[chosen[t]] ?? store.loadMonth(chosen[t])
            defer { counter.advance() }
            return (codes: snapshot.practiceCodes, sums: Self.sumMonth(snapshot, plan: plan), lists: timeline.totals[t])
        }

        // The practice universe: the directory plus every month's prescribers, in code order.
        var universe = Set(orgs.practices.keys)
        for m in perMonth { universe.formUnion(m.codes) }
        let codes = universe.sorted()
        var index: [String: Int] = [:]
        index.reserveCapacity(codes.count)
        for (i, c) in codes.enumerated() { index[c] = i }

        let P = codes.count, T = chosen.count, S = plan.sums.count
        // sums[s][p * T + t], exact fixed point.
        var sums = [[Int64]](repeating: [Int64](repeating: 0, count: P * T), count: S)
        var listSizes = [Int64](repeating: -1, count: P * T)
        var standard = [Bool](repeating: false, count: P * T)
        // One rule, an attribute of the prescriber: the same in every month.
        let isStandard = codes.map { timeline.isStandardPractice($0, orgs: orgs) }
        for (t, m) in perMonth.enumerated() {
            for (local, code) in m.codes.enumerated() {
                let p = index[code]!
                for s in 0..<S { sums[s][p * T + t] = m.sums[local * S + s] }
            }
            for p in 0..<P {
                let list = m.lists?[codes[p]]
                if let list { listSizes[p * T + t] = list }
                standard[p * T + t] = isStandard[p]
            }
        }

        let sides = (0..<S).map { s in SideTotals(stored: sums[s], divisor: Double(plan.sums[s].column.scale)) }
        let lists = SideTotals(stored: listSizes.map { max($0, 0) }, divisor: 1000)
        func side(_ slot: Int?) -> SideTotals { slot.map { sides[$0] } ?? lists }
        return PracticeMeasureTotals(
            measures: measures, months: chosen, practiceCodes: codes, orgs: orgs, options: options,
            listSizes: listSizes, isStandard: standard, listSizeSources: timeline.sources,
            numerators: plan.numeratorSum.map(side), denominators: plan.denominatorSum.map(side))
    }

    /// Computes every measure at every requested level: practice totals, inclusion rules and
    /// Σnumerator/Σdenominator roll-ups.
    public func compute(store: Store, measures: [MeasureDefinition], months: ClosedRange<YearMonth>? = nil,
                        levels: [OrgLevel] = OrgLevel.allCases) throws -> [MeasureValues] {
        try computeWithCoverage(store: store, measures: measures, months: months, levels: levels).values
    }

    /// ``compute(store:measures:months:levels:)``, with where each month's list sizes came from
    /// (own extract, carried, or missing), for the warnings a per-1,000 measure needs.
    public func computeWithCoverage(store: Store, measures: [MeasureDefinition], months: ClosedRange<YearMonth>? = nil,
                                    levels: [OrgLevel] = OrgLevel.allCases)
        throws -> (values: [MeasureValues], months: [YearMonth], listSizes: [ListSizeTimeline.Source]) {
        let totals = try practiceTotals(store: store, measures: measures, months: months)
        return (measures.indices.flatMap { m in levels.map { totals.values(measure: m, level: $0) } }, totals.months,
                totals.listSizeSources)
    }

    /// The warnings a run owes its user about list sizes: months with none within the carry
    /// window (per-1,000 values are absent there) and months whose sizes were carried forward.
    /// Empty when no measure divides by a list size.
    public static func listSizeWarnings(_ measures: [MeasureDefinition], months: [YearMonth],
                                        sources: [ListSizeTimeline.Source], carry: Int) -> [String] {
        guard measures.contains(where: \.usesListSize) else { return [] }
        var out: [String] = []
        let missing = zip(months, sources).filter { $0.1 == .missing }.map(\.0)
        if !missing.isEmpty { out.append(ListSizeTimeline.missingWarning(missing, carry: carry)) }
        let carried = zip(months, sources).compactMap { m, s -> String? in
            if case .carried(let from) = s { return "\(m) from \(from)" } else { return nil }
        }
        if !carried.isEmpty { out.append("list sizes carried forward: " + carried.joined(separator: ", ")) }
        return out
    }

    /// One month's sums: `out[practice * sums + sum]` over the month's own practice ids.
    static func sumMonth(_ snapshot: Snapshot, plan: MeasureSidePlan) -> [Int64] {
        let S = plan.sums.count
        let P = snapshot.practiceCodes.count
        var out = [Int64](repeating: 0, count: P * S)
        guard S > 0, snapshot.rowCount > 0 else { return out }
        let (hitStart, hitSum) = plan.hits(over: snapshot.presentationCodes)
        let hitColumn = hitSum.map { Int32(plan.sumColumn[Int($0)]) }
        let Q = snapshot.presentationCodes.count
        let C = plan.columns.count
        // Per presentation: a bit per store column that some sum it feeds reads.
        var columnMask = [UInt8](repeating: 0, count: Q)
        for q in 0..<Q {
            for h in Int(hitStart[q])..<Int(hitStart[q + 1]) { columnMask[q] |= UInt8(1) << UInt8(hitColumn[h]) }
        }
        let B = snapshot.blockRows
        let presentations = UnsafeMutableBufferPointer<Int32>.allocate(capacity: B)
        let positions = UnsafeMutableBufferPointer<Int32>.allocate(capacity: B * (C + 1))
        let columns = UnsafeMutableBufferPointer<Int64>.allocate(capacity: B * C)
        let rowValue = UnsafeMutableBufferPointer<Int64>.allocate(capacity: C)
        let cursor = UnsafeMutableBufferPointer<Int>.allocate(capacity: C)
        defer {
            presentations.deallocate(); positions.deallocate(); columns.deallocate()
            rowValue.deallocate(); cursor.deallocate()
        }

        hitStart.withUnsafeBufferPointer { hs in
        hitSum.withUnsafeBufferPointer { hsum in
        hitColumn.withUnsafeBufferPointer { hcol in
        columnMask.withUnsafeBufferPointer { cmask in
        snapshot.practiceStart.withUnsafeBufferPointer { starts in
        out.withUnsafeMutableBufferPointer { acc in
            var p = 0
            // positions[0 ..< B]: the block's rows feeding any sum; positions[(c + 1) * B ...]:
            // the rows needing column c.
            let hitRows = positions.baseAddress!
            for b in 0..<snapshot.blockCount {
                let rows = snapshot.rows(inBlock: b)
                snapshot.unpackPresentations(block: b, into: presentations)
                var k = 0
                for c in 0..<C { cursor[c] = 0 }
                for i in 0..<rows.count {
                    let mask = cmask[Int(presentations[i])]
                    hitRows[k] = Int32(truncatingIfNeeded: i)
                    k &+= mask != 0 ? 1 : 0
                    if mask != 0 {
                        for c in 0..<C where mask & (UInt8(1) << UInt8(c)) != 0 {
                            hitRows[(c &+ 1) &* B &+ cursor[c]] = Int32(truncatingIfNeeded: i)
                            cursor[c] &+= 1
                        }
                    }
                }
                guard k > 0 else { continue }
                for (c, m) in plan.columns.enumerated() where cursor[c] > 0 {
                    snapshot.gather(m, block: b, positions: UnsafeBufferPointer(start: hitRows + (c + 1) * B, count: B),
                                    count: cursor[c], into: UnsafeMutableBufferPointer(rebasing: columns[(c * B)...]))
                    cursor[c] = 0
                }
                let first = rows.lowerBound
                for j in 0..<k {
                    let i = Int(hitRows[j])
                    let q = Int(presentations[i])
                    let mask = cmask[q]
                    for c in 0..<C where mask & (UInt8(1) << UInt8(c)) != 0 {
                        rowValue[c] = columns[c &* B &+ cursor[c]]
                        cursor[c] &+= 1
                    }
                    let r = first &+ i
                    while Int(starts[p &+ 1]) <= r { p &+= 1 }
                    let base = p &* S
                    var h = Int(hs[q])
                    let hi = Int(hs[q &+ 1])
                    while h < hi {
                        acc[base &+ Int(hsum[h])] &+= rowValue[Int(hcol[h])]
                        h &+= 1
                    }
                }
            }
        }}}}}}
        return out
    }
}
