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
/// `*_bnf_codes_query` (SQL over dm+d, written for BigQuery) is run through a
/// ``BNFCodeQueryResolver`` when one is given (`--dmd FILE`, a release imported with `rxatlas
/// dmd import`): its codes, filtered by `*_bnf_codes_filter` when both are present, become the
/// side's code list, as OpenPrescribing computes them. Without one, or when the query cannot run
/// or selects nothing, the definition is refused. The `custom` type (SQL over the prescribing
/// rows) is refused. Refusals name the file and every field at fault, not only the first. `*_columns`, `*_from` and `*_where` are read
/// by OpenPrescribing only for the `custom` type; beside a `bnf_*` or `list_size` type they are
/// ignored, as OpenPrescribing ignores them (`vitamind`'s `numerator_where: 1 = 1`).
public enum OpenPrescribingMeasureFormat {
    /// Whether a parsed JSON object is in this format (it has a `numerator_type`).
    static func recognises(_ object: MeasureJSONObject) -> Bool {
        object.has("numerator_type")
    }

    /// Reads one definition.
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - file: the file's path; its stem is the measure id.
    /// - Throws: ``RefusedMeasure`` naming every field at fault, or ``InputError`` for a file
    ///   that is not a JSON object.
    ///   - codeQueries: runs `*_bnf_codes_query` (nil: such a definition is refused).
    public static func decode(_ data: Data, file: String, codeQueries: (any BNFCodeQueryResolver)? = nil) throws -> MeasureDefinition {
        try decode(MeasureJSONObject.parse(data, file: file), codeQueries: codeQueries)
    }

    static func decode(_ o: MeasureJSONObject, codeQueries: (any BNFCodeQueryResolver)? = nil) throws -> MeasureDefinition {
        let stem = URL(fileURLWithPath: o.file).deletingPathExtension().lastPathComponent
        guard !stem.isEmpty else { throw InputError(file: o.file, reason: "the file name gives no measure id") }
        var problems: [InputError] = []
        func attempt<T>(_ body: () throws -> T) -> T? {
            do { return try body() } catch let e as InputError {
                problems.append(e)
                return nil
            } catch {
                problems.append(InputError(file: o.file, reason: "\(error)"))
                return nil
            }
        }
        let numerator = attempt { try side("numerator", o, codeQueries: codeQueries) }
        let denominator = attempt { try side("denominator", o, codeQueries: codeQueries) }
        let name = attempt { try o.text("name", required: true) ?? stem }
        let description = attempt { try o.text("description") ?? "" }
        let why = attempt { try o.text("why_it_matters") ?? "" }
        let tags = attempt { try o.strings("tags") ?? [] }
        let isPercentage = attempt { try o.bool("is_percentage", lenient: true) }
        // `low_is_good: null` is OpenPrescribing's "no direction".
        let noDirection = o.values["low_is_good"] is NSNull
        let lowIsGood = noDirection ? true : attempt { try o.bool("low_is_good", default: true, lenient: true) }
        let isCostBased = attempt { try o.bool("is_cost_based", default: false, lenient: true) }
        guard problems.isEmpty, let numerator, let denominator, let name, let description, let why, let tags,
              let isPercentage, let lowIsGood, let isCostBased else {
            throw RefusedMeasure(file: o.file, errors: problems)
        }
        var definition = MeasureDefinition(
            id: stem,
            name: name,
            description: description.isEmpty ? "OpenPrescribing measure \(stem)" : description,
            why: why,
            tags: tags,
            isPercentage: isPercentage,
            lowIsGood: lowIsGood,
            isCostBased: isCostBased,
            numerator: numerator,
            denominator: denominator,
            minimumDenominator: 0)
        definition.hasDirection = !noDirection
        definition.profile = .openPrescribing
        definition.noteEmptySides(source: codeQueries?.source)
        if isCostBased && isPercentage {
            do {
                definition.percentageCosts = try percentageCosts(o, numerator: numerator, denominator: denominator, codeQueries: codeQueries)
            } catch {
                definition.notes.append("its savings are not computed: \(error)")
            }
        }
        if let codeQueries {
            for prefix in ["numerator", "denominator"] {
                for field in ["_columns", "_from", "_where", "_" + queryField] where o.has(prefix + field) {
                    let sql = (try? o.text(prefix + field)) ?? nil
                    definition.notes += codeQueries.notes(forSQL: sql ?? "").map { "its \(prefix)\(field) \($0)" }
                }
            }
        }
        return definition
    }

    /// A cost-based percentage measure's cost and quantity over each side's rows, as
    /// OpenPrescribing's pipeline adds `SUM(items) AS items, SUM(actual_cost) AS cost,
    /// SUM(quantity) AS quantity` to each side's SQL for its savings: a side selecting codes
    /// gives the same codes' actual cost and quantity; a `custom` side runs its own FROM and
    /// WHERE with those columns through `codeQueries`.
    /// - Throws: when a side counts patients, or its SQL cannot give those sums.
    static func percentageCosts(_ o: MeasureJSONObject, numerator: MeasureDefinition.Side, denominator: MeasureDefinition.Side,
                                codeQueries: (any BNFCodeQueryResolver)?) throws -> MeasureDefinition.PercentageCostSides {
        func costs(_ prefix: String, _ side: MeasureDefinition.Side) throws -> (MeasureDefinition.Side, MeasureDefinition.Side) {
            guard side.quantity != .listSize, side.bands == nil else {
                throw InputError(file: o.file, field: prefix + "_type", reason: "a percentage of patients has no cost to save")
            }
            if try o.string(prefix + "_type") == "custom" {
                guard let codeQueries else { throw InputError(file: o.file, field: prefix + "_type", reason: "custom SQL needs a dm+d release") }
                let from = try o.text(prefix + "_from") ?? "", clause = try o.text(prefix + "_where") ?? "1 = 1"
                var cost = MeasureDefinition.Side(quantity: .actualCost, filter: nil)
                cost.terms = try codeQueries.customSide(columns: "SUM(actual_cost) AS cost", from: from, where: clause)
                var quantity = MeasureDefinition.Side(quantity: .quantity, filter: nil)
                quantity.terms = try codeQueries.customSide(columns: "SUM(quantity) AS quantity", from: from, where: clause)
                return (cost, quantity)
            }
            typealias Costs = MeasureDefinition.PercentageCostSides
            return (Costs.selecting(like: side, .actualCost), Costs.selecting(like: side, .quantity))
        }
        let (nc, nq) = try costs("numerator", numerator), (dc, dq) = try costs("denominator", denominator)
        return .init(numeratorCost: nc, numeratorQuantity: nq, denominatorCost: dc, denominatorQuantity: dq)
    }

    /// The field that selects codes by a dm+d query; its presence refuses the definition.
    static let queryField = "bnf_codes_query"

    static func side(_ prefix: String, _ o: MeasureJSONObject, codeQueries: (any BNFCodeQueryResolver)? = nil) throws -> MeasureDefinition.Side {
        let typeKey = prefix + "_type"
        let type = try o.string(typeKey)
        if type == "custom", let from = try o.text(prefix + "_from"), from.contains("practice_statistics") {
            // A denominator of age–sex bands of the list: no SQL run, the bands are read.
            let columns = try o.text(prefix + "_columns", required: true) ?? ""
            let clause = try o.text(prefix + "_where") ?? "1 = 1"
            guard let bands = ListBandsReading.read(columns: columns, where: clause) else {
                throw o.error(prefix + "_columns", "type 'custom' over practice_statistics is read as a sum of age–sex bands (SUM(male_0_4 + female_0_4), "
                              + "optionally / 1000.0, where 1 = 1 or one band > N); this one is not")
            }
            var side = MeasureDefinition.Side(quantity: .listSize, filter: nil, label: try o.text(prefix + "_short").flatMap { $0.isEmpty ? nil : $0 })
            side.bands = bands
            return side
        }
        if type == "custom" {
            guard let codeQueries else {
                throw o.error(typeKey, "type 'custom' is computed by SQL: give a dm+d release (--dmd) to run it as a weighted sum, where it is one")
            }
            let columns = try o.text(prefix + "_columns", required: true) ?? ""
            let from = try o.text(prefix + "_from", required: true) ?? ""
            let clause = try o.text(prefix + "_where") ?? "1 = 1"
            let terms: [MeasureDefinition.WeightedTerm]
            do { terms = try codeQueries.customSide(columns: columns, from: from, where: clause) } catch {
                throw o.error(typeKey, "type 'custom' cannot run on \(codeQueries.source): \(error)")
            }
            let column = terms.first?.column ?? .items
            let quantity = MeasureDefinition.SideQuantity.allCases.first { $0.measure == column } ?? .items
            var side = MeasureDefinition.Side(quantity: quantity, filter: nil, label: try o.text(prefix + "_short").flatMap { $0.isEmpty ? nil : $0 })
            side.terms = terms
            return side
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
        let queryKey = prefix + "_" + queryField
        let label = try o.text(prefix + "_short").flatMap { $0.isEmpty ? nil : $0 }
        if quantity == .listSize {
            return .init(quantity: .listSize, filter: nil, label: label)
        }
        if o.has(queryKey) {
            guard let codeQueries else {
                throw o.error(queryKey, "selects its codes by SQL over dm+d: import a dm+d release with `rxatlas dmd import` and give it with --dmd")
            }
            let sql = try o.text(queryKey) ?? ""
            let filter = o.has(filterKey) ? try o.filter(filterKey) : nil
            let result: [String]
            do { result = try codeQueries.codes(for: sql) } catch {
                throw o.error(queryKey, "cannot run on \(codeQueries.source): \(error)")
            }
            let codes = MeasureDefinition.Side.codes(fromQuery: result, filter: filter)
            guard !codes.isEmpty else {
                // Nothing selected: the side is zero everywhere, as OpenPrescribing computes it
                // (``MeasureDefinition/notes`` says so).
                var side = MeasureDefinition.Side(quantity: quantity, filter: nil, label: label)
                side.terms = []
                return side
            }
            return .init(quantity: quantity, filter: try BNFFilter(codes: codes), label: label)
        }
        guard o.has(filterKey) else { throw o.error(filterKey, "missing (needed for type '\(type)')") }
        return .init(quantity: quantity, filter: try o.filter(filterKey), label: label)
    }
}
