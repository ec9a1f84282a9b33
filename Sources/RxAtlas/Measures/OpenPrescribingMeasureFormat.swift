import Foundation
import RxData

/// OpenPrescribing's measure definitions (`openprescribing/measures/definitions/*.json`), read
/// as they are.
///
/// The id is the file name's stem. `numerator_type`/`denominator_type` map `bnf_items` → items,
/// `bnf_quantity` → quantity, `bnf_cost` → actual cost and `list_size` → list size (per 1,000
/// patients); the BNF selection is `numerator_bnf_codes_filter`/`denominator_bnf_codes_filter`.
/// Long texts written as lists of lines are joined with spaces, as OpenPrescribing does.
///
/// Definitions that rely on SQL are refused with an error naming the file and the field:
/// the `custom` type, `*_columns`/`*_from`/`*_where`, and `*_bnf_codes_query` (a query over
/// dm+d views that cannot be expressed as a BNF filter).
public enum OpenPrescribingMeasureFormat {
    /// Whether a parsed JSON object is in this format (it has a `numerator_type`).
    static func recognises(_ object: MeasureJSONObject) -> Bool {
        object.has("numerator_type")
    }

    /// Reads one definition.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - file: the file's path; its stem is the measure id.
    /// - Throws: ``InputError`` naming the file and the field at fault.
    public static func decode(_ data: Data, file: String) throws -> MeasureDefinition {
        try decode(MeasureJSONObject.parse(data, file: file))
    }

    static func decode(_ o: MeasureJSONObject) throws -> MeasureDefinition {
        let stem = URL(fileURLWithPath: o.file).deletingPathExtension().lastPathComponent
        guard !stem.isEmpty else { throw InputError(file: o.file, reason: "the file name gives no measure id") }
        let numerator = try side("numerator", o)
        let denominator = try side("denominator", o)
        let description = try o.text("description") ?? ""
        return MeasureDefinition(
            id: stem,
            name: try o.text("name", required: true) ?? stem,
            description: description.isEmpty ? "OpenPrescribing measure \(stem)" : description,
            why: try o.text("why_it_matters") ?? "",
            tags: try o.strings("tags") ?? [],
            isPercentage: try o.bool("is_percentage", lenient: true),
            lowIsGood: try o.bool("low_is_good", default: true, lenient: true),
            isCostBased: try o.bool("is_cost_based", default: false, lenient: true),
            numerator: numerator,
            denominator: denominator,
            minimumDenominator: 0)
    }

    /// The fields that carry SQL; their presence refuses the definition.
    static let sqlFields = ["columns", "from", "where", "bnf_codes_query"]

    static func side(_ prefix: String, _ o: MeasureJSONObject) throws -> MeasureDefinition.Side {
        let typeKey = prefix + "_type"
        let type = try o.string(typeKey)
        if type == "custom" {
            throw o.error(typeKey, "custom-SQL measure refused: type 'custom' is computed by SQL that RxAtlas does not run; rewrite it with BNF filters in RxAtlas's format")
        }
        for suffix in sqlFields where o.has(prefix + "_" + suffix) {
            throw o.error(prefix + "_" + suffix, "custom-SQL measure refused: '\(prefix)_\(suffix)' selects by SQL that cannot be mapped to a BNF filter; rewrite it with BNF filters in RxAtlas's format")
        }
        let quantity: MeasureDefinition.SideQuantity
        switch type {
        case "bnf_items": quantity = .items
        case "bnf_quantity": quantity = .quantity
        case "bnf_cost": quantity = .actualCost
        case "list_size": quantity = .listSize
        default:
            throw o.error(typeKey, "unknown type '\(type)' (expected bnf_items, bnf_quantity, bnf_cost or list_size)")
        }
        let filterKey = prefix + "_bnf_codes_filter"
        let label = try o.text(prefix + "_short").flatMap { $0.isEmpty ? nil : $0 }
        if quantity == .listSize {
            return .init(quantity: .listSize, filter: nil, label: label)
        }
        guard o.has(filterKey) else { throw o.error(filterKey, "missing (needed for type '\(type)')") }
        return .init(quantity: quantity, filter: try o.filter(filterKey), label: label)
    }
}
