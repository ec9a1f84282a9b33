import RxData

/// A hex-cartogram map: one equal-sized hexagon per area from a ``HexLayout`` (by default
/// England's 42 ICBs), filled by quintile class, labelled, with thick outlines between NHS
/// regions. Works with no boundary file, and gives every ICB the same visual weight whatever
/// its area.
///
/// Each hexagon is a `<path class="hex">` with `data-code` (E54), `data-ods`, `data-value` and
/// `data-quintile`.
public struct HexMap: Sendable {
    /// The chart's title.
    public var title: String
    /// A line under the title.
    public var subtitle: String?
    /// The legend's title.
    public var valueLabel: String
    /// The layout.
    public var layout: HexLayout
    /// Values by area code (E54 or ODS code).
    public var values: [String: Double]
    /// The classes (default: from the values of the areas in the layout).
    public var classes: QuintileClasses?
    /// Width in px.
    public var width: Double = 640
    /// Height in px; nil fits the layout to the width.
    public var height: Double? = nil

    /// Creates a map.
    public init(title: String, subtitle: String? = nil, valueLabel: String, layout: HexLayout, values: [String: Double],
                classes: QuintileClasses? = nil) {
        self.title = title
        self.subtitle = subtitle
        self.valueLabel = valueLabel
        self.layout = layout
        self.values = values
        self.classes = classes ?? QuintileClasses(values: layout.cells.compactMap { Self.value(of: $0, in: values) })
    }

    /// A hex map is drawn only when at least this share of the layout's areas have a value:
    /// a map of mostly grey hexagons says nothing.
    public static let minimumCoverage = 0.5

    /// The share of the layout's areas that have a value in `values`.
    public static func coverage(of values: [String: Double], layout: HexLayout) -> Double {
        guard !layout.cells.isEmpty else { return 0 }
        let covered = layout.cells.filter { value(of: $0, in: values).map(\.isFinite) ?? false }.count
        return Double(covered) / Double(layout.cells.count)
    }

    /// The value of a cell, by its E54 code or else its ODS code.
    static func value(of cell: HexLayout.Cell, in values: [String: Double]) -> Double? {
        values[cell.code] ?? values[cell.odsCode]
    }

    /// The SVG document.
    public func svg() -> String {
        let top = subtitle == nil ? 48.0 : 62.0, legendWidth = 190.0, pad = 16.0
        let maxCol = Double(layout.cells.map(\.column).max() ?? 0) + 1.5
        let maxRow = Double(layout.cells.map(\.row).max() ?? 0)
        // Hexagon size that fits: width √3·s per column, height 1.5·s per row plus 2·s.
        let fit = (width - legendWidth - 2 * pad) / (maxCol * 3.0.squareRoot())
        let height = max(self.height ?? (top + 2 * pad + (maxRow * 1.5 + 2) * fit), top + 150)
        let size = min(fit, (height - top - 2 * pad) / (maxRow * 1.5 + 2))
        let minCol = Double(layout.cells.map(\.column).min() ?? 0)
        let ox = pad + 3.0.squareRoot() / 2 * size - minCol * 3.0.squareRoot() * size, oy = top + pad + size
        let occupied = Dictionary(layout.cells.map { ("\($0.column),\($0.row)", $0.region) }, uniquingKeysWith: { a, _ in a })

        var counts = [Int](repeating: 0, count: 5)
        var missing = 0
        for cell in layout.cells {
            if let v = Self.value(of: cell, in: values), let q = classes?.classify(v) { counts[q] += 1 } else { missing += 1 }
        }
        var c = SVGCanvas(width: width, height: height, title: title,
                          description: "Hex map of \(layout.cells.count) areas, one equal hexagon each placed roughly where the area lies, shaded in five quintile classes of \(valueLabel)\(Set(layout.cells.map(\.region)).count > 1 ? "; thick lines separate NHS regions" : ""); \(missing) areas have no value.")
        ChartFrame.drawTitle(&c, title: title, subtitle: subtitle)

        c.beginGroup([("class", "hexes")])
        var regionEdges = SVGPath()
        for cell in layout.cells {
            let centre = HexLayout.centre(column: cell.column, row: cell.row, size: size)
            let cx = ox + centre.x, cy = oy + centre.y
            let corners = HexLayout.corners(x: cx, y: cy, size: size)
            var p = SVGPath()
            p.polygon(corners)
            let value = Self.value(of: cell, in: values)
            let q = value.flatMap { classes?.classify($0) }
            let tip = "\(cell.name) (\(cell.odsCode), \(cell.code)), \(cell.region): " + (value.map { ChartFormat.number($0) + " " + valueLabel } ?? "no value")
            c.path(p.data, fill: q.map { ChartPalette.quintiles[$0] } ?? ChartPalette.missing, stroke: "#FFFFFF", width: 1.5, tooltip: tip,
                   extra: [("class", q == nil ? "hex no-value" : "hex"), ("data-code", cell.code), ("data-ods", cell.odsCode),
                           ("data-value", value.map { ChartFormat.exact($0) }), ("data-quintile", q.map { String($0 + 1) })])
            c.text(cell.label, x: cx, y: cy + 4, size: max(7, min(11, size * 0.36)), anchor: "middle",
                   fill: q.map(ChartPalette.textOnQuintile) ?? "#333333", extra: [("pointer-events", "none")])
            for (k, n) in HexLayout.neighbours(column: cell.column, row: cell.row).enumerated()
            where occupied["\(n.column),\(n.row)"] != cell.region {
                regionEdges.move(corners[k].x, corners[k].y)
                regionEdges.line(corners[(k + 1) % 6].x, corners[(k + 1) % 6].y)
            }
        }
        c.endGroup()
        c.path(regionEdges.data, stroke: "#222222", width: 2, extra: [("class", "region-outlines"), ("stroke-linecap", "round")])
        MapLegend.draw(&c, x: width - legendWidth + 4, y: top + 16, title: valueLabel, classes: classes, counts: counts, missing: missing)
        if Set(layout.cells.map(\.region)).count > 1 {
            c.text("Thick lines: NHS England regions", x: width - legendWidth + 4, y: height - 14, size: 9, fill: "#777777")
        }
        return c.document()
    }
}
