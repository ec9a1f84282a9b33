import RxData

/// A prescribing measure: a numerator and a denominator over the store, with what it means.
///
/// The same model holds RxAtlas's own definitions and OpenPrescribing's JSON definitions once
/// read (see docs/MEASURES.md).
public struct MeasureDefinition: Sendable, Equatable, Identifiable {
    /// The measure's id (OpenPrescribing: the file name's stem).
    public var id: String
    /// A short name.
    public var name: String
    /// What it measures.
    public var description: String
    /// Why it matters clinically or financially.
    public var why: String
    /// Free tags (`respiratory`, `cost`, `safety`…).
    public var tags: [String]
    /// Whether the value is a percentage (numerator within denominator, × 100).
    public var isPercentage: Bool
    /// Whether a low value is good (for ranking and colouring); meaningful only when
    /// ``hasDirection``.
    public var lowIsGood: Bool
    /// False when the definition says neither a high nor a low value is better
    /// (OpenPrescribing's `low_is_good: null`): no worst-decile alert and no high-outlier
    /// ranking is drawn from it.
    public var hasDirection: Bool = true
    /// Whose rules the measure is computed by (see ``MeasureProfile``).
    public var profile: MeasureProfile = .rxatlas
    /// What a user must be told about the definition as it was read (a side that selects no
    /// presentation, so it is zero everywhere); the commands print these as warnings.
    public var notes: [String] = []
    /// A cost-based percentage measure's cost and quantity sides, for OpenPrescribing's savings
    /// (``PercentageCostSides``); nil for every other measure.
    public var percentageCosts: PercentageCostSides?

    /// Adds a note for each side that selects no presentation (a weighted side with no term),
    /// naming where its codes were looked for.
    mutating func noteEmptySides(source: String?) {
        for (name, side) in [("numerator", numerator), ("denominator", denominator)] where side.terms?.isEmpty == true {
            notes.append("its \(name) selects no presentation" + (source.map { " in \($0)" } ?? "") + ", so it is zero everywhere")
        }
    }
    /// Whether the measure is about cost (savings are computed for it).
    public var isCostBased: Bool
    /// The numerator.
    public var numerator: Side
    /// The denominator.
    public var denominator: Side
    /// Units whose denominator is below this are suppressed (value undefined).
    public var minimumDenominator: Double

    /// One side of the ratio: what is summed, and over which presentations.
    public struct Side: Sendable, Equatable {
        /// What is summed.
        public var quantity: SideQuantity
        /// Which presentations count (nil for a list size).
        public var filter: BNFFilter?
        /// A short name of what is counted ("ICS items"; OpenPrescribing's `numerator_short` and
        /// `denominator_short`), or nil to name it by ``quantity`` alone.
        public var label: String?
        /// A weighted sum instead of one column over ``filter``: the side is Σ weight × column
        /// over each term's presentations (a `custom` definition's SQL turned into per-presentation
        /// weights, ``WeightedTerm``); ``quantity`` then only names what is counted.
        public var terms: [WeightedTerm]?
        /// For a list-size side: patients in some age–sex bands instead of the whole list
        /// (``ListBands``; OpenPrescribing's `practice_statistics` columns).
        public var bands: ListBands?

        /// Creates a side.
        public init(quantity: SideQuantity, filter: BNFFilter?, label: String? = nil) {
            self.quantity = quantity
            self.filter = filter
            self.label = label
        }

        /// The unit a unit's total of this side is given in (``AtlasResult/denominators`` and
        /// numerators): "thousand patient-months" for a list size (lists summed over the months,
        /// in thousands), else the label or the quantity's own unit ("items", "£ NIC", …).
        public var unit: String {
            switch quantity {
            case .listSize: return "thousand patient-months"
            case .items: return label ?? "items"
            case .quantity: return label ?? "quantity (units)"
            case .actualCost: return label.map { "£, \($0)" } ?? "£ actual cost"
            case .nic: return label.map { "£, \($0)" } ?? "£ NIC"
            case .adq: return label ?? "ADQs"
            }
        }

        /// The decimals a total of this side is shown with: none for items, pence for money,
        /// whole patients (three decimals of a thousand) for a list size, two otherwise.
        public var decimals: Int {
            switch quantity {
            case .items: return 0
            case .listSize: return 3
            case .actualCost, .nic, .quantity, .adq: return 2
            }
        }
    }

    /// A list-size side over age–sex bands: Σ of the bands' patients ÷ ``divisor``, and, with a
    /// ``condition``, zero where the condition's band has no more than its minimum (no
    /// denominator, so no value).
    public struct ListBands: Sendable, Equatable {
        /// One band: a sex and an age range in years (`to` nil: and over).
        public struct Band: Sendable, Equatable, Hashable {
            public var female: Bool, from: Int, to: Int?
            /// Creates a band.
            public init(female: Bool, from: Int, to: Int?) {
                self.female = female
                self.from = from
                self.to = to
            }
            /// Whether a published age group (`35_39`, `95+`, `ALL` not) lies in the band.
            public func holds(_ label: String) -> Bool {
                let parts = label.replacingOccurrences(of: "+", with: "_").split(whereSeparator: { $0 == "_" || $0 == "-" })
                guard let lo = parts.first.flatMap({ Int($0) }) else { return false }
                let hi = parts.count > 1 ? Int(parts[1]) : nil
                guard lo >= from else { return false }
                guard let to else { return true }
                guard let hi else { return false }
                return hi <= to
            }
        }
        /// The bands summed.
        public var bands: [Band]
        /// What the sum is divided by (1,000 for per-1,000 denominators, else 1).
        public var divisor: Double
        /// A band whose patients must exceed `minimum` for the practice-month to count.
        public var condition: (band: Band, minimum: Int64)?

        /// Creates a band side.
        public init(bands: [Band], divisor: Double, condition: (band: Band, minimum: Int64)? = nil) {
            self.bands = bands
            self.divisor = divisor
            self.condition = condition
        }

        public static func == (a: ListBands, b: ListBands) -> Bool {
            a.bands == b.bands && a.divisor == b.divisor && a.condition?.band == b.condition?.band && a.condition?.minimum == b.condition?.minimum
        }

        /// A practice list's value.
        public func patients(_ list: PracticeList) -> Int64 {
            if let condition, Self.count(condition.band, list) <= condition.minimum { return 0 }
            return bands.reduce(0) { $0 + Self.count($1, list) }
        }

        static func count(_ band: Band, _ list: PracticeList) -> Int64 {
            (band.female ? list.female : list.male).reduce(0) { $0 + (band.holds($1.key) ? $1.value : 0) }
        }
    }

    /// A cost-based percentage measure's cost and quantity sides, over the rows of its
    /// numerator and denominator: what OpenPrescribing's savings formula for such a measure
    /// reads (its pipeline adds `SUM(actual_cost) AS cost, SUM(quantity) AS quantity` to each
    /// side's SQL). Nil for every other measure.
    public struct PercentageCostSides: Sendable, Equatable {
        /// The numerator's actual cost and quantity.
        public var numeratorCost: Side, numeratorQuantity: Side
        /// The denominator's actual cost and quantity.
        public var denominatorCost: Side, denominatorQuantity: Side

        /// Creates the four sides.
        public init(numeratorCost: Side, numeratorQuantity: Side, denominatorCost: Side, denominatorQuantity: Side) {
            self.numeratorCost = numeratorCost
            self.numeratorQuantity = numeratorQuantity
            self.denominatorCost = denominatorCost
            self.denominatorQuantity = denominatorQuantity
        }

        /// The four, in that order.
        public var all: [Side] { [numeratorCost, numeratorQuantity, denominatorCost, denominatorQuantity] }

        /// The cost or quantity of a side that selects by code (its filter or code list): the
        /// same selection, another column.
        public static func selecting(like side: Side, _ quantity: SideQuantity) -> Side {
            var out = Side(quantity: quantity, filter: side.filter, label: nil)
            if side.terms == [] { out.terms = [] }
            return out
        }
    }

    /// One term of a weighted side: `weight` × the store column `column`, summed over the
    /// presentations `filter` selects.
    public struct WeightedTerm: Sendable, Equatable {
        /// The store column.
        public var column: Measure
        /// What each unit of the column counts for.
        public var weight: Double
        /// The presentations.
        public var filter: BNFFilter
        /// The months the term counts in (nil: every month), for SQL whose selection or weights
        /// change with the month.
        public var months: Set<YearMonth>?
        /// The quantities per item (fixed-point, ``RxData/FixedPoint``) the term counts at (nil:
        /// every one), for SQL with a condition on `quantity_per_item`; only items and quantity
        /// are kept per quantity per item (``RxData/QuantityPerItemBreakdown``).
        public var quantityPerItem: Set<Int64>?

        /// Creates a term.
        public init(column: Measure, weight: Double, filter: BNFFilter, months: Set<YearMonth>? = nil,
                    quantityPerItem: Set<Int64>? = nil) {
            self.column = column
            self.weight = weight
            self.filter = filter
            self.months = months
            self.quantityPerItem = quantityPerItem
        }
    }

    /// What a side sums.
    public enum SideQuantity: String, Sendable, Equatable, CaseIterable {
        /// Prescription items.
        case items
        /// Total quantity dispensed.
        case quantity
        /// Actual cost (£).
        case actualCost = "actual_cost"
        /// Net ingredient cost (£).
        case nic
        /// ADQ usage.
        case adq
        /// Registered patients, in thousands (so a value is per 1,000 patients).
        case listSize = "list_size"

        /// The store column summed, or nil for the list size.
        public var measure: Measure? {
            switch self {
            case .items: .items
            case .quantity: .quantity
            case .actualCost: .actualCost
            case .nic: .nic
            case .adq: .adq
            case .listSize: nil
            }
        }
    }

    /// Whether a side divides or multiplies by a list size (a per-1,000-patients measure).
    public var usesListSize: Bool { numerator.quantity == .listSize || denominator.quantity == .listSize }

    /// Creates a definition.
    public init(id: String, name: String, description: String = "", why: String = "", tags: [String] = [],
                isPercentage: Bool, lowIsGood: Bool, isCostBased: Bool, numerator: Side, denominator: Side,
                minimumDenominator: Double = 0) {
        self.id = id
        self.name = name
        self.description = description
        self.why = why
        self.tags = tags
        self.isPercentage = isPercentage
        self.lowIsGood = lowIsGood
        self.isCostBased = isCostBased
        self.numerator = numerator
        self.denominator = denominator
        self.minimumDenominator = minimumDenominator
    }
}

/// Whose rules a measure is computed by. Definitions in OpenPrescribing's files follow
/// OpenPrescribing's, so that their values match OpenPrescribing's; every difference is in
/// docs/MEASURES.md, beside the rule it changes.
public enum MeasureProfile: String, Sendable, Equatable {
    /// RxAtlas's rules: per-1,000 values need a list of at least
    /// ``MeasureKernelOptions/minimumListSize`` patients.
    case rxatlas
    /// OpenPrescribing's rules: no minimum list size (unless one is asked for,
    /// ``MeasureKernelOptions/minimumListSizeForOpenPrescribing``).
    case openPrescribing
}
