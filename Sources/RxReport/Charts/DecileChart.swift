import RxAtlas
import RxData

/// An OpenPrescribing-style time series: one organisation's monthly value over the national
/// decile fan (the 10th…90th percentiles of every organisation at its level each month, with the
/// median dashed).
public struct DecileChart: Sendable {
    /// The chart's title.
    public var title: String
    /// A line under the title.
    public var subtitle: String?
    /// The y axis title.
    public var valueLabel: String
    /// The month labels, in order.
    public var months: [String]
    /// Per month the nine deciles p10…p90 (NaN where a month has none).
    public var deciles: [[Double]]
    /// The organisation's value per month (NaN where it has none).
    public var values: [Double]
    /// The organisation's name in the legend.
    public var seriesLabel: String
    /// Size in px.
    public var width: Double = 760, height: Double = 400

    /// Creates a chart from its parts.
    public init(title: String, subtitle: String? = nil, valueLabel: String, months: [String], deciles: [[Double]], values: [Double],
                seriesLabel: String) {
        precondition(deciles.count == months.count && values.count == months.count, "one decile row and value per month")
        self.title = title
        self.subtitle = subtitle
        self.valueLabel = valueLabel
        self.months = months
        self.deciles = deciles
        self.values = values
        self.seriesLabel = seriesLabel
    }

    /// The chart of organisation `code` over measure values' deciles (nil when the code is not
    /// among the values' units).
    public init?(values t: MeasureValues, orgCode code: String, title: String? = nil, valueLabel: String = "value") {
        guard let u = t.unitIndex(code) else { return nil }
        let name = t.orgNames[u]
        self.init(title: title ?? t.measureID, subtitle: "\(name.map { "\($0) (\(code))" } ?? code) against every \(MeasureOutput.levelName(t.level))'s deciles",
                  valueLabel: valueLabel, months: t.months.map(\.description), deciles: t.deciles(),
                  values: t.months.indices.map { t.value(unit: u, month: $0) ?? .nan }, seriesLabel: name ?? code)
    }

    /// The SVG document.
    public func svg() -> String {
        let frame = ChartFrame(width: width, height: height, left: 64, right: 24, top: subtitle == nil ? 60 : 72, bottom: 48)
        let all = (deciles.flatMap { $0 } + values).filter(\.isFinite)
        let (y0, y1) = LinearScale.niceDomain(min(0, all.min() ?? 0), all.max() ?? 1)
        let y = LinearScale(domain: y0, y1, range: frame.plotBottom, frame.plotTop)
        let xs = CategoryAxis.positions(count: months.count, from: frame.plotLeft, to: frame.plotRight)

        var c = SVGCanvas(width: width, height: height, title: title,
                          description: "\(seriesLabel): monthly values over \(months.count) months against the deciles of every organisation at its level; the shaded fan spans the 10th to 90th percentiles and the dashed line is the median.")
        ChartFrame.drawTitle(&c, title: title, subtitle: subtitle)
        frame.drawYAxis(&c, scale: y, label: valueLabel)
        frame.drawXCategories(&c, labels: months, positions: xs, label: "month")

        c.beginGroup([("class", "decile-fan")])
        let bandColours = ["#DCEAF7", "#C0D9EF", "#9EC5E6", "#78AEDB"]
        for (k, colour) in bandColours.enumerated() {
            // Bands p10–p90, p20–p80, p30–p70, p40–p60 (decile indices k and 8 − k).
            var p = SVGPath()
            let upper = months.indices.map { (x: xs[$0], y: deciles[$0][8 - k].isFinite ? y(deciles[$0][8 - k]) : .nan) }
            let lower = months.indices.map { (x: xs[$0], y: deciles[$0][k].isFinite ? y(deciles[$0][k]) : .nan) }
            p.polygon(upper + lower.reversed())
            if !p.isEmpty { c.path(p.data, fill: colour, extra: [("class", "band p\((k + 1) * 10)-p\((9 - k) * 10)")]) }
        }
        c.polyline(months.indices.map { (x: xs[$0], y: deciles[$0][4].isFinite ? y(deciles[$0][4]) : .nan) },
                   stroke: "#0B3C6B", width: 1.5, dash: "6 4", extra: [("class", "median")])
        c.endGroup()

        c.beginGroup([("class", "series")])
        c.polyline(months.indices.map { (x: xs[$0], y: values[$0].isFinite ? y(values[$0]) : .nan) }, stroke: ChartPalette.high, width: 2.2)
        for i in months.indices where values[i].isFinite {
            c.circle(cx: xs[i], cy: y(values[i]), r: 3, fill: ChartPalette.high, tooltip: "\(seriesLabel), \(months[i]): \(ChartFormat.number(values[i]))",
                     extra: [("class", "point"), ("data-month", months[i]), ("data-value", ChartFormat.exact(values[i]))])
        }
        c.endGroup()

        frame.drawLegend(&c, x: frame.plotLeft, y: frame.plotTop - 12, entries: [
            (seriesLabel, { c, x, y in c.line(x1: x, y1: y, x2: x + 16, y2: y, stroke: ChartPalette.high, width: 2.2) }),
            ("median", { c, x, y in c.line(x1: x, y1: y, x2: x + 16, y2: y, stroke: "#0B3C6B", width: 1.5, dash: "6 4") }),
            ("deciles 10th–90th", { c, x, y in c.rect(x: x, y: y - 5, width: 16, height: 10, fill: bandColours[0]) }),
        ])
        return c.document()
    }
}

/// Evenly spaced category positions (months) across a plot's width, half a step in from each edge.
enum CategoryAxis {
    static func positions(count: Int, from left: Double, to right: Double) -> [Double] {
        guard count > 0 else { return [] }
        let step = (right - left) / Double(count)
        return (0..<count).map { left + (Double($0) + 0.5) * step }
    }
}
