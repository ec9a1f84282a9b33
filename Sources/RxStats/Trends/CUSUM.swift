/// OpenPrescribing's CUSUM change detector on a unit's monthly percentiles
/// (openprescribing `frontend/management/commands/send_monthly_alerts.py`, class `CUSUM`;
/// Montgomery, Introduction to Statistical Quality Control, 2009).
///
/// The target mean is the mean of a window (default 12) of values and the alert threshold is
/// `sensitivity` (default 5) × their population standard deviation; positive and negative
/// cumulative sums of `value − (mean ± ½ threshold / sensitivity)` (rounded to 2 decimals, as the
/// original) raise an alert when they pass ± the threshold. After an alert the mean moves to the
/// last window and, unless the sums keep moving the same way, the threshold too and the sums
/// restart. Missing values are NaN and are skipped in means and deviations.
public struct CUSUM: Sendable {
    /// The values (NaN = missing).
    public let data: [Double]
    /// Months in the reference window.
    public let windowSize: Int
    /// The threshold in standard deviations.
    public let sensitivity: Double
    /// Positive cumulative sums, one per value.
    public private(set) var positive: [Double] = []
    /// Negative cumulative sums.
    public private(set) var negative: [Double] = []
    /// Alert threshold in force at each value.
    public private(set) var thresholds: [Double] = []
    /// Target mean in force at each value.
    public private(set) var means: [Double] = []
    /// Indices of values at which an alert is raised.
    public private(set) var alertIndices: [Int] = []
    /// Per value: the value when it raised an upward alert, else nil.
    public private(set) var positiveAlerts: [Double?] = []
    /// Per value: the value when it raised a downward alert, else nil.
    public private(set) var negativeAlerts: [Double?] = []
    private var startIndex = 0

    /// Runs the detector over `data`.
    public init(_ data: [Double], windowSize: Int = 12, sensitivity: Double = 5) {
        self.windowSize = windowSize
        self.sensitivity = sensitivity
        var start = 0
        var values = data
        while true {
            let w = values[min(start, values.count)..<min(start + windowSize, values.count)]
            if !w.allSatisfy(\.isNaN) || w.isEmpty { break }
            if start > values.count { values = []; break }
            start += 1
        }
        self.data = values
        startIndex = start
        run()
    }

    /// The last alert's run: the value before it began, the value it ended on, and its length
    /// (OpenPrescribing's `get_last_alert_info`); nil without alerts.
    public var lastAlert: (from: Double, to: Double, period: Int)? {
        guard let last = alertIndices.last else { return nil }
        let alerts = positiveAlerts[last] != nil ? positiveAlerts : negativeAlerts
        var start: Int?, end: Int?
        var i = alerts.count
        while i > 0 {
            if start != nil && end != nil { break }
            if alerts[i - 1] != nil {
                if end != nil { start = i - 1 } else { end = i - 1 }
            }
            i -= 1
        }
        guard let e = end else { return nil }
        let s = start ?? e
        guard s >= 1 else { return (data[s], data[e], e - s + 1) }
        return (data[s - 1], data[e], e - s + 1)
    }

    private static func nanMean(_ w: ArraySlice<Double>) -> Double {
        var sum = 0.0, n = 0.0
        for v in w where !v.isNaN { sum += v; n += 1 }
        return n > 0 ? sum / n : .nan
    }

    private func nanStdScaled(_ w: ArraySlice<Double>) -> Double {
        let scaled = w.map { $0 * sensitivity }
        let m = CUSUM.nanMean(scaled[...])
        var ss = 0.0, n = 0.0
        for v in scaled where !v.isNaN { ss += (v - m) * (v - m); n += 1 }
        return n > 0 ? (ss / n).squareRoot() : .nan
    }

    private static func round2(_ v: Double) -> Double { (v * 100).rounded() / 100 }

    private func cusum(_ datum: Double, reset: Bool) -> (Double, Double) {
        let threshold = thresholds.last!
        let delta = 0.5 * threshold / sensitivity
        let mean = means.last!
        var pos = datum - (mean + delta)
        var neg = datum - (mean - delta)
        if !reset {
            pos += positive.last!
            neg += negative.last!
        }
        return (CUSUM.round2(max(0, pos)), CUSUM.round2(min(0, neg)))
    }

    private var above: Bool { positive.last! > thresholds.last! }
    private var below: Bool { negative.last! < -thresholds.last! }

    private mutating func run() {
        for (i, datum) in data.enumerated() {
            if i <= startIndex {
                let w = data[i..<min(i + windowSize, data.count)]
                means.append(CUSUM.nanMean(w))
                thresholds.append(nanStdScaled(w))
                let (p, n) = cusum(datum, reset: true)
                positive.append(p); negative.append(n)
            } else if !(above || below) {
                means.append(means.last!)
                thresholds.append(thresholds.last!)
                let (p, n) = cusum(datum, reset: false)
                positive.append(p); negative.append(n)
            } else {
                let w = data[max(0, i - windowSize)..<i]
                means.append(CUSUM.nanMean(w))
                let (nextPos, nextNeg) = cusum(datum, reset: false)
                let goingUp = nextPos > positive.last! && above
                let goingDown = nextNeg < negative.last! && below
                if goingUp || goingDown {
                    thresholds.append(thresholds.last!)
                    let (p, n) = cusum(datum, reset: false)
                    positive.append(p); negative.append(n)
                } else {
                    thresholds.append(nanStdScaled(w))
                    let (p, n) = cusum(datum, reset: true)
                    positive.append(p); negative.append(n)
                }
            }
            if above {
                alertIndices.append(i); positiveAlerts.append(datum); negativeAlerts.append(nil)
            } else if below {
                alertIndices.append(i); positiveAlerts.append(nil); negativeAlerts.append(datum)
            } else {
                positiveAlerts.append(nil); negativeAlerts.append(nil)
            }
        }
    }
}
