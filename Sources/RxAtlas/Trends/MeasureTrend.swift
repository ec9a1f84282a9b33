import RxData
import RxStats

/// One organisation's trend on one measure over a period: the change from its first to its last
/// value, the least-squares slope per month with a t test of trend, OpenPrescribing's
/// "worst decile in every month" alert and the last CUSUM alert on its percentiles.
public struct MeasureTrend: Sendable, Equatable {
    /// The organisation.
    public var orgCode: String
    /// First and last defined values in the period.
    public var firstValue: Double?, lastValue: Double?
    /// Ordinary least-squares slope of value on month (per month), with at least 3 months.
    public var slope: Double?
    /// Two-sided p-value of the slope (Student's t on n − 2 degrees of freedom).
    public var pValue: Double?
    /// In the worst decile (percentile ≥ 90 when low is good, ≤ 10 otherwise) in every month, each
    /// month ranking at least ten organisations (fewer cannot fill a decile).
    public var worstDecileEveryMonth: Bool
    /// The last CUSUM alert on the percentiles: from, to and months (OpenPrescribing's
    /// `most_change_against_window`, window 12, sensitivity 5).
    public var cusumFrom: Double?, cusumTo: Double?, cusumMonths: Int?

    /// The change from the first to the last value.
    public var change: Double? {
        guard let a = firstValue, let b = lastValue else { return nil }
        return b - a
    }

    /// The trends of every organisation in `values` over `period`.
    public static func trends(_ values: MeasureValues, definition: MeasureDefinition,
                              period: ClosedRange<YearMonth>) -> [MeasureTrend] {
        let monthIdx = values.months.indices.filter { period.contains(values.months[$0]) }
        let percentiles = values.percentiles()
        let rankedEnough = monthIdx.allSatisfy { t in
            values.orgCodes.indices.filter { !percentiles[values.index(unit: $0, month: t)].isNaN }.count >= 10
        }
        return values.orgCodes.indices.map { u in
            var xs: [Double] = [], ys: [Double] = []
            var allWorst = !monthIdx.isEmpty && rankedEnough
            var pcts: [Double] = []
            for (k, t) in monthIdx.enumerated() {
                let i = values.index(unit: u, month: t)
                let p = percentiles[i]
                pcts.append(p)
                if values.status[i] == .defined {
                    xs.append(Double(k))
                    ys.append(values.value[i])
                }
                let worst = definition.hasDirection && (definition.lowIsGood ? p >= 90 : p <= 10)
                if p.isNaN || !worst { allWorst = false }
            }
            var trend = MeasureTrend(orgCode: values.orgCodes[u], firstValue: ys.first, lastValue: ys.last,
                                     slope: nil, pValue: nil, worstDecileEveryMonth: allWorst,
                                     cusumFrom: nil, cusumTo: nil, cusumMonths: nil)
            if xs.count >= 3 {
                let (b, p) = ordinaryLeastSquares(xs, ys)
                trend.slope = b
                trend.pValue = p
            }
            if pcts.contains(where: { !$0.isNaN }) {
                let c = CUSUM(pcts)
                if let a = c.lastAlert {
                    trend.cusumFrom = a.from
                    trend.cusumTo = a.to
                    trend.cusumMonths = a.period
                }
            }
            return trend
        }
    }

    /// Slope of y on x and the two-sided p-value of its t statistic (NaN p when the residual
    /// variance is zero and the slope is not).
    static func ordinaryLeastSquares(_ x: [Double], _ y: [Double]) -> (Double, Double?) {
        let n = Double(x.count)
        let mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
        var sxx = 0.0, sxy = 0.0
        for i in x.indices { sxx += (x[i] - mx) * (x[i] - mx); sxy += (x[i] - mx) * (y[i] - my) }
        guard sxx > 0 else { return (0, nil) }
        let b = sxy / sxx
        var rss = 0.0
        for i in x.indices { let r = y[i] - my - b * (x[i] - mx); rss += r * r }
        let df = n - 2
        let se = (rss / df / sxx).squareRoot()
        guard se > 0 else { return (b, b == 0 ? 1 : 0) }
        let t = b / se
        return (b, 2 * Distribution.tCDF(-abs(t), df: df))
    }
}
