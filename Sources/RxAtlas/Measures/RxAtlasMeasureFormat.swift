import Foundation
import RxData

/// RxAtlas's own measure file format: one JSON object per file (see docs/MEASURES.md).
///
/// ```json
/// { "id": "ics_per_1000", "name": "…", "description": "…", "why_it_matters": "…",
///   "tags": ["respiratory"], "is_percentage": false, "low_is_good": true, "is_cost_based": false,
///   "numerator": { "type": "items", "bnf_codes": ["0302000C0 # Beclometasone"] },
///   "denominator": { "type": "list_size" },
///   "minimum_denominator": 1 }
/// ```
/// `type` is one of `items`, `quantity`, `actual_cost`, `nic`, `adq`, `list_size`;
/// `bnf_codes` holds OpenPrescribing filter lines and is absent for `list_size`.
public enum RxAtlasMeasureFormat {
    /// Whether a parsed JSON object is in this format (it has a `numerator` object).
    static func recognises(_ object: MeasureJSONObject) -> Bool {
        object.values["numerator"] is [String: Any]
    }

    /// Reads one definition.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - file: the file's path, for messages.
    /// - Throws: ``InputError`` naming the file and the field at fault.
    public static func decode(_ data: Data, file: String) throws -> MeasureDefinition {
        try decode(MeasureJSONObject.parse(data, file: file))
    }

    static func decode(_ o: MeasureJSONObject) throws -> MeasureDefinition {
        let id = try o.string("id")
        guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" || $0 == "." }) else {
            throw o.error("id", "must be non-empty letters, digits, '_', '-' or '.'")
        }
        let numerator = try side(o.object("numerator"))
        let denominator = try side(o.object("denominator"))
        // `"low_is_good": null`: neither direction is better.
        let noDirection = o.values["low_is_good"] is NSNull
        var m = MeasureDefinition(
            id: id,
            name: try o.string("name"),
            description: try o.text("description") ?? "",
            why: try o.text("why_it_matters") ?? "",
            tags: try o.strings("tags") ?? [],
            isPercentage: try o.bool("is_percentage"),
            lowIsGood: noDirection ? true : try o.bool("low_is_good"),
            isCostBased: try o.bool("is_cost_based", default: false),
            numerator: numerator,
            denominator: denominator,
            minimumDenominator: try o.number("minimum_denominator", default: 0))
        m.hasDirection = !noDirection
        return m
    }

    static func side(_ o: MeasureJSONObject) throws -> MeasureDefinition.Side {
        let type = try o.string("type")
        guard let quantity = MeasureDefinition.SideQuantity(rawValue: type) else {
            let known = MeasureDefinition.SideQuantity.allCases.map(\.rawValue).joined(separator: ", ")
            throw o.error("type", "unknown type '\(type)' (expected one of \(known))")
        }
        let label = try o.text("label").flatMap { $0.isEmpty ? nil : $0 }
        if quantity == .listSize {
            guard !o.has("bnf_codes") else { throw o.error("bnf_codes", "a list_size side takes no BNF codes") }
            return .init(quantity: .listSize, filter: nil, label: label)
        }
        return .init(quantity: quantity, filter: try o.filter("bnf_codes"), label: label)
    }

    /// Writes one definition in this format (filter comments are not kept: a filter holds
    /// its terms only).
    public static func encode(_ m: MeasureDefinition) throws -> Data {
        func side(_ s: MeasureDefinition.Side) -> [String: Any] {
            var out: [String: Any] = ["type": s.quantity.rawValue]
            if let label = s.label { out["label"] = label }
            if let f = s.filter {
                out["bnf_codes"] = f.terms.map { ($0.excludes ? "~" : "") + String(decoding: $0.pattern, as: UTF8.self) }
            }
            return out
        }
        let object: [String: Any] = [
            "id": m.id, "name": m.name, "description": m.description, "why_it_matters": m.why,
            "tags": m.tags, "is_percentage": m.isPercentage, "low_is_good": m.hasDirection ? m.lowIsGood as Any : NSNull(),
            "is_cost_based": m.isCostBased, "numerator": side(m.numerator), "denominator": side(m.denominator),
            "minimum_denominator": m.minimumDenominator,
        ]
        return try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
    }
}
