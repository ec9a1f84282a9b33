import Foundation
import RxData
import Yams

/// OpenPrescribing's second measure format (`*.yaml`: `metadata`, `options`, `queries`), read as
/// it is with Yams.
///
/// - `options.type`: `prescribing_vs_list_size` → the numerator per 1,000 patients;
///   `prescribing_vs_prescribing` → the numerator as a percentage of the query's `denominator`.
/// - `options.output_value`: `items`, `quantity` or `cost` (actual cost, as the first format's
///   `bnf_cost`) on both sides; `custom` is refused by name: its computation is not in the file
///   (its code list is empty).
/// - One query: `bnf_codes` (prefixes) and `bnf_codes_excluded` (exclusions) on each side, `_`
///   standing for any product as `%` does in the first format (`0205040D0_AQ`);
///   `product_type` `all` (default), `branded` (product code not `AA`) or `generic` (`AA`), for
///   codes of at least a chemical's nine characters.
/// - Refused, each with its reason: an empty code list, a second query, a
///   `prescribing_vs_prescribing` without a denominator, and, without a dm+d release,
///   `forms`, `routes`, `form_routes` and `ingredient_ids`, which select through dm+d. With one
///   (``BNFCodeQueryResolver``) they select the dm+d objects whose form and route
///   (`ontformroute`, `tablet.oral`: `forms` the part before the dot, `routes` the part after,
///   `form_routes` the whole) or whose VMP's ingredients match, and the side's codes are theirs
///   that `bnf_codes` and its exclusions keep.
/// - `metadata`: `title` is the name; `description`, `why_it_matters`, `tags`; `low_is_good` when
///   given, else the measure has no direction (``MeasureDefinition/hasDirection``), as the format
///   states none.
public enum OpenPrescribingV2Format {
    /// Whether `file` is in this format (by its extension).
    public static func recognises(file: String) -> Bool {
        let ext = URL(fileURLWithPath: file).pathExtension.lowercased()
        return ext == "yaml" || ext == "yml"
    }

    /// Reads one definition; the id is the file name's stem.
    /// - Throws: ``RefusedMeasure`` naming every field at fault, or ``RxData/InputError`` for a
    ///   file that is not YAML.
    /// - Parameter codeQueries: resolves `forms`, `routes`, `form_routes` and `ingredient_ids`
    ///   through a dm+d release (nil: such a definition is refused).
    public static func decode(_ data: Data, file: String, codeQueries: (any BNFCodeQueryResolver)? = nil) throws -> MeasureDefinition {
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let root: [String: Any]
        do {
            guard let parsed = try Yams.load(yaml: String(decoding: data, as: UTF8.self)) as? [String: Any] else {
                throw InputError(file: file, reason: "a measure definition must be a YAML mapping")
            }
            root = parsed
        } catch let e as InputError {
            throw e
        } catch {
            throw InputError(file: file, reason: "not valid YAML: \(error)")
        }
        var problems: [InputError] = []
        func refuse(_ field: String, _ reason: String) { problems.append(InputError(file: file, field: field, reason: reason)) }
        let metadata = root["metadata"] as? [String: Any] ?? [:]
        let options = root["options"] as? [String: Any] ?? [:]
        let queries = root["queries"] as? [Any] ?? []

        let type = options["type"] as? String
        let output = options["output_value"] as? String
        var quantity: MeasureDefinition.SideQuantity?
        switch output {
        case "items": quantity = .items
        case "quantity": quantity = .quantity
        case "cost": quantity = .actualCost
        case "custom": refuse("options.output_value", "'custom': the computation is not in the file (its code list is empty)")
        default: refuse("options.output_value", "missing or unknown '\(output ?? "")' (expected items, quantity, cost or custom)")
        }
        if type != "prescribing_vs_list_size" && type != "prescribing_vs_prescribing" {
            refuse("options.type", "missing or unknown '\(type ?? "")' (expected prescribing_vs_list_size or prescribing_vs_prescribing)")
        }
        if queries.count != 1 { refuse("queries", "holds \(queries.count) queries; one is read") }
        let query = queries.first as? [String: Any] ?? [:]

        /// The codes a side's dm+d fields select, or nil when it has none.
        func dmdCodes(_ q: [String: Any], _ field: String) -> [String]? {
            let keys = ["forms", "routes", "form_routes", "ingredient_ids"].filter { q[$0] != nil }
            guard !keys.isEmpty else { return nil }
            guard let codeQueries else {
                for key in keys { refuse("\(field).\(key)", "selects through dm+d forms, routes or ingredients: give a dm+d release (--dmd)") }
                return nil
            }
            func quoted(_ key: String) -> String {
                (q[key] as? [Any] ?? []).map { "'" + "\($0)".replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ")
            }
            var sql = "SELECT DISTINCT o.bnf_code FROM vw__dmd_objs_with_form_route o WHERE o.bnf_code IS NOT NULL"
            if q["form_routes"] != nil { sql += " AND o.form_route IN (\(quoted("form_routes")))" }
            if q["routes"] != nil { sql += " AND substr(o.form_route, instr(o.form_route, '.') + 1) IN (\(quoted("routes")))" }
            if q["forms"] != nil { sql += " AND substr(o.form_route, 1, instr(o.form_route, '.') - 1) IN (\(quoted("forms")))" }
            if q["ingredient_ids"] != nil {
                let ids = (q["ingredient_ids"] as? [Any] ?? []).map { "\($0)" }.filter { $0.allSatisfy(\.isNumber) && !$0.isEmpty }
                sql += " AND o.vpid IN (SELECT vmp FROM dmd.vpi WHERE ing IN (\(ids.joined(separator: ", "))))"
            }
            do { return try codeQueries.codes(for: sql) } catch {
                refuse("\(field).\(keys[0])", "cannot run on \(codeQueries.source): \(error)")
                return nil
            }
        }

        func side(_ name: String) -> MeasureDefinition.Side? {
            let field = "queries[0].\(name)"
            guard let q = query[name] as? [String: Any] else {
                refuse(field, "missing")
                return nil
            }
            let fromDMD = dmdCodes(q, field)
            // The format's `_` (any product: `0205040D0_AQ`) is the first format's `%`.
            func terms(_ key: String) -> [String] {
                (q[key] as? [Any] ?? []).compactMap { $0 as? String }.filter { !$0.isEmpty }
                    .map { $0.replacingOccurrences(of: "_", with: "%") }
            }
            let codes = terms("bnf_codes"), excluded = terms("bnf_codes_excluded")
            if fromDMD != nil && codes.isEmpty && excluded.isEmpty {
                // dm+d alone selects: every code it gives.
                return finish(nil, dmd: fromDMD, field)
            }
            guard !codes.isEmpty else {
                refuse("\(field).bnf_codes", "is empty: the codes are not in the file")
                return nil
            }
            for (key, list) in [("bnf_codes", codes), ("bnf_codes_excluded", excluded)] where !list.isEmpty {
                do { _ = try BNFFilter(list) } catch {
                    refuse("\(field).\(key)", "\(error)")
                    return nil
                }
            }
            var lines = codes + excluded.map { "~" + $0 }
            switch q["product_type"] as? String ?? "all" {
            case "all": break
            case let kind where kind == "branded" || kind == "generic":
                guard codes.allSatisfy({ $0.count >= 9 }) else {
                    refuse("\(field).product_type", "'\(kind)' needs codes of at least a chemical's nine characters")
                    return nil
                }
                let chemicals = Set(codes.map { String($0.prefix(9)) }).sorted()
                if kind == "branded" {
                    lines += chemicals.map { "~\($0)AA" }
                } else {
                    lines = codes.map { $0.count > 9 ? $0 : $0 + "AA" } + excluded.map { "~" + $0 }
                    // A code longer than nine characters must itself be generic.
                    if codes.contains(where: { $0.count > 9 && !$0.dropFirst(9).hasPrefix("AA") }) {
                        refuse("\(field).product_type", "'generic' with a branded code in bnf_codes")
                    }
                }
            case let other:
                refuse("\(field).product_type", "unknown '\(other)' (expected all, branded or generic)")
                return nil
            }
            do { return finish(try BNFFilter(lines), dmd: fromDMD, field) } catch {
                refuse("\(field).bnf_codes", "\(error)")
                return nil
            }
        }

        /// A side from its BNF filter and the codes its dm+d fields select (the codes the
        /// filter keeps; zero everywhere, with a note, when none is left).
        func finish(_ filter: BNFFilter?, dmd: [String]?, _ field: String) -> MeasureDefinition.Side? {
            guard let quantity else { return nil }
            let label = metadata["\(field.hasSuffix("numerator") ? "numerator" : "denominator")_short"] as? String
            guard let dmd else { return .init(quantity: quantity, filter: filter, label: label) }
            let codes = MeasureDefinition.Side.codes(fromQuery: dmd, filter: filter)
            var side = MeasureDefinition.Side(quantity: quantity, filter: try? BNFFilter(codes: codes), label: label)
            if codes.isEmpty { side.terms = [] }
            return side
        }

        let numeratorSide = side("numerator")
        var denominator: MeasureDefinition.Side?
        if type == "prescribing_vs_prescribing" {
            if query["denominator"] == nil {
                refuse("queries[0].denominator", "missing: a prescribing_vs_prescribing measure needs a denominator query")
            } else {
                denominator = side("denominator")
            }
        } else {
            denominator = .init(quantity: .listSize, filter: nil, label: metadata["denominator_short"] as? String)
        }
        let lowIsGood = metadata["low_is_good"] as? Bool
        guard problems.isEmpty, let numeratorSide, let quantity, let denominator else {
            throw RefusedMeasure(file: file, errors: problems.isEmpty ? [InputError(file: file, reason: "cannot be read")] : problems)
        }
        func text(_ key: String) -> String {
            if let s = metadata[key] as? String { return s }
            if let lines = metadata[key] as? [Any] { return lines.compactMap { $0 as? String }.joined(separator: " ") }
            return ""
        }
        var m = MeasureDefinition(
            id: stem, name: text("title").isEmpty ? stem : text("title"),
            description: text("description").isEmpty ? "OpenPrescribing measure \(stem)" : text("description"),
            why: text("why_it_matters"), tags: (metadata["tags"] as? [Any] ?? []).compactMap { $0 as? String },
            isPercentage: type == "prescribing_vs_prescribing", lowIsGood: lowIsGood ?? true, isCostBased: quantity == .actualCost,
            numerator: numeratorSide, denominator: denominator)
        m.hasDirection = lowIsGood != nil
        m.profile = .openPrescribing
        m.noteEmptySides(source: codeQueries?.source)
        return m
    }
}
