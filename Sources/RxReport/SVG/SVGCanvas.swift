/// Builds one SVG document as text: a fixed-size canvas with an accessible title and description
/// (`role="img"`, `aria-label`, `<title>`, `<desc>`), and small drawing calls whose text and
/// attribute values from data are always escaped (``SVGText/escape(_:)``).
///
/// Coordinates are written to 0.01 px (``SVGCanvas/format(_:)``); numbers a reader may want back
/// exactly (a point's value and denominator) go into `data-*` attributes in full precision.
public struct SVGCanvas: Sendable {
    /// Width in px.
    public let width: Double
    /// Height in px.
    public let height: Double
    /// The chart's title (also its accessible name).
    public let title: String
    /// A longer description for assistive technology.
    public let description: String
    private var body: String = ""
    private var definitions: String = ""

    /// The font stack used for every text element.
    public static let fontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"

    /// A prefix for ids inside this document, so that several charts inlined in one HTML page do
    /// not share ids: `c` and a hash (FNV-1a) of the title, description and size —
    /// deterministic, so the same chart is the same text.
    public let idPrefix: String

    /// Creates an empty canvas.
    public init(width: Double, height: Double, title: String, description: String) {
        self.width = width
        self.height = height
        self.title = title
        self.description = description
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(title)\u{0}\(description)\u{0}\(width)x\(height)".utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        idPrefix = "c" + String(hash, radix: 36)
    }

    /// A coordinate or length as text: rounded to 0.01, no trailing zeros, never `-0`.
    public static func format(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e13 else { return "0" }
        let hundredths = Int64((abs(v) * 100).rounded())
        if hundredths == 0 { return "0" }
        let sign = v < 0 ? "-" : ""
        let whole = hundredths / 100, frac = hundredths % 100
        if frac == 0 { return "\(sign)\(whole)" }
        if frac % 10 == 0 { return "\(sign)\(whole).\(frac / 10)" }
        return "\(sign)\(whole).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// Attributes as text: ` name="value"` each, values escaped; nil values are left out.
    static func attributes(_ pairs: [(String, String?)]) -> String {
        var out = ""
        for (name, value) in pairs {
            guard let value else { continue }
            out += " \(name)=\"\(SVGText.escape(value))\""
        }
        return out
    }

    /// Adds markup to `<defs>` (clip paths, patterns).
    mutating func define(_ markup: String) { definitions += markup }

    /// Opens a group with attributes (close with ``endGroup()``).
    public mutating func beginGroup(_ attributes: [(String, String?)] = []) {
        body += "<g\(Self.attributes(attributes))>\n"
    }

    /// Closes the last group.
    public mutating func endGroup() { body += "</g>\n" }

    /// A line.
    public mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1,
                              dash: String? = nil, extra: [(String, String?)] = []) {
        body += "<line x1=\"\(Self.format(x1))\" y1=\"\(Self.format(y1))\" x2=\"\(Self.format(x2))\" y2=\"\(Self.format(y2))\""
            + Self.attributes([("stroke", stroke), ("stroke-width", Self.format(width)), ("stroke-dasharray", dash)] + extra)
            + "/>\n"
    }

    /// A rectangle; `tooltip` becomes a `<title>` child.
    public mutating func rect(x: Double, y: Double, width w: Double, height h: Double, fill: String, stroke: String? = nil,
                              tooltip: String? = nil, extra: [(String, String?)] = []) {
        let attrs = "<rect x=\"\(Self.format(x))\" y=\"\(Self.format(y))\" width=\"\(Self.format(max(0, w)))\" height=\"\(Self.format(max(0, h)))\""
            + Self.attributes([("fill", fill), ("stroke", stroke)] + extra)
        body += Self.close(attrs, element: "rect", tooltip: tooltip)
    }

    /// A circle; `tooltip` becomes a `<title>` child.
    public mutating func circle(cx: Double, cy: Double, r: Double, fill: String, stroke: String? = nil, tooltip: String? = nil,
                                extra: [(String, String?)] = []) {
        let attrs = "<circle cx=\"\(Self.format(cx))\" cy=\"\(Self.format(cy))\" r=\"\(Self.format(r))\""
            + Self.attributes([("fill", fill), ("stroke", stroke)] + extra)
        body += Self.close(attrs, element: "circle", tooltip: tooltip)
    }

    /// A path from path data `d` (built by ``SVGPath``); `tooltip` becomes a `<title>` child.
    public mutating func path(_ d: String, fill: String = "none", stroke: String? = nil, width: Double? = nil, dash: String? = nil,
                              tooltip: String? = nil, extra: [(String, String?)] = []) {
        let attrs = "<path d=\"\(SVGText.escape(d))\""
            + Self.attributes([("fill", fill), ("stroke", stroke), ("stroke-width", width.map(Self.format)),
                               ("stroke-dasharray", dash)] + extra)
        body += Self.close(attrs, element: "path", tooltip: tooltip)
    }

    /// A polyline through points; non-finite points break the line into pieces.
    public mutating func polyline(_ points: [(x: Double, y: Double)], stroke: String, width: Double = 1.5, dash: String? = nil,
                                  extra: [(String, String?)] = []) {
        var p = SVGPath()
        p.polyline(points)
        guard !p.isEmpty else { return }
        path(p.data, stroke: stroke, width: width, dash: dash, extra: [("stroke-linejoin", "round")] + extra)
    }

    /// Text at (x, y). `anchor`: start, middle or end. `rotate` turns it about (x, y) in degrees.
    public mutating func text(_ string: String, x: Double, y: Double, size: Double = 12, anchor: String = "start",
                              weight: String? = nil, fill: String = "#222222", rotate: Double? = nil,
                              baseline: String? = nil, extra: [(String, String?)] = []) {
        let transform = rotate.map { "rotate(\(Self.format($0)) \(Self.format(x)) \(Self.format(y)))" }
        body += "<text x=\"\(Self.format(x))\" y=\"\(Self.format(y))\""
            + Self.attributes([("font-size", Self.format(size)), ("text-anchor", anchor), ("font-weight", weight),
                               ("fill", fill), ("transform", transform), ("dominant-baseline", baseline)] + extra)
            + ">\(SVGText.escape(string))</text>\n"
    }

    /// A rectangular clip path; returns the value for a `clip-path` attribute
    /// (`url(#<prefix>-<name>)`).
    @discardableResult
    public mutating func clipRect(name: String, x: Double, y: Double, width w: Double, height h: Double) -> String {
        let id = "\(idPrefix)-\(name)"
        define("<clipPath id=\"\(SVGText.escape(id))\"><rect x=\"\(Self.format(x))\" y=\"\(Self.format(y))\" width=\"\(Self.format(w))\" height=\"\(Self.format(h))\"/></clipPath>\n")
        return "url(#\(id))"
    }

    static func close(_ open: String, element: String, tooltip: String?) -> String {
        guard let tooltip else { return open + "/>\n" }
        return open + "><title>\(SVGText.escape(tooltip))</title></\(element)>\n"
    }

    /// The complete document: XML declaration-free `<svg>` root (so it can be inlined in HTML or
    /// saved as a file), accessible name and description, definitions, then the drawing.
    public func document(id: String? = nil) -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\""
        out += " width=\"\(Self.format(width))\" height=\"\(Self.format(height))\" viewBox=\"0 0 \(Self.format(width)) \(Self.format(height))\""
        out += Self.attributes([("id", id), ("role", "img"), ("aria-label", title), ("font-family", Self.fontFamily)])
        out += ">\n<title>\(SVGText.escape(title))</title>\n<desc>\(SVGText.escape(description))</desc>\n"
        if !definitions.isEmpty { out += "<defs>\n\(definitions)</defs>\n" }
        out += "<rect x=\"0\" y=\"0\" width=\"\(Self.format(width))\" height=\"\(Self.format(height))\" fill=\"#ffffff\"/>\n"
        out += body
        out += "</svg>\n"
        return out
    }
}

/// Path data (`d`) built from moves, lines and closes, numbers by ``SVGCanvas/format(_:)``.
public struct SVGPath: Sendable {
    /// The path data so far.
    public private(set) var data: String = ""

    /// An empty path.
    public init() {}

    /// Whether nothing has been added.
    public var isEmpty: Bool { data.isEmpty }

    /// Starts a new subpath at (x, y).
    public mutating func move(_ x: Double, _ y: Double) {
        data += "M\(SVGCanvas.format(x)) \(SVGCanvas.format(y))"
    }

    /// A straight line to (x, y).
    public mutating func line(_ x: Double, _ y: Double) {
        data += "L\(SVGCanvas.format(x)) \(SVGCanvas.format(y))"
    }

    /// Closes the current subpath.
    public mutating func close() { data += "Z" }

    /// A polyline through points, starting a new piece after any non-finite point.
    public mutating func polyline(_ points: [(x: Double, y: Double)]) {
        var drawing = false
        for p in points {
            guard p.x.isFinite, p.y.isFinite else { drawing = false; continue }
            if drawing { line(p.x, p.y) } else { move(p.x, p.y); drawing = true }
        }
    }

    /// A closed polygon through points (at least three finite ones).
    public mutating func polygon(_ points: [(x: Double, y: Double)]) {
        let finite = points.filter { $0.x.isFinite && $0.y.isFinite }
        guard finite.count >= 3 else { return }
        move(finite[0].x, finite[0].y)
        for p in finite.dropFirst() { line(p.x, p.y) }
        close()
    }
}
