/// The quintile legend shared by the choropleth and the hex map: a viridis swatch with its class
/// range for every class that holds an area (an empty class is left out), then "no value", in a
/// column from (x, y).
enum MapLegend {
    static func draw(_ c: inout SVGCanvas, x: Double, y: Double, title: String, classes: QuintileClasses?, counts: [Int], missing: Int) {
        c.beginGroup([("class", "legend")])
        c.text(title, x: x, y: y, size: 11, weight: "bold", fill: ChartPalette.axis)
        var row = y + 10
        if let classes {
            for k in 0..<5 where counts[k] > 0 {
                c.rect(x: x, y: row, width: 18, height: 14, fill: ChartPalette.quintiles[k], stroke: "#666666",
                       extra: [("class", "legend-swatch"), ("data-quintile", String(k + 1))])
                c.text("Q\(k + 1): \(classes.label(k)) (\(counts[k]))", x: x + 24, y: row + 11, size: 11, fill: ChartPalette.axis)
                row += 18
            }
        }
        if missing > 0 || classes == nil {
            c.rect(x: x, y: row, width: 18, height: 14, fill: ChartPalette.missing, stroke: "#666666")
            c.text("no value (\(missing))", x: x + 24, y: row + 11, size: 11, fill: ChartPalette.axis)
        }
        c.endGroup()
    }
}
