import Testing
@testable import RxData

@Suite("DecimalText")
struct DecimalTextTests {
    @Test("hand-worked values")
    func handWorked() {
        let cases: [(Double, String)] = [
            (0, "0"), (-0.0, "0"), (1, "1"), (-42, "-42"), (1e14, "100000000000000"),
            (0.1, "0.1"), (12.5, "12.5"), (-12.5, "-12.5"), (1.0 / 3, "0.333333333333333"),
            (2.0 / 3, "0.666666666666667"), (0.001, "0.001"), (0.00001, "0.00001"), (0.000123456, "0.000123456"),
            (99.99999999999999, "100"), (812345678.12345, "812345678.12345"), (9.5, "9.5"),
            (123456.789, "123456.789"), (0.9999999999999999, "1"), (1e-6, "1e-06"), (1.5e20, "1.5e+20"),
        ]
        for (v, text) in cases {
            #expect(DecimalText.string(v) == text, "\(v)")
        }
        #expect(DecimalText.string(.nan) == "")
        #expect(DecimalText.string(.infinity) == "")
    }

    @Test("exact fixed-point amounts print back exactly")
    func fixedPoint() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let units = Int64.random(in: -99_999_999_999_999...99_999_999_999_999, using: &rng)
            let v = Double(units) / 100_000
            // The exact decimal text of units × 10^-5, trailing zeros trimmed.
            let sign = units < 0 ? "-" : ""
            let whole = String(units.magnitude / 100_000)
            var frac = String(units.magnitude % 100_000)
            frac = String(repeating: "0", count: 5 - frac.count) + frac
            while frac.last == "0" { frac.removeLast() }
            let expected = units == 0 ? "0" : sign + whole + (frac.isEmpty ? "" : "." + frac)
            #expect(DecimalText.string(v) == expected)
        }
    }

    @Test("any value reads back within 15 significant digits")
    func readsBack() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<50_000 {
            let v = Double.random(in: 1...10, using: &rng) * [1e-5, 1e-3, 1, 1e3, 1e9, 1e14].randomElement(using: &rng)!
            let text = DecimalText.string(v)
            let back = Double(text)!
            #expect(abs(back - v) <= v * 1e-14, "\(v) → \(text)")
            let significant = text.filter(\.isNumber).drop { $0 == "0" }
            #expect(significant.count <= 15, "\(text)")
        }
    }

    @Test("CSVBuffer quotes as CSVWriter does and formats money")
    func buffer() {
        let b = CSVBuffer()
        let fields = ["plain", "a,b", "say \"hi\"", " lead", "trail ", "line\nbreak", ""]
        for f in fields { b.text(f) }
        b.endRow()
        b.integer(-7); b.number(0.25); b.number(nil as Double?); b.money(-12.3); b.money(0.005); b.money(-0.001)
        b.endRow()
        let expected = fields.map(CSVWriter.field).joined(separator: ",") + "\n-7,0.25,,-12.30,0.01,0.00\n"
        #expect(String(decoding: b.bytes, as: UTF8.self) == expected)
    }
}
