import RxData

/// A horizontal bar chart of labelled values (savings per ICB, say), or a waterfall in which each
/// bar starts where the previous one ended and a final bar shows the total.
public struct BarChart: Sendable {
    /// How the bars are drawn.
    public enum Style: String, Sendable {
        /// Each bar from zero.
        case bars
        /// Each bar from the running total of those above it, then a total bar.
        case waterfall
    }

    /// One bar.
    public struct Bar: Sendable, Equatable {
        /// The label on the left (cut to 30 characters; the tooltip has it in full).
        public var label: String
        /// The value.
        public var value: Double

        /// Creates a bar.
        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    /// The chart's title.
    public var title: String
    /// A line under the title.
    public var subtitle: String?
    /// The value axis title.
    public var valueLabel: String
    /// The bars, top to bottom in this order.
    public var bars: [Bar]
    /// The style.
    public var style: Style
    /// A prefix for value labels (e.g. "£").
    public var valuePrefix: String
    /// The total bar's label (waterfall).
    public var totalLabel: String = "Total"
    /// Width in px (the height follows the number of bars).
    public var width: Double = 760

    /// Creates a chart.
    public init(title: String, subtitle: String? = nil, valueLabel: String, bars: [Bar], style: Style = .bars, valuePrefix: String = "") {
        self.title = title
        self.subtitle = subtitle
        self.valueLabel = valueLabel
        self.bars = bars
        self.style = style
        self.valuePrefix = valuePrefix
    }

    /// A value with the prefix after any minus sign ("-£1,218").
    func money(_ v: Double, decimals: Int) -> String {
        (v < 0 ? "-" : "") + valuePrefix + ChartFormat.number(abs(v), decimals: decimals)
    }

    /// Bar extents (start, end) in value units, plus the total for a waterfall.
    func extents() -> [(start: Double, end: Double)] {
        switch style {
        case .bars:
            return bars.map { (0, $0.value.isFinite ? $0.value : 0) }
        case .waterfall:
            var running = 0.0
            var out: [(start: Double, end: Double)] = []
            for b in bars {
                let v = b.value.isFinite ? b.value : 0
                out.append((running, running + v))
                running += v
            }
            out.append((0, running))
            return out
        }
    }

    /// The SVG document.
    public func svg() -> String {
        let rowHeight = 20.0
        let ext = extents()
        let labels = bars.map(\.label) + (style == .waterfall ? [totalLabel] : [])
        let labelWidth = min(220, 16 + Double(labels.map { min($0.count, 30) }.max() ?? 4) * 6.4)
        let top = subtitle == nil ? 48.0 : 62.0
        let height = top + Double(ext.count) * rowHeight + 56
        let frame = ChartFrame(width: width, height: height, left: labelWidth, right: 70, top: top, bottom: 48)
        let lo = min(0, ext.map { min($0.start, $0.end) }.min() ?? 0)
        let hi = max(0, ext.map { max($0.start, $0.end) }.max() ?? 1)
        let (x0, x1) = LinearScale.niceDomain(lo, hi)
        let x = LinearScale(domain: x0, x1, range: frame.plotLeft, frame.plotRight)
        let total = ext.last.map { style == .waterfall ? $0.end : bars.map(\.value).filter(\.isFinite).reduce(0, +) } ?? 0

        var c = SVGCanvas(width: width, height: height, title: title,
                          description: (style == .waterfall ? "Waterfall" : "Bar") + " chart of \(bars.count) values; total \(money(total, decimals: 2)).")
        ChartFrame.drawTitle(&c, title: title, subtitle: subtitle)
        frame.drawXAxis(&c, scale: x, label: valueLabel)
        c.beginGroup([("class", "bars")])
        for (i, e) in ext.enumerated() {
            let isTotal = style == .waterfall && i == bars.count
            let label = labels[i]
            let value = isTotal ? e.end : bars[i].value
            let yTop = frame.plotTop + Double(i) * rowHeight + 3
            let colour = isTotal ? ChartPalette.reference : value < 0 ? ChartPalette.high : ChartPalette.low
            c.text(ChartFormat.truncate(label, to: 30), x: frame.plotLeft - 8, y: yTop + 11, size: 11, anchor: "end",
                   weight: isTotal ? "bold" : nil, fill: ChartPalette.axis)
            let a = x(min(e.start, e.end)), b = x(max(e.start, e.end))
            c.rect(x: a, y: yTop, width: max(b - a, 0.5), height: rowHeight - 6, fill: colour,
                   tooltip: "\(label): \(money(value, decimals: 2))",
                   extra: [("class", isTotal ? "bar total" : "bar"), ("data-label", label), ("data-value", ChartFormat.exact(value))])
            let negative = value < 0 && style == .bars
            c.text(money(value, decimals: abs(value) >= 100 ? 0 : 2), x: negative ? a - 4 : b + 4, y: yTop + 11, size: 10,
                   anchor: negative ? "end" : "start", fill: ChartPalette.axis)
            if style == .waterfall && i > 0 && !isTotal {
                c.line(x1: x(e.start), y1: yTop - 6, x2: x(e.start), y2: yTop, stroke: "#999999", dash: "2 2")
            }
        }
        c.line(x1: x(0), y1: frame.plotTop, x2: x(0), y2: frame.plotBottom, stroke: ChartPalette.axis)
        c.endGroup()
        return c.document()
    }
}
