/// List sizes for a run of months, and the one standard-practice rule every analysis applies.
///
/// **Carry rule.** A month with its own list-size extract uses it. A month without one takes the
/// nearest earlier extract of the store, if that is at most `carry` months before it (default 3:
/// extracts are published quarterly in places, and Scotland's always are); the month is marked
/// as carried. Beyond that the month has no list size, and per-1,000 values are undefined for it.
///
/// The rule applies to each nation apart (a prescriber's nation from the directory): England
/// publishes monthly and Scotland quarterly, so a February holding England's own extract still
/// takes Scotland's practices from January's. A month's ``sources`` entry sums up its nations:
/// missing when any nation prescribing in the period has none, else carried when any is carried
/// (from the earliest extract carried), else own; ``nationSources`` has each nation's.
///
/// **Standard GP practices.** Being a standard GP practice is an attribute of the prescriber, not
/// of the month: the org mapping's `setting` decides where it is given; otherwise a prescriber is
/// standard when it appears in the store's list-size data in any month (not only the period's);
/// otherwise it is not. So twelve months of prescribing with one January extract count every
/// month of a practice, not January alone, and a period whose own extracts are missing still
/// ranks the practices the store knows to be GP practices.
public struct ListSizeTimeline: Sendable {
    /// Where a month's list sizes come from.
    public enum Source: Sendable, Equatable, CustomStringConvertible {
        /// The month's own extract.
        case own
        /// The extract of an earlier month, carried forward.
        case carried(from: YearMonth)
        /// None within the carry window.
        case missing

        public var description: String {
            switch self {
            case .own: "own"
            case .carried(let m): "carried from \(m)"
            case .missing: "missing"
            }
        }
    }

    /// The default carry window, in months.
    public static let defaultCarry = 3

    /// The months, as given.
    public let months: [YearMonth]
    /// Each month's source.
    public let sources: [Source]
    /// Each month's list totals by prescriber (nil when missing).
    public let totals: [[String: Int64]?]
    /// Every prescriber with a list size in any month of the store.
    public let listed: Set<String>
    /// The carry window applied.
    public let carry: Int
    /// Each nation's source per month, by nation code ("" for prescribers the directory places
    /// in no nation), for the nations whose list sizes the store holds.
    public let nationSources: [String: [Source]]

    /// Reads the list sizes of `months` from `store` (each extract once).
    /// - Parameters:
    ///   - orgs: the directory that places prescribers in nations (nil: every prescriber in one).
    ///   - nations: the nations prescribing in the period, whose sources make up a month's
    ///     ``sources`` entry (nil: every nation with list sizes).
    ///   - everyExtract: whether ``listed`` must cover every extract of the store (the standard
    ///     rule needs it for prescribers the org mapping gives no setting); when false only the
    ///     extracts the months can use are read, and ``listed`` holds theirs.
    public init(store: Store, months: [YearMonth], carry: Int = ListSizeTimeline.defaultCarry, orgs: OrgDirectory? = nil,
                nations: Set<String>? = nil, everyExtract: Bool = true) throws {
        let stored = try store.listSizeMonths()
        let available = everyExtract ? stored : stored.filter { e in months.contains { e <= $0 && e.advanced(by: carry) >= $0 } }
        // Every extract read once, on every core, and split by nation.
        let loaded = StoreParallel.map(available.count) { i in Result { try store.readListTotals(available[i]) ?? [:] } }
        var read: [YearMonth: [String: [String: Int64]]] = [:]
        for (m, result) in zip(available, loaded) {
            var byNation: [String: [String: Int64]] = [:]
            for (code, n) in try result.get() {
                byNation[orgs?.practices[code]?.parents[.nation] ?? "", default: [:]][code] = n
            }
            read[m] = byNation
        }
        func totals(_ m: YearMonth) -> [String: [String: Int64]] { read[m] ?? [:] }
        var covered: [String: [YearMonth]] = [:]
        var listed = Set<String>()
        for m in available {
            for (nation, lists) in totals(m) {
                covered[nation, default: []].append(m)
                listed.formUnion(lists.keys)
            }
        }
        var perNation: [String: [Source]] = [:]
        var out: [[String: Int64]?] = Array(repeating: nil, count: months.count)
        for (nation, extracts) in covered {
            var each: [Source] = []
            for (t, m) in months.enumerated() {
                let from: YearMonth
                if extracts.contains(m) {
                    each.append(.own)
                    from = m
                } else if let earlier = extracts.last(where: { $0 < m }), earlier.advanced(by: carry) >= m {
                    each.append(.carried(from: earlier))
                    from = earlier
                } else {
                    each.append(.missing)
                    continue
                }
                out[t] = (out[t] ?? [:]).merging(totals(from)[nation] ?? [:]) { a, _ in a }
            }
            perNation[nation] = each
        }
        let prescribing = perNation.filter { nations?.contains($0.key) ?? true }
        let counted = prescribing.isEmpty ? perNation : prescribing
        self.months = months
        self.sources = months.indices.map { t in
            let each = counted.values.map { $0[t] }
            if each.isEmpty || each.contains(.missing) { return .missing }
            let carried = each.compactMap { if case .carried(let m) = $0 { return m } else { return nil } }
            return carried.min().map { .carried(from: $0) } ?? .own
        }
        self.totals = out
        self.listed = listed
        self.carry = carry
        self.nationSources = perNation
    }

    /// Whether `code` is a standard GP practice under the one rule (see the type's notes).
    public func isStandardPractice(_ code: String, orgs: OrgDirectory) -> Bool {
        orgs.isStandardPractice(code, hasList: listed.contains(code))
    }

    /// The warning for months without list sizes (the CLI, the ingest summary and coverage all
    /// say it in these words); at most six months are named.
    public static func missingWarning(_ months: [YearMonth], carry: Int) -> String {
        let list = months.count > 6 ? months.prefix(6).map(\.description).joined(separator: ", ") + ", … (\(months.count) months)"
                                    : months.map(\.description).joined(separator: ", ")
        return "no list sizes for \(list) (none within \(carry) months before): per-1,000 measures have no value in those months"
    }

    /// The months without list sizes.
    public var missingMonths: [YearMonth] { zip(months, sources).filter { $0.1 == .missing }.map(\.0) }
    /// The months whose list sizes are carried from an earlier extract.
    public var carriedMonths: [YearMonth] {
        zip(months, sources).filter { if case .carried = $0.1 { return true } else { return false } }.map(\.0)
    }
}
