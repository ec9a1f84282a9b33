import RxAtlas
import RxData
import RxStats

/// A funnel plot: each unit's value against its denominator, the 95% and 99.8% control limits
/// (and the overdispersion-adjusted limits when the adjustment was applied), the England line,
/// and outliers coloured and labelled.
///
/// Points are coloured by their flag against the limits drawn as primary: the adjusted limits
/// when present (FunnelPlotR draws those when φ > 1), else the unadjusted. Each point carries its
/// exact numbers in `data-code`, `data-denominator`, `data-value` and `data-flag`.
public struct FunnelChart: Sendable {
    /// One unit.
    public struct Point: Sendable, Equatable {
        /// The unit's code (the label of an outlier).
        public var code: String
        /// The unit's name, shown in its tooltip.
        public var name: String?
        /// The x value: the denominator the limits are drawn against.
        public var denominator: Double
        /// The y value, on the limits' scale.
        public var value: Double
        /// The flag against the primary limits.
        public var flag: FunnelFlag

        /// Creates a point.
        public init(code: String, name: String? = nil, denominator: Double, value: Double, flag: FunnelFlag) {
            self.code = code
            self.name = name
            self.denominator = denominator
            self.value = value
            self.flag = flag
        }
    }

    /// The chart's title.
    public var title: String
    /// A line under the title (period, level).
    public var subtitle: String?
    /// The y axis title (the measure's unit).
    public var valueLabel: String
    /// The x axis title.
    public var denominatorLabel: String
    /// The units.
    public var points: [Point]
    /// The centre line's value (the England value).
    public var centre: Double
    /// The centre line's name in the legend.
    public var centreLabel: String = "England"
    /// The unadjusted limits along the x range, in denominator order.
    public var limits: [FunnelCurvePoint]
    /// The overdispersion-adjusted limits, when applied.
    public var adjustedLimits: [FunnelCurvePoint]?
    /// At most this many outliers are labelled (the furthest from the centre first; a label that
    /// would overlap one already placed is left out).
    public var maximumLabels: Int = 12
    /// Size in px.
    public var width: Double = 760, height: Double = 480

    /// Creates a chart from its parts.
    public init(title: String, subtitle: String? = nil, valueLabel: String, denominatorLabel: String, points: [Point],
                centre: Double, limits: [FunnelCurvePoint], adjustedLimits: [FunnelCurvePoint]? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.valueLabel = valueLabel
        self.denominatorLabel = denominatorLabel
        self.points = points
        self.centre = centre
        self.limits = limits
        self.adjustedLimits = adjustedLimits
    }

    /// The funnel of an Atlas result, or nil when the result has no funnel (a cost or a ratio
    /// of prescribing totals, or fewer than two units). Limits are redrawn with the result's own
    /// options along the range of its denominators; the adjusted ones only when the adjustment
    /// was applied (φ > 1).
    /// - Parameters:
    ///   - names: unit names by code, for tooltips.
    ///   - valueLabel: the y axis title (default: "%" for a percentage, else "value").
    ///   - denominatorLabel: the x axis title, the denominator's unit (default: patient-months for
    ///     a rate, else "denominator"; ``AtlasCharts/denominatorLabel(_:)`` names it from a definition).
    public init?(atlas r: AtlasResult, title: String? = nil, names: [String: String] = [:], valueLabel: String? = nil,
                 denominatorLabel: String? = nil, curvePoints: Int = 160, levels: LevelVocabulary = .england) {
        guard let funnel = r.funnel, let dens = r.funnelDenominators, let options = r.funnelOptions,
              let lo = dens.min(), let hi = dens.max() else { return nil }
        let adjusted = r.funnelAdjusted.flatMap { $0.summary.adjusted ? $0 : nil }
        let primary = adjusted ?? funnel
        points = r.units.indices.map {
            Point(code: r.units[$0], name: names[r.units[$0]], denominator: dens[$0], value: primary.funnel.value[$0],
                  flag: primary.funnel.flags[$0])
        }
        let range = max(1e-9, lo * 0.9)...(hi * 1.03)
        let target = funnel.summary.target
        limits = IndicatorAnalysis.curve(range: range, points: curvePoints, target: target, summary: funnel.summary, options: options)
        if let adjusted {
            var o = options
            o.overdispersion = adjusted.summary.method
            adjustedLimits = IndicatorAnalysis.curve(range: range, points: curvePoints, target: target, summary: adjusted.summary,
                                                     options: o)
        }
        centre = funnel.funnel.centre
        self.title = title ?? r.measureID
        subtitle = "\(levels.title(r.level)) level, \(r.period.lowerBound)–\(r.period.upperBound); \(r.units.count) units"
        self.valueLabel = valueLabel ?? (options.type == .proportion ? "%" : options.type == .rate ? "per 1,000 patients a month" : "value")
        self.denominatorLabel = denominatorLabel
            ?? (options.type == .rate ? "patient-months (list sizes summed over the months)" : "denominator")
    }

    /// The flagged points furthest outside their 99.8% limits, at most ``maximumLabels``; 95%
    /// outliers only when there are no 99.8% ones.
    func labelled() -> [Int] {
        let outer = points.indices.filter { points[$0].flag.isOutside998 }
        let pool = outer.isEmpty ? points.indices.filter { points[$0].flag.isOutside95 } : outer
        return Array(pool.sorted { abs(points[$0].value - centre) > abs(points[$1].value - centre) }.prefix(maximumLabels))
    }

    /// The SVG document.
    public func svg() -> String {
        let frame = ChartFrame(width: width, height: height, left: 64, right: 40, top: subtitle == nil ? 60 : 72, bottom: 52)
        let xs = points.map(\.denominator) + limits.map(\.denominator)
        let finite = { (v: [Double]) in v.filter(\.isFinite) }
        let xMax = finite(xs).max() ?? 1
        var ys = finite(points.map(\.value)) + [centre]
        // Let the limits widen the view only within the points' own spread (small denominators
        // make them run away).
        let innerLimits = (limits + (adjustedLimits ?? [])).filter { $0.denominator >= (finite(points.map(\.denominator)).min() ?? 0) }
        ys += finite(innerLimits.flatMap { [$0.limits.lower998, $0.limits.upper998] })
        let (y0, y1) = LinearScale.niceDomain(ys.min() ?? 0, ys.max() ?? 1)
        let (_, x1) = LinearScale.niceDomain(0, xMax)
        // Denominators spread over orders of magnitude (a national practice funnel) would crowd a
        // linear axis's first tenth: such an axis is drawn on a square-root scale.
        let squareRoot = SquareRootScale.suits(points.map(\.denominator))
        let linearX = LinearScale(domain: 0, x1, range: frame.plotLeft, frame.plotRight)
        let rootX = SquareRootScale(upper: xMax * 1.02, range: frame.plotLeft, frame.plotRight)
        let x: (Double) -> Double = squareRoot ? { rootX($0) } : { linearX($0) }
        let y = LinearScale(domain: y0, y1, range: frame.plotBottom, frame.plotTop)

        var c = SVGCanvas(width: width, height: height, title: title,
                          description: "Funnel plot of \(points.count) units: value against denominator with 95% and 99.8% control limits"
                              + (adjustedLimits == nil ? "" : " and overdispersion-adjusted limits")
                              + ", \(centreLabel) value \(ChartFormat.number(centre)). "
                              + "\(points.filter { $0.flag.isOutside998 }.count) units lie outside the 99.8% limits.")
        ChartFrame.drawTitle(&c, title: title, subtitle: subtitle)
        frame.drawYAxis(&c, scale: y, label: valueLabel)
        if squareRoot {
            frame.drawXAxis(&c, scale: rootX, label: denominatorLabel)
        } else {
            frame.drawXAxis(&c, scale: linearX, label: denominatorLabel)
        }
        let clip = c.clipRect(name: "plot", x: frame.plotLeft, y: frame.plotTop, width: frame.plotWidth, height: frame.plotHeight)

        c.beginGroup([("class", "limits"), ("clip-path", clip)])
        func curve(_ points: [FunnelCurvePoint], _ pick: (FunnelLimits) -> Double) -> [(x: Double, y: Double)] {
            points.map { (x: x($0.denominator), y: pick($0.limits).isFinite ? y(pick($0.limits)) : .nan) }
        }
        let sets: [([FunnelCurvePoint], String, String)] = [(limits, ChartPalette.axis, "unadjusted")]
            + (adjustedLimits.map { [($0, ChartPalette.adjusted, "adjusted")] } ?? [])
        for (set, colour, kind) in sets {
            c.polyline(curve(set, \.upper95), stroke: colour, width: 1.2, dash: "5 3", extra: [("class", "limit \(kind) upper95")])
            c.polyline(curve(set, \.lower95), stroke: colour, width: 1.2, dash: "5 3", extra: [("class", "limit \(kind) lower95")])
            c.polyline(curve(set, \.upper998), stroke: colour, width: 1.4, extra: [("class", "limit \(kind) upper998")])
            c.polyline(curve(set, \.lower998), stroke: colour, width: 1.4, extra: [("class", "limit \(kind) lower998")])
        }
        c.line(x1: frame.plotLeft, y1: y(centre), x2: frame.plotRight, y2: y(centre), stroke: ChartPalette.reference, width: 1.5,
               extra: [("class", "centre"), ("data-value", ChartFormat.exact(centre))])
        c.endGroup()

        c.beginGroup([("class", "points")])
        for p in points where p.denominator.isFinite && p.value.isFinite {
            let colour = p.flag == .high95 || p.flag == .high998 ? ChartPalette.high
                : p.flag == .low95 || p.flag == .low998 ? ChartPalette.low : ChartPalette.neutral
            let r = p.flag.isOutside998 ? 4.0 : 3.0
            let tip = (p.name.map { "\($0) (\(p.code))" } ?? p.code)
                + ": \(ChartFormat.number(p.value)) \(valueLabel), \(ChartFormat.number(p.denominator, decimals: 0)) \(denominatorLabel)"
            c.circle(cx: x(p.denominator), cy: y(p.value), r: r, fill: colour, stroke: "#FFFFFF", tooltip: tip,
                     extra: [("class", "point"), ("fill-opacity", p.flag == .none ? "0.65" : "0.95"), ("data-code", p.code),
                             ("data-denominator", ChartFormat.exact(p.denominator)), ("data-value", ChartFormat.exact(p.value)),
                             ("data-flag", p.flag.rawValue)])
        }
        c.endGroup()

        c.beginGroup([("class", "outlier-labels")])
        // Labels never overlap: one that would touch an earlier (more extreme) one is left out,
        // its point still coloured and its tooltip still there.
        var placed: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
        for i in labelled() {
            let p = points[i]
            let above = p.value >= centre
            let lx = x(p.denominator) + 6, ly = y(p.value) + (above ? -5 : 12)
            let box = (x0: lx - 1, y0: ly - 10, x1: lx + ChartFormat.textWidth(p.code, size: 10) + 1, y1: ly + 2)
            guard !placed.contains(where: { box.x0 < $0.x1 && $0.x0 < box.x1 && box.y0 < $0.y1 && $0.y0 < box.y1 }) else { continue }
            placed.append(box)
            c.text(p.code, x: lx, y: ly, size: 10, fill: ChartPalette.reference, extra: [("class", "outlier-label")])
        }
        c.endGroup()

        var legend: [(label: String, swatch: (inout SVGCanvas, Double, Double) -> Void)] = [
            (centreLabel, { c, x, y in c.line(x1: x, y1: y, x2: x + 16, y2: y, stroke: ChartPalette.reference, width: 1.5) }),
            ("95% limits", { c, x, y in c.line(x1: x, y1: y, x2: x + 16, y2: y, stroke: ChartPalette.axis, width: 1.2, dash: "5 3") }),
            ("99.8% limits", { c, x, y in c.line(x1: x, y1: y, x2: x + 16, y2: y, stroke: ChartPalette.axis, width: 1.4) }),
        ]
        if adjustedLimits != nil {
            legend.append(("adjusted for overdispersion", { c, x, y in
                c.line(x1: x, y1: y, x2: x + 16, y2: y, stroke: ChartPalette.adjusted, width: 1.4)
            }))
        }
        legend.append(("high", { c, x, y in c.circle(cx: x + 8, cy: y, r: 4, fill: ChartPalette.high) }))
        legend.append(("low", { c, x, y in c.circle(cx: x + 8, cy: y, r: 4, fill: ChartPalette.low) }))
        frame.drawLegend(&c, x: frame.plotLeft, y: frame.plotTop - 12, entries: legend)
        return c.document()
    }
}
