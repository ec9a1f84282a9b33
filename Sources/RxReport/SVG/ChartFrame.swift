/// The layout every cartesian chart shares: a canvas, margins around a plot area, a title and
/// subtitle above it, and numeric or categorical axes with grid lines and labels.
struct ChartFrame {
    var width: Double
    var height: Double
    var left: Double
    var right: Double
    var top: Double
    var bottom: Double

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }
    var plotWidth: Double { plotRight - plotLeft }
    var plotHeight: Double { plotBottom - plotTop }

    /// Title (bold) and an optional subtitle at the top left.
    static func drawTitle(_ canvas: inout SVGCanvas, title: String, subtitle: String?) {
        canvas.text(title, x: 16, y: 24, size: 16, weight: "bold", extra: [("class", "chart-title")])
        if let subtitle, !subtitle.isEmpty {
            canvas.text(subtitle, x: 16, y: 43, size: 12, fill: "#555555", extra: [("class", "chart-subtitle")])
        }
    }

    /// A numeric y axis on the left: grid lines at nice ticks, tick labels, the axis title rotated.
    func drawYAxis(_ canvas: inout SVGCanvas, scale: LinearScale, label: String, ticks count: Int = 6) {
        let ticks = scale.ticks(count)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        canvas.beginGroup([("class", "axis y-axis")])
        for t in ticks {
            let y = scale(t)
            canvas.line(x1: plotLeft, y1: y, x2: plotRight, y2: y, stroke: ChartPalette.grid)
            canvas.text(ChartFormat.tick(t, step: step), x: plotLeft - 6, y: y + 4, size: 11, anchor: "end", fill: ChartPalette.axis)
        }
        canvas.line(x1: plotLeft, y1: plotTop, x2: plotLeft, y2: plotBottom, stroke: ChartPalette.axis)
        canvas.text(label, x: 16, y: plotTop + plotHeight / 2, size: 12, anchor: "middle", fill: ChartPalette.axis, rotate: -90,
                    extra: [("class", "axis-label")])
        canvas.endGroup()
    }

    /// A numeric x axis at the bottom.
    func drawXAxis(_ canvas: inout SVGCanvas, scale: LinearScale, label: String, ticks count: Int = 6, grid: Bool = true) {
        let ticks = scale.ticks(count)
        let step = ticks.count > 1 ? ticks[1] - ticks[0] : 1
        canvas.beginGroup([("class", "axis x-axis")])
        for t in ticks {
            let x = scale(t)
            if grid { canvas.line(x1: x, y1: plotTop, x2: x, y2: plotBottom, stroke: ChartPalette.grid) }
            canvas.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 5, stroke: ChartPalette.axis)
            canvas.text(ChartFormat.tick(t, step: step), x: x, y: plotBottom + 18, size: 11, anchor: "middle", fill: ChartPalette.axis)
        }
        canvas.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: ChartPalette.axis)
        canvas.text(label, x: plotLeft + plotWidth / 2, y: height - 10, size: 12, anchor: "middle", fill: ChartPalette.axis,
                    extra: [("class", "axis-label")])
        canvas.endGroup()
    }

    /// A square-root x axis: ticks at round values, placed by their square roots; the label says
    /// the axis is on a square-root scale.
    func drawXAxis(_ canvas: inout SVGCanvas, scale: SquareRootScale, label: String, ticks count: Int = 6, grid: Bool = true) {
        canvas.beginGroup([("class", "axis x-axis sqrt")])
        for t in scale.ticks(count) {
            let x = scale(t)
            if grid { canvas.line(x1: x, y1: plotTop, x2: x, y2: plotBottom, stroke: ChartPalette.grid) }
            canvas.line(x1: x, y1: plotBottom, x2: x, y2: plotBottom + 5, stroke: ChartPalette.axis)
            canvas.text(ChartFormat.tick(t, step: t < 1 && t > 0 ? t : 1), x: x, y: plotBottom + 18, size: 11, anchor: "middle",
                        fill: ChartPalette.axis)
        }
        canvas.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: ChartPalette.axis)
        canvas.text(label + " (square-root scale)", x: plotLeft + plotWidth / 2, y: height - 10, size: 12, anchor: "middle",
                    fill: ChartPalette.axis, extra: [("class", "axis-label")])
        canvas.endGroup()
    }

    /// A categorical x axis: `labels` at `positions`, thinned so labels do not collide.
    func drawXCategories(_ canvas: inout SVGCanvas, labels: [String], positions: [Double], label: String) {
        canvas.beginGroup([("class", "axis x-axis")])
        canvas.line(x1: plotLeft, y1: plotBottom, x2: plotRight, y2: plotBottom, stroke: ChartPalette.axis)
        let widest = Double(labels.map(\.count).max() ?? 1) * 6.5 + 8
        let every = max(1, Int((widest / max(1, plotWidth / Double(max(1, labels.count)))).rounded(.up)))
        for (i, text) in labels.enumerated() where i % every == 0 {
            canvas.line(x1: positions[i], y1: plotBottom, x2: positions[i], y2: plotBottom + 5, stroke: ChartPalette.axis)
            canvas.text(text, x: positions[i], y: plotBottom + 18, size: 11, anchor: "middle", fill: ChartPalette.axis)
        }
        canvas.text(label, x: plotLeft + plotWidth / 2, y: height - 10, size: 12, anchor: "middle", fill: ChartPalette.axis,
                    extra: [("class", "axis-label")])
        canvas.endGroup()
    }

    /// A legend row of (swatch, text) entries starting at (x, y), left to right.
    /// `swatch` draws each entry's symbol in a 16 × 10 box whose left edge is at the given x.
    func drawLegend(_ canvas: inout SVGCanvas, x: Double, y: Double, entries: [(label: String, swatch: (inout SVGCanvas, Double, Double) -> Void)]) {
        canvas.beginGroup([("class", "legend")])
        var cx = x
        for e in entries {
            e.swatch(&canvas, cx, y)
            canvas.text(e.label, x: cx + 20, y: y + 4, size: 11, fill: ChartPalette.axis)
            cx += 20 + ChartFormat.textWidth(e.label) + 14
        }
        canvas.endGroup()
    }
}
