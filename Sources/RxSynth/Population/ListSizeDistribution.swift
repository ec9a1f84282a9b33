/// The distribution of registered-list sizes across English practices: the shape of the whole
/// national 2016 Q1 file (NHSBSA, 7,705 practices; 101 percentiles in
/// the bundled `list_size_quantiles.csv`), rescaled to today's mean of about 9,500
/// (fewer, larger practices). Right-skewed: about 1% under 1,000, a few percent over 20,000.
public struct ListSizeDistribution: Sendable {
    /// List size at percentiles 0…100 after rescaling.
    public let percentiles: [Double]

    /// A distribution from its percentiles (101 increasing values), rescaled to `mean`.
    public init(percentiles raw: [Double], mean: Double) {
        // mean of the piecewise-linear quantile function = average of the segment midpoints
        var rawMean = 0.0
        for i in 0..<(raw.count - 1) { rawMean += (raw[i] + raw[i + 1]) / 2 }
        rawMean /= Double(raw.count - 1)
        percentiles = raw.map { $0 * mean / rawMean }
    }

    /// England: the 2016 shape scaled to a mean of 9,500 registered patients.
    public static let england: ListSizeDistribution = {
        let raw = ReferenceTable.records("list_size_quantiles.csv")
            .dropFirst().compactMap { Double($0.fields[1]) }
        return ListSizeDistribution(percentiles: raw, mean: 9500)
    }()

    /// The list size at cumulative probability `u` in [0, 1) (linear between percentiles), at
    /// least 50.
    public func sample(_ u: Double) -> Int {
        let x = min(max(u, 0), 0.999_999) * Double(percentiles.count - 1)
        let i = Int(x)
        let value = percentiles[i] + (percentiles[i + 1] - percentiles[i]) * (x - Double(i))
        return max(50, Int(value.rounded()))
    }
}
