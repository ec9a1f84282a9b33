import RxData

/// What an analysis could and could not see over its period, so that no number is read as
/// covering more than it does: per month the prescribers by kind and where the list sizes come
/// from (own extract, carried, missing); which cost columns the data publish; presentations a
/// catalogue leaves unclassified; and the standard-practice rule applied.
///
/// ``warnings(perThousand:)`` says what a user must be told; ``table()`` is the `coverage` table
/// of `--json` and `--sqlite` outputs; the HTML report shows it under Methods, with a banner when
/// it is incomplete.
public struct Coverage: Sendable, Equatable {
    /// One month.
    public struct Month: Sendable, Equatable {
        /// The month.
        public var month: YearMonth
        /// Prescribers by kind: standard GP practices, other practices, unidentified buckets and
        /// non-practice prescribers.
        public var standardPractices = 0, otherPractices = 0, unidentified = 0, nonPractice = 0
        /// Where the month's list sizes come from.
        public var listSizes: ListSizeTimeline.Source
        /// The measures the month's data publish.
        public var published: MeasureSet

        /// Creates a month's record.
        public init(month: YearMonth, standardPractices: Int = 0, otherPractices: Int = 0, unidentified: Int = 0, nonPractice: Int = 0,
                    listSizes: ListSizeTimeline.Source, published: MeasureSet) {
            self.month = month
            self.standardPractices = standardPractices
            self.otherPractices = otherPractices
            self.unidentified = unidentified
            self.nonPractice = nonPractice
            self.listSizes = listSizes
            self.published = published
        }
    }

    /// The months of the period the store holds.
    public var months: [Month]
    /// Presentations left unclassified, by catalogue (`biosimilars`, `ics`), when known.
    public var unclassified: [String: Int]
    /// The list-size carry window applied.
    public var listSizeCarry: Int
    /// The nations whose prescribers prescribed in the period (GSS codes), when known.
    public var nations: [String] = []

    /// Creates a record from its parts (``compute(store:period:listSizeCarry:unclassified:)`` reads one).
    public init(months: [Month], unclassified: [String: Int], listSizeCarry: Int) {
        self.months = months
        self.unclassified = unclassified
        self.listSizeCarry = listSizeCarry
    }

    /// The standard-practice rule every analysis applies (``RxData/ListSizeTimeline``).
    public static let standardPracticeRule = "a prescriber is a standard GP practice when the org mapping's setting says so; "
        + "otherwise when it has a list size in any month of the store; otherwise it is not"

    /// Reads the coverage of `period` from the store (snapshot headers and practice codes, the
    /// organisation directory and the list sizes).
    public static func compute(store: Store, period: ClosedRange<YearMonth>, listSizeCarry: Int = ListSizeTimeline.defaultCarry,
                               unclassified: [String: Int] = [:]) throws -> Coverage {
        let scan = try StoreScan(store: store, period: period)
        return try Coverage(scan: scan, panel: PracticePanel(store: store, scan: scan, listSizeCarry: listSizeCarry),
                            unclassified: unclassified)
    }

    /// The coverage of the months of `scan`, their prescribers counted by their class in `panel`.
    public init(scan: StoreScan, panel: PracticePanel, unclassified: [String: Int] = [:]) throws {
        var out: [Month] = []
        var prescribing = Set<String>()
        for (t, snapshot) in scan.snapshots.enumerated() {
            var month = Month(month: scan.months[t], listSizes: panel.listSizeSources[t], published: snapshot.header.measures)
            for p in try panel.ids(of: snapshot) {
                if let n = panel.nation(of: Int(p)) { prescribing.insert(n) }
                switch panel.classes[Int(p)] {
                case .standardPractice: month.standardPractices += 1
                case .otherPractice: month.otherPractices += 1
                case .unidentified: month.unidentified += 1
                case .nonPractice: month.nonPractice += 1
                }
            }
            out.append(month)
        }
        self.init(months: out, unclassified: unclassified, listSizeCarry: panel.listSizeCarry)
        nations = prescribing.sorted()
    }

    /// Months without list sizes within the carry window.
    public var monthsWithoutListSizes: [YearMonth] { months.filter { $0.listSizes == .missing }.map(\.month) }
    /// Months whose list sizes are carried from an earlier extract.
    public var monthsWithCarriedListSizes: [YearMonth] {
        months.filter { if case .carried = $0.listSizes { return true } else { return false } }.map(\.month)
    }
    /// Months whose data publish no actual cost.
    public var monthsWithoutActualCost: [YearMonth] { months.filter { !$0.published.has(.actualCost) }.map(\.month) }

    /// Whether anything was left unseen: months without list sizes (when per-1,000 measures are
    /// run), months without actual cost, or unclassified presentations.
    public func isComplete(perThousand: Bool = true) -> Bool {
        warnings(perThousand: perThousand).isEmpty
    }

    /// What the user must be told, one line each.
    public func warnings(perThousand: Bool = true) -> [String] {
        var out: [String] = []
        if months.isEmpty { out.append("the store holds no month of the period") }
        let missing = monthsWithoutListSizes
        if perThousand && !missing.isEmpty {
            out.append(ListSizeTimeline.missingWarning(missing, carry: listSizeCarry))
        }
        let noActual = monthsWithoutActualCost
        if !noActual.isEmpty && noActual.count < months.count {
            out.append("actual cost is missing for \(Self.list(noActual)): costs are on net ingredient cost")
        } else if !noActual.isEmpty && months.contains(where: { $0.published.has(.nic) }) {
            out.append("the data publish no actual cost (\(Self.list(noActual))): costs are on net ingredient cost "
                       + "(Scotland's gross ingredient cost)")
        }
        if nations.count > 1 {
            out.append("the period holds prescribing of \(nations.count) nations (\(nations.joined(separator: ", "))): rankings, "
                       + "deciles, funnels and national rates are computed within each nation, and results carry the nation")
        }
        for (catalogue, n) in unclassified.sorted(by: { $0.key < $1.key }) where n > 0 {
            out.append("\(n) presentation(s) left unclassified by the \(catalogue) catalogue: counted on neither side")
        }
        return out
    }

    /// The `coverage` table: a row per month, then a row per unclassified catalogue count.
    public func table() -> ResultTable {
        let columns = ["month", "standard_practices", "other_practices", "unidentified", "non_practice", "list_sizes",
                       "actual_cost", "nic", "rule"].enumerated().map { i, n in
            ResultColumn(n, [0, 5, 8].contains(i) ? .text : i >= 6 ? .boolean : .integer)
        }
        let rule = Self.standardPracticeRule
        let rows: [[ResultValue]] = months.map { m in
            [.text(m.month.description), .integer(Int64(m.standardPractices)), .integer(Int64(m.otherPractices)),
             .integer(Int64(m.unidentified)), .integer(Int64(m.nonPractice)), .text(m.listSizes.description),
             .boolean(m.published.has(.actualCost)), .boolean(m.published.has(.nic)), .text(rule)]
        }
        return ResultTable(name: "coverage", columns: columns, rows: rows)
    }

    static func list(_ months: [YearMonth]) -> String {
        months.count > 6 ? months.prefix(6).map(\.description).joined(separator: ", ") + ", … (\(months.count) months)"
                         : months.map(\.description).joined(separator: ", ")
    }
}
