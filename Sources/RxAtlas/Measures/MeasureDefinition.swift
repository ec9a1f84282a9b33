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
    /// Whether a low value is good (for ranking and colouring).
    public var lowIsGood: Bool
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

        /// Creates a side.
        public init(quantity: SideQuantity, filter: BNFFilter?) {
            self.quantity = quantity
            self.filter = filter
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
