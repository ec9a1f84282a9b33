import RxData

/// One row of `values.csv` as typed numbers (undefined values nil), for readers that want the
/// rows rather than the file: the server answers with them, from the same percentiles and
/// intervals the CSV is written from.
public struct MeasureValueRow: Sendable, Equatable, Codable {
    /// The organisation's code.
    public var orgCode: String
    /// Its name, when known.
    public var orgName: String?
    /// `YYYY-MM`.
    public var month: String
    /// The numerator and denominator (zero-filled).
    public var numerator: Double, denominator: Double
    /// The value (× 100 for a percentage), OpenPrescribing's percentile, and the 95% interval;
    /// nil where undefined.
    public var value: Double?, percentile: Double?, lower95: Double?, upper95: Double?

    enum CodingKeys: String, CodingKey {
        case orgCode = "org_code", orgName = "org_name", month, numerator, denominator, value, percentile, lower95, upper95
    }
}

extension MeasureOutput {
    /// The `values.csv` rows of one measure × level table, in the file's order, restricted to the
    /// units `units` admits (all when nil).
    public static func valueRows(_ t: MeasureValues, definition def: MeasureDefinition,
                                 units: ((String) -> Bool)? = nil) -> [MeasureValueRow] {
        let percentiles = t.percentiles()
        let (lower, upper) = intervals(t, definition: def)
        func number(_ v: Double) -> Double? { v.isNaN ? nil : v }
        var out: [MeasureValueRow] = []
        for u in t.orgCodes.indices where units?(t.orgCodes[u]) ?? true {
            for m in t.months.indices {
                let i = t.index(unit: u, month: m)
                out.append(MeasureValueRow(orgCode: t.orgCodes[u], orgName: t.orgNames[u], month: t.months[m].description,
                                           numerator: t.numerator[i], denominator: t.denominator[i], value: number(t.value[i]),
                                           percentile: number(percentiles[i]), lower95: number(lower[i]), upper95: number(upper[i])))
            }
        }
        return out
    }
}
