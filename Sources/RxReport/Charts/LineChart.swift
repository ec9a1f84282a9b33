import RxData

/// A line chart of several named series over the same categories (months, say): biosimilar
/// uptake per ICB, or any share over time. Each series takes an Okabe–Ito colour in turn.
public struct LineChart: Sendable {
    /// One named line.
    public struct Series: Sendable, Equatable {
        /// The name in the legend and tooltips.
        public var name: String
        /// One value per category (NaN for a gap).
        public var values: [Double]

        /// Creates a series.
        public init(name: String, values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// The chart's title.
    public var title: String
    /// A line under the title.
    public var subtitle: String?
    /// The y axis title.
    public var valueLabel: String
    /// The x axis title.
    public var categoryLabel: String
    /// The category labels, in order.
    public var categories: [String]
    /// The lines.
    public var series: [Series]
    /// A fixed y range (e.g. 0…100 for a share); default: from the data, including 0.
    public var valueRange: ClosedRange<Double>?
    /// Size in px.
    public var width: Double = 760, height: Double = 400

    /// Creates a chart; every series needs one value per category.
    public init(title: String, subtitle: String? = nil, valueLabel: String, categoryLabel: String = "month", categories: [String],
                series: [Series], valueRange: ClosedRange<Double>? = nil) {
        precondition(series.allSatisfy { $0.values.count == categories.count }, "every series needs one value per category")
        self.title = title
        self.subtitle = subtitle
        self.valueLabel = valueLabel
        self.categoryLabel = categoryLabel
        self.categories = categories
        self.series = series
        self.valueRange = valueRange
    }

    /// The SVG document.
    public func svg() -> String {
        let legendRows = (series.count + 3) / 4
        let top = (subtitle == nil ? 48 : 62) + Double(legendRows) * 16
        let frame = ChartFrame(width: width, height: height, left: 64, right: 24, top: top, bottom: 48)
        let all = series.flatMap(\.values).filter(\.isFinite)
        let (y0, y1) = valueRange.map { ($0.lowerBound, $0.upperBound) } ?? LinearScale.niceDomain(min(0, all.min() ?? 0), all.max() ?? 1)
        let y = LinearScale(domain: y0, y1, range: frame.plotBottom, frame.plotTop)
        let xs = CategoryAxis.positions(count: categories.count, from: frame.plotLeft, to: frame.plotRight)

        var c = SVGCanvas(width: width, height: height, title: title,
                          description: "Line chart of \(series.count) series over \(categories.count) \(categoryLabel) values: "
                              + series.map(\.name).joined(separator: ", ") + ".")
        ChartFrame.drawTitle(&c, title: title, subtitle: subtitle)
        frame.drawYAxis(&c, scale: y, label: valueLabel)
        frame.drawXCategories(&c, labels: categories, positions: xs, label: categoryLabel)
        for (i, s) in series.enumerated() {
            let colour = ChartPalette.series(i)
            c.beginGroup([("class", "series"), ("data-series", s.name)])
            c.polyline(categories.indices.map { (x: xs[$0], y: s.values[$0].isFinite ? y(s.values[$0]) : .nan) }, stroke: colour, width: 2)
            for k in categories.indices where s.values[k].isFinite {
                c.circle(cx: xs[k], cy: y(s.values[k]), r: 2.5, fill: colour,
                         tooltip: "\(s.name), \(categories[k]): \(ChartFormat.number(s.values[k]))",
                         extra: [("class", "point"), ("data-category", categories[k]), ("data-value", ChartFormat.exact(s.values[k]))])
            }
            c.endGroup()
        }
        // Legend in rows of four.
        for row in 0..<legendRows {
            let slice = Array(series.enumerated()).dropFirst(row * 4).prefix(4)
            frame.drawLegend(&c, x: frame.plotLeft, y: frame.plotTop - 12 - Double(legendRows - 1 - row) * 16, entries: slice.map { (i, s) in
                let colour = ChartPalette.series(i)
                return (ChartFormat.truncate(s.name, to: 26), { c, x, y in c.line(x1: x, y1: y, x2: x + 16, y2: y, stroke: colour, width: 2) })
            })
        }
        return c.document()
    }
}
