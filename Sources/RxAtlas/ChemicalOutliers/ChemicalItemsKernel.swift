import RxData

/// Sums items per practice × chemical over a period from the store: each month's presentations
/// are mapped once to a chemical column, and ``StoreScan/sumsByPractice(_:panel:)`` adds the
/// rows' exact item counts into one prescriber × chemical matrix.
public enum ChemicalItemsKernel {
    /// Items per practice × chemical over the store's months in `months` (all when nil);
    /// `progress` is told as each month is scanned.
    public static func sum(store: Store, months: ClosedRange<YearMonth>? = nil, progress: ProgressReporter = .silent) throws -> ChemicalItems {
        let scan = try StoreScan(store: store, period: months, progress: progress)
        let panel = try PracticePanel(store: store, scan: scan)
        return try sum(scan: scan, panel: panel)
    }

    /// Items per prescriber of `panel` × chemical over the months of `scan`.
    public static func sum(scan: StoreScan, panel: PracticePanel) throws -> ChemicalItems {
        let chemicals = Array(Set(scan.presentations { ChemicalItems.chemical(of: $0) != nil }
            .compactMap(ChemicalItems.chemical(of:)))).sorted()
        var index: [String: Int32] = [:]
        for (i, c) in chemicals.enumerated() { index[c] = Int32(i) }
        let request = ScanRequest(columns: [.items], keyColumn: Array(repeating: 0, count: chemicals.count)) { [index] codes in
            ScanKeys(single: codes.map { code in ChemicalItems.chemical(of: code).flatMap { index[$0] } ?? -1 })
        }
        let items = try scan.sumsByPractice(request, panel: panel)
        return ChemicalItems(panel: panel, chemicals: chemicals, items: items.map { Measure.items.value($0) })
    }
}
