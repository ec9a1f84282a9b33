import Foundation
import Testing
@testable import RxReport

@Suite struct SVGCanvasTests {
    @Test func hostileTextIsEscapedEverywhere() throws {
        let hostile = "<script>alert(\"x\")</script> & 'quoted' \u{07}bell"
        #expect(SVGText.escape(hostile) == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;quoted&apos; bell")
        var c = SVGCanvas(width: 100, height: 50, title: hostile, description: hostile)
        c.text(hostile, x: 1, y: 2)
        c.circle(cx: 5, cy: 5, r: 2, fill: "#000", tooltip: hostile, extra: [("data-code", hostile)])
        let svg = c.document()
        #expect(!svg.contains("<script"))
        let parsed = try ParsedSVG(svg)
        let clean = hostile.replacingOccurrences(of: "\u{07}", with: "")
        // The parser reads back exactly the text given (minus the control character XML forbids).
        #expect(parsed.root.attr("aria-label") == clean)
        #expect(parsed.root.attr("role") == "img")
        #expect(try parsed.elements("desc").first?.stringValue == clean)
        #expect(try parsed.elements("text").first?.stringValue == clean)
        let circle = try #require(try parsed.elements("circle").first)
        #expect(circle.tooltip == clean && circle.attr("data-code") == clean)
    }

    @Test func idsDifferBetweenChartsAndRepeatForTheSameChart() throws {
        var a = SVGCanvas(width: 10, height: 10, title: "A", description: "d")
        var b = SVGCanvas(width: 10, height: 10, title: "B", description: "d")
        let ca = a.clipRect(name: "plot", x: 0, y: 0, width: 5, height: 5)
        let cb = b.clipRect(name: "plot", x: 0, y: 0, width: 5, height: 5)
        #expect(ca != cb && ca.hasPrefix("url(#c") && ca.hasSuffix("-plot)"))
        #expect(SVGCanvas(width: 10, height: 10, title: "A", description: "d").idPrefix == a.idPrefix)
        let doc = try ParsedSVG(a.document())
        #expect(try doc.elements("clipPath").first?.attr("id") == String(ca.dropFirst(5).dropLast()))
    }

    @Test func coordinatesAreShortAndExact() {
        #expect(SVGCanvas.format(12) == "12")
        #expect(SVGCanvas.format(12.345) == "12.35" || SVGCanvas.format(12.345) == "12.34")
        #expect(SVGCanvas.format(-0.001) == "0")
        #expect(SVGCanvas.format(-3.5) == "-3.5")
        #expect(SVGCanvas.format(0.05) == "0.05")
        #expect(SVGCanvas.format(.nan) == "0")
    }

    @Test func niceTicksAndLabels() {
        #expect(LinearScale.niceTicks(0, 100, count: 5) == [0, 20, 40, 60, 80, 100])
        #expect(LinearScale.niceStep(0.37) == 0.5)
        #expect(LinearScale.niceDomain(3, 97, count: 5) == (0, 100))
        let s = LinearScale(domain: 0, 10, range: 100, 0)
        #expect(s(0) == 100 && s(10) == 0 && s(5) == 50)
        #expect(ChartFormat.number(1234567.891) == "1,234,567.89")
        #expect(ChartFormat.number(-0.5) == "-0.5")
        #expect(ChartFormat.number(12, decimals: 0) == "12")
        #expect(ChartFormat.tick(0.3, step: 0.1) == "0.3")
        #expect(ChartFormat.truncate("Greater Manchester", to: 8) == "Greater…")
    }
}
