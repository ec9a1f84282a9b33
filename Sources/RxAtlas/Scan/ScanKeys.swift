import RxData

/// One month's "presentation → keys" map, compiled against the month's presentation table: the
/// rows of presentation `q` add to the keys `key[start[q] ..< start[q + 1]]`. A key is whatever a
/// kernel sums into: a measure side, a chemical, a catalogued presentation.
public struct ScanKeys: Sendable, Equatable {
    /// Per presentation, where its keys begin in ``key``; one more entry than presentations.
    public var start: [Int32]
    /// The keys, presentation by presentation.
    public var key: [Int32]

    /// Creates a map from its CSR parts.
    public init(start: [Int32], key: [Int32]) {
        precondition(start.first == 0 && Int(start.last ?? 0) == key.count, "start must run from 0 to key.count")
        self.start = start
        self.key = key
    }

    /// A map giving each presentation at most one key: `keyOf[q]`, or none where it is negative.
    public init(single keyOf: [Int32]) {
        var start = [Int32](repeating: 0, count: keyOf.count + 1)
        var key: [Int32] = []
        for (q, k) in keyOf.enumerated() {
            if k >= 0 { key.append(k) }
            start[q + 1] = Int32(key.count)
        }
        self.init(start: start, key: key)
    }

    /// The number of presentations mapped.
    public var presentationCount: Int { start.count - 1 }

    /// Each presentation's one key (-1 for none), or nil when some presentation has several.
    public func singleKeys() -> [Int32]? {
        var out = [Int32](repeating: -1, count: presentationCount)
        for q in 0..<presentationCount {
            switch start[q + 1] - start[q] {
            case 0: continue
            case 1: out[q] = key[Int(start[q])]
            default: return nil
            }
        }
        return out
    }

    /// The keys of presentation `q`.
    public func keys(of q: Int) -> ArraySlice<Int32> { key[Int(start[q])..<Int(start[q + 1])] }
}

/// What a scan sums: the store columns it reads, which column each key adds, and how a month's
/// presentations map to keys.
public struct ScanRequest: Sendable {
    /// The store columns read, each at most once.
    public var columns: [Measure]
    /// Per key: the index in ``columns`` of the column it sums.
    public var keyColumn: [Int]
    /// Compiles a month's presentation table into its keys (called once per month, with the month).
    public var keys: @Sendable (YearMonth, [BNFCode]) -> ScanKeys

    /// Creates a request whose keys are the same every month.
    public init(columns: [Measure], keyColumn: [Int], keys: @escaping @Sendable ([BNFCode]) -> ScanKeys) {
        self.init(columns: columns, keyColumn: keyColumn, monthKeys: { _, codes in keys(codes) })
    }

    /// Creates a request whose keys depend on the month (a measure whose selection changes in
    /// time).
    public init(columns: [Measure], keyColumn: [Int], monthKeys: @escaping @Sendable (YearMonth, [BNFCode]) -> ScanKeys) {
        precondition(columns.count <= 8, "at most 8 columns")
        precondition(keyColumn.allSatisfy { columns.indices.contains($0) }, "a key names a column not read")
        self.columns = columns
        self.keyColumn = keyColumn
        self.keys = monthKeys
    }

    /// The number of keys.
    public var keyCount: Int { keyColumn.count }
}
