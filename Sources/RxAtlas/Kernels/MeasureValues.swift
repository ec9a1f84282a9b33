import RxData
import RxStats

/// One measure at one organisation level: numerator, denominator and value per unit × month.
///
/// Matrices are unit-major: unit `u`, month `t` is at `u * months.count + t`. An undefined value
/// is NaN in ``value`` (SQL NULL, as ``RxStats/PercentRank`` and ``RxStats/PercentileCont``
/// take it) and nil from ``value(unit:month:)``; ``status`` says why.
public struct MeasureValues: Sendable {
    /// The measure's id.
    public let measureID: String
    /// The organisation level.
    public let level: OrgLevel
    /// The units' codes, in code order.
    public let orgCodes: [String]
    /// The units' names, when known.
    public let orgNames: [String?]
    /// The months, ascending.
    public let months: [YearMonth]
    /// Numerator per unit × month (zero-filled).
    public let numerator: [Double]
    /// Denominator per unit × month (zero-filled).
    public let denominator: [Double]
    /// Value per unit × month (× 100 for a percentage), NaN where undefined.
    public let value: [Double]
    /// Why each unit-month has or lacks a value.
    public let status: [ValueStatus]
    /// The nation whose units these are (a GSS code), nil when not known. Percentiles and
    /// deciles compare the table's units, so a period holding two nations' prescribing has a
    /// table per nation (``PracticeMeasureTotals/values(levels:)``).
    public var nation: String?
    /// A cost-based percentage measure's cost and quantity sums, for OpenPrescribing's savings
    /// formula (``PercentageCostSums``); nil for every other measure.
    public var percentageCosts: PercentageCostSums?

    /// Creates values from their parts (see the property docs for the layout).
    public init(measureID: String, level: OrgLevel, orgCodes: [String], orgNames: [String?], months: [YearMonth],
                numerator: [Double], denominator: [Double], value: [Double], status: [ValueStatus], nation: String? = nil) {
        self.measureID = measureID
        self.level = level
        self.orgCodes = orgCodes
        self.orgNames = orgNames
        self.months = months
        self.numerator = numerator
        self.denominator = denominator
        self.value = value
        self.status = status
        self.nation = nation
    }

    /// The table of some of its units (indices into ``orgCodes``, in the order given), named as
    /// `nation`'s.
    public func subset(units: [Int], nation: String?) -> MeasureValues {
        let T = months.count
        func rows<V>(_ m: [V]) -> [V] {
            var out: [V] = []
            out.reserveCapacity(units.count * T)
            for u in units { out.append(contentsOf: m[(u * T)..<(u * T + T)]) }
            return out
        }
        var out = MeasureValues(measureID: measureID, level: level, orgCodes: units.map { orgCodes[$0] }, orgNames: units.map { orgNames[$0] },
                                months: months, numerator: rows(numerator), denominator: rows(denominator), value: rows(value),
                                status: rows(status), nation: nation)
        out.percentageCosts = percentageCosts.map {
            PercentageCostSums(numeratorCost: rows($0.numeratorCost), numeratorQuantity: rows($0.numeratorQuantity),
                               denominatorCost: rows($0.denominatorCost), denominatorQuantity: rows($0.denominatorQuantity),
                               costPerNumerator: $0.costPerNumerator, costPerDenominator: $0.costPerDenominator)
        }
        return out
    }

    /// The index of a unit by code.
    public func unitIndex(_ code: String) -> Int? { orgCodes.firstIndex(of: code) }

    /// The flat index of unit `u`, month `t`.
    @inline(__always)
    public func index(unit u: Int, month t: Int) -> Int { u * months.count + t }

    /// The value of unit `u` in month `t`, nil when undefined.
    public func value(unit u: Int, month t: Int) -> Double? {
        let v = value[index(unit: u, month: t)]
        return v.isNaN ? nil : v
    }

    /// One month's column of a unit × month matrix (e.g. ``value``), in unit order.
    public func column(_ matrix: [Double], month t: Int) -> [Double] {
        (0..<orgCodes.count).map { matrix[$0 * months.count + t] }
    }

    /// OpenPrescribing's percentile of every unit-month (``RxStats/PercentRank/percentiles(_:)``
    /// within each month over the units with a value), unit × month, NaN where undefined.
    public func percentiles() -> [Double] {
        var out = [Double](repeating: .nan, count: value.count)
        for t in months.indices {
            for (u, p) in PercentRank.percentiles(column(value, month: t)).enumerated() {
                out[index(unit: u, month: t)] = p
            }
        }
        return out
    }

    /// OpenPrescribing's deciles (``RxStats/PercentileCont/deciles(_:)``: p10 … p90) per month
    /// over the units with a value; NaN when a month has none.
    public func deciles() -> [[Double]] {
        months.indices.map { PercentileCont.deciles(column(value, month: $0)) }
    }
}

/// A cost-based percentage measure's sums per unit × month (``MeasureValues``'s layout) and the
/// national unit costs per month, as OpenPrescribing's savings formula for such measures reads
/// them (``MeasureSavings``).
public struct PercentageCostSums: Sendable {
    /// Per unit-month: the numerator's and the denominator's actual cost and quantity.
    public var numeratorCost: [Double], numeratorQuantity: [Double], denominatorCost: [Double], denominatorQuantity: [Double]
    /// Per month, over every ranked practice of the nation: Σ numerator cost ÷ Σ numerator
    /// quantity (`cost_per_num`), and the cost per unit of the rest of the denominator,
    /// (Σ denominator cost − Σ numerator cost) ÷ (Σ denominator quantity − Σ numerator quantity)
    /// (`cost_per_denom`).
    public var costPerNumerator: [Double], costPerDenominator: [Double]

    /// Creates the sums.
    public init(numeratorCost: [Double], numeratorQuantity: [Double], denominatorCost: [Double], denominatorQuantity: [Double],
                costPerNumerator: [Double], costPerDenominator: [Double]) {
        self.numeratorCost = numeratorCost
        self.numeratorQuantity = numeratorQuantity
        self.denominatorCost = denominatorCost
        self.denominatorQuantity = denominatorQuantity
        self.costPerNumerator = costPerNumerator
        self.costPerDenominator = costPerDenominator
    }
}
