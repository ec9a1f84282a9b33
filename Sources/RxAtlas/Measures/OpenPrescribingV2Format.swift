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
    /// - Parameter firstFormat: OpenPrescribing's first-format definitions, for files whose
    ///   code list is empty (``FirstFormatCodes``).
    public static func decode(_ data: Data, file: String, codeQueries: (any BNFCodeQueryResolver)? = nil,
                              firstFormat: FirstFormatCodes? = nil) throws -> MeasureDefinition {
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
        var notes: [String] = []
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
            func raw(_ key: String) -> [String] { (q[key] as? [Any] ?? []).compactMap { $0 as? String } }
            // The format's `_` (any product: `0205040D0_AQ`) is the first format's `%`.
            func terms(_ key: String) -> [String] {
                raw(key).filter { !$0.isEmpty }.map { $0.replacingOccurrences(of: "_", with: "%") }
            }
            var codes = terms("bnf_codes"), excluded = terms("bnf_codes_excluded")
            if fromDMD != nil && codes.isEmpty && excluded.isEmpty {
                // dm+d alone selects: every code it gives.
                return finish(nil, dmd: fromDMD, field)
            }
            guard !codes.isEmpty else { return fromFirstFormat(name, field) }
            // A term longer than a BNF code, with no wildcard, matches no code: OpenPrescribing's
            // prefix match selects or excludes nothing by it, and so does RxAtlas, with a note.
            for (key, list) in [("bnf_codes", codes), ("bnf_codes_excluded", excluded)] {
                for term in list where term.count > 15 && !term.contains("%") {
                    notes.append("its \(name)'s \(key) term '\(term)' has \(term.count) characters, so no BNF code starts with it "
                                 + "and it \(key == "bnf_codes" ? "selects" : "excludes") nothing, as in OpenPrescribing")
                }
            }
            // `%` is not part of this format (its `_` is); read as the first format's wildcard,
            // as the files' comments mean it ("brand and generic"), and said.
            for (key, list) in [("bnf_codes", raw("bnf_codes")), ("bnf_codes_excluded", raw("bnf_codes_excluded"))] {
                for term in list where term.contains("%") {
                    notes.append("its \(name)'s \(key) term '\(term)' has '%', read as the first format's wildcard (any characters); "
                                 + "OpenPrescribing's second version matches a term as a prefix, where it would match no code")
                }
            }
            codes = codes.filter { $0.count <= 15 || $0.contains("%") }
            excluded = excluded.filter { $0.count <= 15 || $0.contains("%") }
            if codes.isEmpty {
                guard let quantity else { return nil }
                var side = MeasureDefinition.Side(quantity: quantity, filter: nil, label: nil)
                side.terms = []
                return side
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

        /// A side whose codes are not in the file, from the first-format definition of the same
        /// name: its selection (a code list, a dm+d query's codes), counted as this file's
        /// `output_value` says. Refused when none is given, it cannot run, or it computes the side
        /// by SQL rather than selecting codes.
        func fromFirstFormat(_ name: String, _ field: String) -> MeasureDefinition.Side? {
            let missing = query[name] == nil ? "missing" : "empty: the codes are not in the file"
            guard let firstFormat else {
                refuse(query[name] == nil ? field : "\(field).bnf_codes",
                       "\(missing) (give OpenPrescribing's first-format definitions with --first-format to take them from \(stem).json)")
                return nil
            }
            if let refused = firstFormat.refused[stem] {
                refuse(query[name] == nil ? field : "\(field).bnf_codes",
                       "\(missing), and \(refused.file) cannot run: " + refused.reasons.map { ($0.field.map { "\($0): " } ?? "") + $0.reason }.joined(separator: "; "))
                return nil
            }
            guard let v1 = firstFormat.definitions[stem] else {
                refuse(query[name] == nil ? field : "\(field).bnf_codes", "\(missing), and the first-format definitions hold no \(stem).json")
                return nil
            }
            let other = name == "numerator" ? v1.numerator : v1.denominator
            guard other.bands == nil, other.terms == nil || other.terms == [], other.quantity != .listSize else {
                refuse(query[name] == nil ? field : "\(field).bnf_codes",
                       "\(missing), and \(stem).json's \(name) is not a code list (it is computed by SQL or counts patients)")
                return nil
            }
            guard let quantity else { return nil }
            var side = MeasureDefinition.Side(quantity: quantity, filter: other.filter,
                                              label: metadata["\(name)_short"] as? String ?? other.label)
            side.terms = other.terms
            notes.append("its \(name)'s codes are \(stem).json's (OpenPrescribing's first format): this file's code list is "
                         + (query[name] == nil ? "missing" : "empty"))
            notes += v1.notes.filter { $0.hasPrefix("its \(name)") }
            return side
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
                if firstFormat == nil {
                    refuse("queries[0].denominator", "missing: a prescribing_vs_prescribing measure needs a denominator query")
                } else {
                    denominator = fromFirstFormat("denominator", "queries[0].denominator")
                }
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
        m.notes += notes.filter { !m.notes.contains($0) }
        return m
    }

    /// OpenPrescribing's first-format definitions by id, read beside the second format's: a
    /// second-format file whose code list is empty (`bnf_codes: [""]`, 12 of OpenPrescribing's
    /// files besides the `custom` ones, whose first-format versions select by a dm+d query)
    /// takes that side's codes from the first-format definition of the same name, and says so
    /// in its notes.
    public struct FirstFormatCodes: Sendable {
        /// The first-format definitions that run, by id.
        public var definitions: [String: MeasureDefinition]
        /// The ones that cannot run, by id.
        public var refused: [String: RefusedMeasure]

        /// The first-format definitions as loaded (``MeasureLibrary/loadRunnable(paths:codeQueries:firstFormat:)``).
        public init(_ loaded: MeasureLibrary.Loaded) {
            definitions = Dictionary(loaded.definitions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            refused = Dictionary(loaded.refused.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        }
    }
}
