import RxData

/// A choropleth of areas in quintile classes from a GeoJSON boundary file: each feature is
/// matched to a value by one of its properties (`--boundary-key`), filled with its class's viridis
/// colour (or light grey with no value), and drawn in British National Grid metres scaled
/// equally in x and y, north up.
///
/// Each area is a `<path class="area">` with `data-key`, `data-value` and `data-quintile`, and a
/// tooltip with its name and value. Vertices closer than a third of a pixel to the previous kept
/// one are dropped (each ring keeps at least its first three points).
public struct ChoroplethMap: Sendable {
    /// The chart's title.
    public var title: String
    /// A line under the title.
    public var subtitle: String?
    /// The legend's title (the measure's unit).
    public var valueLabel: String
    /// The boundaries.
    public var boundaries: GeoFeatureCollection
    /// Each feature's key (its `key` property).
    public var keys: [String]
    /// Each feature's display name (its `nameProperty`, else its key).
    public var names: [String]
    /// Values by key.
    public var values: [String: Double]
    /// The classes (default: from the values of the features drawn).
    public var classes: QuintileClasses?
    /// A source line under the map (e.g. the boundaries' licence: "Source: Office for National
    /// Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown
    /// copyright and database right").
    public var attribution: String?
    /// Size in px.
    public var width: Double = 760, height: Double = 720

    /// Creates a map.
    /// - Parameters:
    ///   - key: the property matched against `values`' keys.
    ///   - nameProperty: a property holding each area's name (default: the first property whose
    ///     name ends in `NM`/`nm`, else the key).
    /// - Throws: ``RxData/InputError`` when a feature lacks `key`.
    public init(title: String, subtitle: String? = nil, valueLabel: String, boundaries: GeoFeatureCollection, key: String,
                nameProperty: String? = nil, values: [String: Double], classes: QuintileClasses? = nil) throws {
        self.title = title
        self.subtitle = subtitle
        self.valueLabel = valueLabel
        self.boundaries = boundaries
        let keys = try boundaries.keys(key)
        self.keys = keys
        let nameKey = nameProperty ?? boundaries.features.first?.properties.keys.sorted().first { $0.lowercased().hasSuffix("nm") }
        names = boundaries.features.indices.map { boundaries.features[$0].properties[nameKey ?? key] ?? keys[$0] }
        self.values = values
        let drawn = keys.compactMap { values[$0] }
        self.classes = classes ?? QuintileClasses(values: drawn)
    }

    /// The keys of values that match no feature (a wrong `--boundary-key`, or areas missing from
    /// the file).
    public var unmatchedKeys: [String] {
        let present = Set(keys)
        return values.keys.filter { !present.contains($0) }.sorted()
    }

    /// The SVG document.
    public func svg() -> String {
        let points = boundaries.features.flatMap { $0.polygons.joined().joined() }
        let minX = points.map(\.x).min() ?? 0, maxX = points.map(\.x).max() ?? 1
        let minY = points.map(\.y).min() ?? 0, maxY = points.map(\.y).max() ?? 1
        let top = subtitle == nil ? 48.0 : 62.0, legendWidth = 180.0, pad = 12.0
        let availW = width - legendWidth - 2 * pad, availH = height - top - pad
        let scale = min(availW / max(1, maxX - minX), availH / max(1, maxY - minY))
        let offX = pad + (availW - (maxX - minX) * scale) / 2, offY = top + (availH - (maxY - minY) * scale) / 2
        func px(_ p: GridPoint) -> (x: Double, y: Double) {
            (offX + (p.x - minX) * scale, offY + (maxY - p.y) * scale)
        }

        var counts = [Int](repeating: 0, count: 5)
        var missing = 0
        for k in keys {
            if let v = values[k], let q = classes?.classify(v) { counts[q] += 1 } else { missing += 1 }
        }
        var c = SVGCanvas(width: width, height: height, title: title,
                          description: "Map of \(keys.count) areas shaded in five quintile classes of \(valueLabel), lightest highest; \(missing) areas have no value.")
        ChartFrame.drawTitle(&c, title: title, subtitle: subtitle)

        c.beginGroup([("class", "areas"), ("stroke", "#FFFFFF"), ("stroke-width", "0.6"), ("stroke-linejoin", "round")])
        for (i, feature) in boundaries.features.enumerated() {
            var path = SVGPath()
            for polygon in feature.polygons {
                for ring in polygon {
                    let pts = ring.map(px)
                    var kept: [(x: Double, y: Double)] = []
                    kept.reserveCapacity(pts.count)
                    for (j, p) in pts.enumerated() {
                        if let last = kept.last, j != pts.count - 1, abs(p.x - last.x) + abs(p.y - last.y) < 0.33 { continue }
                        kept.append(p)
                    }
                    path.polygon(kept.count >= 3 ? kept : pts)
                }
            }
            guard !path.isEmpty else { continue }
            let value = values[keys[i]]
            let q = value.flatMap { classes?.classify($0) }
            let tip = "\(names[i]) (\(keys[i])): " + (value.map { ChartFormat.number($0) + " " + valueLabel } ?? "no value")
            c.path(path.data, fill: q.map { ChartPalette.quintiles[$0] } ?? ChartPalette.missing, tooltip: tip,
                   extra: [("class", q == nil ? "area no-value" : "area"), ("fill-rule", "evenodd"), ("data-key", keys[i]),
                           ("data-value", value.map { ChartFormat.exact($0) }), ("data-quintile", q.map { String($0 + 1) })])
        }
        c.endGroup()
        MapLegend.draw(&c, x: width - legendWidth + 4, y: top + 16, title: valueLabel, classes: classes, counts: counts, missing: missing)
        c.text("Projection: British National Grid (EPSG:27700). Boundaries: \(boundaries.file.split(separator: "/").last.map(String.init) ?? "")",
               x: 16, y: height - (attribution == nil ? 8 : 20), size: 9, fill: "#777777")
        if let attribution { c.text(attribution, x: 16, y: height - 8, size: 9, fill: "#777777", extra: [("class", "attribution")]) }
        return c.document()
    }
}
