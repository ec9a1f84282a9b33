/// Numbers as chart labels: thousands separated by commas, at most `decimals` decimals with
/// trailing zeros dropped (`12,500`, `0.35`, `-4.2`).
public enum ChartFormat {
    /// A number for a `data-*` attribute: whole values without a decimal point, others in the
    /// shortest form that reads back to the very same double (so scripts and tests get the exact
    /// value the chart was drawn from); empty for NaN or an infinity.
    public static func exact(_ v: Double) -> String {
        guard v.isFinite else { return "" }
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// A label for `v`; an em dash for NaN or an infinity.
    public static func number(_ v: Double, decimals: Int = 2) -> String {
        guard v.isFinite else { return "—" }
        var scale = 1.0
        for _ in 0..<max(0, decimals) { scale *= 10 }
        let scaled = (abs(v) * scale).rounded()
        guard scaled < 9e15 else { return v < 0 ? "-" + String(Int64(abs(v))) : String(Int64(v)) }
        let units = Int64(scaled)
        let s = Int64(scale)
        let whole = units / s, frac = units % s
        var digits = String(whole)
        var grouped = ""
        while digits.count > 3 {
            grouped = "," + digits.suffix(3) + grouped
            digits.removeLast(3)
        }
        grouped = digits + grouped
        var out = (v < 0 && units != 0 ? "-" : "") + grouped
        if frac != 0 {
            var f = String(frac)
            f = String(repeating: "0", count: max(0, decimals - f.count)) + f
            while f.hasSuffix("0") { f.removeLast() }
            out += "." + f
        }
        return out
    }

    /// A label with as many decimals as a tick step needs (0 for steps ≥ 1, 1 for 0.1…, …).
    public static func tick(_ v: Double, step: Double) -> String {
        var decimals = 0
        var s = step
        while s < 1 && s > 0 && decimals < 6 { s *= 10; decimals += 1 }
        return number(v, decimals: decimals)
    }

    /// `text` cut to at most `limit` characters, ending in "…" when cut.
    public static func truncate(_ text: String, to limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(max(1, limit - 1))) + "…"
    }

    /// An estimate of `text`'s width in px at font size `size` in a sans-serif face (capitals
    /// and digits wider than lower case, spaces narrow), for laying out legends and labels
    /// without a font engine.
    public static func textWidth(_ text: String, size: Double = 11) -> Double {
        var em = 0.0
        for ch in text {
            if ch == " " { em += 0.28 } else if ch.isUppercase || ch.isNumber { em += 0.66 } else if "il.,:;'|!".contains(ch) { em += 0.3 }
            else { em += 0.55 }
        }
        return em * size
    }
}
