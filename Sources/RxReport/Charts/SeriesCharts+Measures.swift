import RxAtlas
import RxData

extension LineChart {
    /// Monthly values of some organisations on one measure (biosimilar uptake per ICB, say): one
    /// line per organisation, named by its name (else code), gaps where it has no value.
    /// - Parameter orgCodes: the organisations, in legend order (default: every unit of the
    ///   values); codes not among the units are left out.
    public init(values t: MeasureValues, orgCodes: [String]? = nil, title: String? = nil, valueLabel: String = "value",
                valueRange: ClosedRange<Double>? = nil) {
        let units = (orgCodes ?? t.orgCodes).compactMap { t.unitIndex($0) }
        self.init(title: title ?? t.measureID, subtitle: "\(MeasureOutput.levelName(t.level)), \(t.months.first.map(\.description) ?? "")–\(t.months.last.map(\.description) ?? "")",
                  valueLabel: valueLabel, categories: t.months.map(\.description),
                  series: units.map { u in
                      Series(name: t.orgNames[u] ?? t.orgCodes[u], values: t.months.indices.map { t.value(unit: u, month: $0) ?? .nan })
                  }, valueRange: valueRange)
    }
}

extension BarChart {
    /// Each organisation's saving over the months (the sum of its monthly savings at `decile`,
    /// by OpenPrescribing's method: ``RxAtlas/MeasureSavings``), largest first; an organisation
    /// already below the decile has a negative saving. With `.waterfall` the total bar is the sum
    /// of the positive savings drawn, as OpenPrescribing's totals count only positive savings.
    /// - Parameters:
    ///   - decile: 10, 20, …, 90.
    ///   - limit: at most this many organisations (the largest savings).
    public init(savings s: MeasureSavings, decile: Int = 50, limit: Int = 42, style: Style = .bars, title: String? = nil) {
        precondition(decile % 10 == 0 && (10...90).contains(decile), "decile must be 10, 20, …, 90")
        let k = decile / 10 - 1
        var totals: [(label: String, value: Double)] = []
        for u in s.orgCodes.indices {
            var sum = 0.0, any = false
            for t in s.months.indices {
                let v = s.saving(u * s.months.count + t, decile: k)
                if v.isFinite { sum += v; any = true }
            }
            if any { totals.append((s.orgNames[u] ?? s.orgCodes[u], sum)) }
        }
        totals.sort { $0.value != $1.value ? $0.value > $1.value : $0.label < $1.label }
        var bars = totals.prefix(limit).map { Bar(label: $0.label, value: $0.value) }
        if style == .waterfall { bars = bars.filter { $0.value > 0 } }
        let months = "\(s.months.first.map(\.description) ?? "")–\(s.months.last.map(\.description) ?? "")"
        self.init(title: title ?? s.measureID, subtitle: "Saving if each \(MeasureOutput.levelName(s.level)) prescribed at the \(decile)th percentile, \(months)",
                  valueLabel: "£", bars: bars, style: style, valuePrefix: "£")
    }
}
