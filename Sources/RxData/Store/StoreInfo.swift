import Foundation

/// A summary of a store: per month, its size and exact totals (what `rxatlas store info`
/// prints). Encodes to JSON as `{"months": [{"month": "YYYY-MM", "rows": …, "practices": …,
/// "presentations": …, "items": …, "quantity": …, "nic": …, "actual_cost": …}]}`, totals as
/// exact decimal numbers and `null` for a measure the month's sources did not publish.
public struct StoreInfo: Sendable, Equatable, Codable {
    /// One month's summary.
    public struct Month: Sendable, Equatable, Codable {
        /// The month.
        public var month: YearMonth
        /// Rows (practice × presentation pairs).
        public var rows: Int
        /// Prescribers with at least one row.
        public var practices: Int
        /// Presentations with at least one row.
        public var presentations: Int
        /// Total items, or nil when unpublished.
        public var items: Int64?
        /// Total quantity (exact, fixed-point 10⁻⁵), or nil when unpublished.
        public var quantity: Int64?
        /// Total net ingredient cost (exact, fixed-point 10⁻⁵), or nil when unpublished.
        public var nic: Int64?
        /// Total actual cost (exact, fixed-point 10⁻⁵), or nil when unpublished.
        public var actualCost: Int64?

        /// Creates a month summary from stored (fixed-point) totals.
        public init(month: YearMonth, rows: Int, practices: Int, presentations: Int,
                    items: Int64?, quantity: Int64?, nic: Int64?, actualCost: Int64?) {
            self.month = month
            self.rows = rows
            self.practices = practices
            self.presentations = presentations
            self.items = items
            self.quantity = quantity
            self.nic = nic
            self.actualCost = actualCost
        }

        /// The summary of a snapshot header.
        public init(_ h: SnapshotHeader) {
            self.init(month: h.month, rows: h.rowCount, practices: h.practicesWithRows,
                      presentations: h.presentationsWithRows, items: h.total(.items), quantity: h.total(.quantity),
                      nic: h.total(.nic), actualCost: h.total(.actualCost))
        }

        private enum CodingKeys: String, CodingKey {
            case month, rows, practices, presentations, items, quantity, nic
            case actualCost = "actual_cost"
        }

        /// Encodes with the JSON keys of `store info`, amounts as exact decimals, `null` when unpublished.
        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(month, forKey: .month)
            try c.encode(rows, forKey: .rows)
            try c.encode(practices, forKey: .practices)
            try c.encode(presentations, forKey: .presentations)
            if let items { try c.encode(items, forKey: .items) } else { try c.encodeNil(forKey: .items) }
            for (value, key) in [(quantity, CodingKeys.quantity), (nic, .nic), (actualCost, .actualCost)] {
                if let value { try c.encode(Decimal(string: FixedPoint.text(value))!, forKey: key) } else { try c.encodeNil(forKey: key) }
            }
        }

        /// Decodes what ``encode(to:)`` writes; amounts must be exact to five decimals.
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            month = try c.decode(YearMonth.self, forKey: .month)
            rows = try c.decode(Int.self, forKey: .rows)
            practices = try c.decode(Int.self, forKey: .practices)
            presentations = try c.decode(Int.self, forKey: .presentations)
            items = try c.decodeIfPresent(Int64.self, forKey: .items)
            func fixed(_ key: CodingKeys) throws -> Int64? {
                guard let d = try c.decodeIfPresent(Decimal.self, forKey: key) else { return nil }
                guard let v = StoreInfo.fixedPoint(d.description) else {
                    throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(d) is not an exact amount of at most \(FixedPoint.decimals) decimals")
                }
                return v
            }
            quantity = try fixed(.quantity)
            nic = try fixed(.nic)
            actualCost = try fixed(.actualCost)
        }
    }

    /// Parses plain decimal text (`-12.34567`) into a fixed-point value; nil for anything else
    /// or more than ``FixedPoint/decimals`` decimals.
    static func fixedPoint(_ text: String) -> Int64? {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == 0x2D { negative = true; bytes = bytes.dropFirst() }
        var whole: Int64 = 0, frac: Int64 = 0, fracDigits = 0, seenDot = false, digits = 0
        for b in bytes {
            if b == 0x2E, !seenDot { seenDot = true; continue }
            guard b >= 0x30, b <= 0x39 else { return nil }
            digits += 1
            let d = Int64(b - 0x30)
            if seenDot {
                fracDigits += 1
                guard fracDigits <= FixedPoint.decimals else { return nil }
                frac = frac * 10 + d
            } else {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                guard !o1 else { return nil }
                whole = m + d
            }
        }
        guard digits > 0 else { return nil }
        for _ in fracDigits..<FixedPoint.decimals { frac *= 10 }
        let (scaled, o2) = whole.multipliedReportingOverflow(by: FixedPoint.scale)
        guard !o2 else { return nil }
        let v = scaled + frac
        return negative ? -v : v
    }

    /// The months, ascending.
    public var months: [Month]

    /// Creates a summary.
    public init(months: [Month]) { self.months = months }

    /// The summary as JSON (sorted keys, pretty-printed when asked).
    public func json(pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The summary as an aligned text table, one line per month, with a header line; `-` marks an
    /// unpublished measure.
    ///
    /// Money (NIC, actual cost) is in pounds with two decimals; quantity is written at the
    /// precision the data has, the same number of decimals for every month so the column aligns
    /// (the JSON form keeps every exact total).
    public func textTable() -> String {
        let header = ["month", "rows", "practices", "presentations", "items", "quantity", "nic", "actual_cost"]
        var lines = [header]
        let quantityPlaces = months.compactMap(\.quantity).map(FixedPoint.decimalsNeeded).max() ?? 0
        for m in months {
            lines.append([m.month.description, String(m.rows), String(m.practices), String(m.presentations),
                          m.items.map { String($0) } ?? "-", m.quantity.map { FixedPoint.text($0, places: quantityPlaces) } ?? "-",
                          m.nic.map { FixedPoint.text($0, places: 2) } ?? "-",
                          m.actualCost.map { FixedPoint.text($0, places: 2) } ?? "-"])
        }
        var widths = [Int](repeating: 0, count: header.count)
        for l in lines { for (i, f) in l.enumerated() { widths[i] = max(widths[i], f.count) } }
        var out = ""
        for l in lines {
            var cells: [String] = []
            for (i, f) in l.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - f.count)
                cells.append(i == 0 ? f + pad : pad + f)
            }
            out += cells.joined(separator: "  ") + "\n"
        }
        if months.isEmpty { out += "(no months)\n" }
        return out
    }
}
