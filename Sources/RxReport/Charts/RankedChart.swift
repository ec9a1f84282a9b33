import RxAtlas
import RxData
import RxStats

/// An Atlas-of-Variation ranked column chart: every unit as a column in order of value, its
/// confidence interval as a whisker (when columns are at least 2 px wide), the national value as a
/// line, and the columns shaded by quintile class (viridis, lowest to highest) over alternating
/// quintile bands. Below ``QuintileClasses/minimumUnits`` units the columns are plain ranks in
/// one colour; when columns are wide enough, each is labelled with its unit's code.
public struct RankedChart: Sendable {
    /// One unit.
    public struct Unit: Sendable, Equatable {
        /// The unit's code.
        public var code: String
        /// The unit's name, for its tooltip.
        public var name: String?
        /// The value.
        public var value: Double
        /// The interval's ends, when known.
        public var lower: Double?, upper: Double?

        /// Creates a unit.
        public init(code: String, name: String? = nil, value: Double, lower: Double? = nil, upper: Double? = nil) {
            self.code = code
            self.name = name
            self.value = value
            self.lower = lower
            self.upper = upper
        }
    }

    /// The chart's title.
    public var title: String
    /// A line under the title.
    public var subtitle: String?
    /// The y axis title.
    public var valueLabel: String
    /// The units (any order; drawn ascending by value, ties by code).
    public var units: [Unit]
    /// The national value, when known.
    public var england: Double?
    /// The national value's name in the legend.
    public var nationalLabel: String = "England"
    /// The quintile classes (default: from the units' values).
    public var classes: QuintileClasses?
    /// Size in px.
    public var width: Double = 760, height: Double = 420

    /// Creates a chart from its parts.
    public init(title: String, subtitle: String? = nil, valueLabel: String, units: [Unit], england: Double? = nil,
                classes: QuintileClasses? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.valueLabel = valueLabel
        self.units = units
        self.england = england
        self.classes = classes ?? Self.classes(units)
    }

    /// The ranked chart of an Atlas result: each unit's period value with its own 95% interval
    /// (from the funnel analysis, when the measure has one), the England value, and the
    /// summary's quintile breaks.
    public init(atlas r: AtlasResult, title: String? = nil, names: [String: String] = [:], valueLabel: String? = nil,
                levels: LevelVocabulary = .england) {
        let f = r.funnel
        units = r.units.indices.map { i in
            let value = f?.value[i] ?? r.numerators[i] / r.denominators[i] * r.multiplier
            return Unit(code: r.units[i], name: names[r.units[i]], value: value,
                        lower: f.flatMap { $0.lower95[i].isFinite ? $0.lower95[i] : nil },
                        upper: f.flatMap { $0.upper95[i].isFinite ? $0.upper95[i] : nil })
        }
        england = f?.funnel.centre ?? r.summary?.pooled
        if let q = r.summary?.quintileBreaks, q.count == 4, units.filter(\.value.isFinite).count >= QuintileClasses.minimumUnits {
            classes = QuintileClasses(breaks: q)
        } else {
            classes = Self.classes(units)
        }
        self.title = title ?? r.measureID
        subtitle = "\(levels.title(r.level)) level, \(r.period.lowerBound)–\(r.period.upperBound); \(r.units.count) units ranked"
        self.valueLabel = valueLabel ?? (r.multiplier == 100 ? "%" : r.funnelOptions?.type == .rate ? "per 1,000 patients a month" : "value")
    }

    /// Quintile classes of the units' values, or nil (plain ranks) below
    /// ``QuintileClasses/minimumUnits`` units with a value.
    static func classes(_ units: [Unit]) -> QuintileClasses? {
        let values = units.map(\.value).filter(\.isFinite)
        return values.count >= QuintileClasses.minimumUnits ? QuintileClasses(values: values) : nil
    }

    /// The units in drawing order.
    func ranked() -> [Unit] {
        units.filter { $0.value.isFinite }.sorted { $0.value != $1.value ? $0.value < $1.value : $0.code < $1.code }
    }

    /// Columns at least this wide (px) carry their unit's code underneath.
    static let labelledColumnWidth = 11.0

    /// The SVG document.
    public func svg() -> String {
        let order = ranked()
        let labelled = (width - 84) / Double(max(1, order.count)) >= Self.labelledColumnWidth
        let labelRoom = labelled ? min(90, 7 * Double(order.map(\.code.count).max() ?? 0) * 0.75 + 14) : 0
        let frame = ChartFrame(width: width, height: height + labelRoom, left: 64, right: 20, top: subtitle == nil ? 60 : 72,
                               bottom: 40 + labelRoom)
        var ys = order.map(\.value) + order.compactMap(\.lower) + order.compactMap(\.upper)
        if let england { ys.append(england) }
        ys.append(0)
        let (y0, y1) = LinearScale.niceDomain(ys.min() ?? 0, ys.max() ?? 1)
        let y = LinearScale(domain: y0, y1, range: frame.plotBottom, frame.plotTop)
        let n = max(1, order.count)
        let step = frame.plotWidth / Double(n)
        let gap = step > 4 ? step * 0.15 : 0

        var c = SVGCanvas(width: width, height: height + labelRoom, title: title,
                          description: "Ranked column chart of \(order.count) units from lowest to highest value"
                              + (england.map { ", England value \(ChartFormat.number($0))" } ?? "")
                              + (classes == nil ? ", too few units for quintiles" : ", columns shaded by quintile")
                              + (step >= 2 || !order.contains { $0.lower != nil } ? "." : "; intervals are in each column's tooltip, too many to draw."))
        ChartFrame.drawTitle(&c, title: title, subtitle: subtitle)

        // Alternating bands behind each quintile's run of columns.
        if let classes {
            c.beginGroup([("class", "quintile-bands")])
            var start = 0
            for k in 0..<5 {
                var end = start
                while end < order.count && classes.classify(order[end].value) == k { end += 1 }
                if end > start && k % 2 == 0 {
                    c.rect(x: frame.plotLeft + Double(start) * step, y: frame.plotTop, width: Double(end - start) * step,
                           height: frame.plotHeight, fill: "#F4F4F4", extra: [("data-quintile", String(k + 1))])
                }
                start = end
            }
            c.endGroup()
        }
        frame.drawYAxis(&c, scale: y, label: valueLabel)

        c.beginGroup([("class", "columns")])
        let base = y(max(y0, min(0, y1)))
        for (i, u) in order.enumerated() {
            let k = classes?.classify(u.value)
            let x0 = frame.plotLeft + Double(i) * step + gap / 2
            let top = y(u.value)
            let tip = (u.name.map { "\($0) (\(u.code))" } ?? u.code) + ": \(ChartFormat.number(u.value))"
                + (u.lower != nil && u.upper != nil ? " (95% CI \(ChartFormat.number(u.lower!)) to \(ChartFormat.number(u.upper!)))" : "")
                + ", rank \(i + 1) of \(order.count)" + (k.map { ", quintile \($0 + 1)" } ?? "")
            c.rect(x: x0, y: min(top, base), width: max(step - gap, 0.2), height: abs(base - top),
                   fill: k.map { ChartPalette.quintiles[$0] } ?? ChartPalette.neutral,
                   tooltip: tip, extra: [("class", "column"), ("data-code", u.code), ("data-value", ChartFormat.exact(u.value)),
                                         ("data-rank", String(i + 1)), ("data-quintile", k.map { String($0 + 1) })])
        }
        c.endGroup()
        if labelled {
            c.beginGroup([("class", "unit-labels")])
            for (i, u) in order.enumerated() {
                let cx = frame.plotLeft + (Double(i) + 0.5) * step
                c.text(u.code, x: cx + 3, y: frame.plotBottom + 10, size: 10, anchor: "end", fill: ChartPalette.axis, rotate: -50,
                       extra: [("class", "unit-label")])
            }
            c.endGroup()
        }

        // Whiskers need room: below a couple of pixels per column (a national practice chart)
        // they would only blacken the chart, so they are left to the tooltips.
        let drawWhiskers = step >= 2
        c.beginGroup([("class", "whiskers")])
        for (i, u) in order.enumerated() where drawWhiskers {
            guard let lo = u.lower, let hi = u.upper else { continue }
            let cx = frame.plotLeft + (Double(i) + 0.5) * step
            c.line(x1: cx, y1: y(lo), x2: cx, y2: y(hi), stroke: "#333333", width: step > 3 ? 1 : 0.5)
            if step > 6 {
                let w = min(4, step * 0.3)
                c.line(x1: cx - w, y1: y(lo), x2: cx + w, y2: y(lo), stroke: "#333333")
                c.line(x1: cx - w, y1: y(hi), x2: cx + w, y2: y(hi), stroke: "#333333")
            }
        }
        c.endGroup()

        if let england {
            c.line(x1: frame.plotLeft, y1: y(england), x2: frame.plotRight, y2: y(england), stroke: ChartPalette.reference, width: 1.5,
                   dash: "6 3", extra: [("class", "england"), ("data-value", ChartFormat.exact(england))])
        }
        c.text("ranked from lowest to highest (\(order.count) units)", x: frame.plotLeft + frame.plotWidth / 2, y: height + labelRoom - 14, size: 12,
               anchor: "middle", fill: ChartPalette.axis, extra: [("class", "axis-label")])

        var legend: [(label: String, swatch: (inout SVGCanvas, Double, Double) -> Void)] = []
        if let classes {
            for k in classes.occupied(order.map(\.value)) {
                let colour = ChartPalette.quintiles[k]
                legend.append(("Q\(k + 1) " + classes.label(k), { c, x, y in c.rect(x: x, y: y - 5, width: 16, height: 10, fill: colour) }))
            }
        }
        if england != nil {
            legend.append((nationalLabel, { c, x, y in c.line(x1: x, y1: y, x2: x + 16, y2: y, stroke: ChartPalette.reference, width: 1.5, dash: "6 3") }))
        }
        frame.drawLegend(&c, x: frame.plotLeft, y: frame.plotTop - 12, entries: legend)
        return c.document()
    }
}
