import Foundation
import RxData
import RxReference

extension BiosimilarCatalogue {
    /// The columns a catalogue file must have.
    public static let requiredColumns = ["molecule", "chemical", "product", "role"]
    /// Every column a catalogue file may have, in the built-in file's order.
    public static let columns = ["molecule", "chemical", "product", "equivalent", "role", "brand", "group", "unit",
                                 "factor", "reason", "status", "evidence"]

    /// Reads a catalogue CSV (plain, `.gz` or `.zip`).
    /// - Throws: ``RxData/InputError`` naming the file, line and field at fault.
    public static func load(path: String) throws -> BiosimilarCatalogue {
        try parse(records: CSVRecordReader.read(path: path), file: path)
    }

    /// The built-in catalogue (`Sources/RxReference/reference/biosimilars.csv`), or the file at `path`.
    public static func builtIn(path: String? = nil) throws -> BiosimilarCatalogue {
        if let path { return try load(path: path) }
        return try load(path: ReferenceFiles.locate(builtInRelativePath, hint: "pass a catalogue with --catalogue FILE"))
    }

    /// Parses catalogue records: a header, then one row per record. Blank records and records
    /// whose first field starts with `#` are comments.
    public static func parse(records: [CSVRecord], file: String) throws -> BiosimilarCatalogue {
        guard let first = records.firstIndex(where: { !$0.isBlank && !$0.trimmed(0).hasPrefix("#") }) else {
            throw InputError(file: file, reason: "empty catalogue: no header")
        }
        let header = CSVHeader(records[first])
        for name in requiredColumns where header.index(of: name) == nil {
            throw InputError(file: file, line: header.line, field: name, reason: "missing column (required: \(requiredColumns.joined(separator: ", ")))")
        }
        func value(_ r: CSVRecord, _ name: String) -> String { header.index(of: name).map { r.trimmed($0) } ?? "" }
        func isCode(_ s: String, _ n: Int) -> Bool {
            s.utf8.count == n && s.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }
        }
        var entries: [BiosimilarCatalogueEntry] = []
        for r in records[(first + 1)...] where !r.isBlank && !r.trimmed(0).hasPrefix("#") {
            func fail(_ field: String, _ reason: String) -> InputError {
                InputError(file: file, line: r.line, field: field, reason: reason)
            }
            let molecule = value(r, "molecule")
            guard !molecule.isEmpty else { throw fail("molecule", "empty") }
            let chemical = value(r, "chemical").uppercased()
            guard isCode(chemical, 9) else { throw fail("chemical", "'\(chemical)' is not a 9-character BNF chemical code") }
            let productText = value(r, "product").uppercased()
            guard productText == "*" || isCode(productText, 2) else {
                throw fail("product", "'\(productText)' is neither a 2-character product code (characters 10–11) nor *")
            }
            let product = productText == "*" ? nil : productText
            let equivalentText = value(r, "equivalent").uppercased()
            guard equivalentText.isEmpty || isCode(equivalentText, 2) else {
                throw fail("equivalent", "'\(equivalentText)' is not a 2-character strength/form code (characters 14–15)")
            }
            let equivalent = equivalentText.isEmpty ? nil : equivalentText
            let roleText = value(r, "role").lowercased()
            var role: BiosimilarRole? = nil
            if !roleText.isEmpty {
                guard let parsed = BiosimilarRole(rawValue: roleText), parsed != .unclassified else {
                    throw fail("role", "'\(roleText)' is not originator, biosimilar, generic or excluded")
                }
                role = parsed
            }
            let group = value(r, "group")
            let factorText = value(r, "factor")
            var factor = 1.0
            if !factorText.isEmpty {
                guard !group.isEmpty else { throw fail("factor", "a factor needs a named group") }
                guard let f = Double(factorText), f.isFinite, f > 0 else { throw fail("factor", "'\(factorText)' is not a positive number") }
                factor = f
            } else if !group.isEmpty {
                throw fail("factor", "a named group needs a factor (common units per unit of quantity)")
            }
            let reason = value(r, "reason")
            switch (product, role) {
            case (nil, nil):
                guard !group.isEmpty else { throw fail("group", "a row for every product (*) must name a group or exclude") }
            case (nil, .some(let rl)):
                guard rl == .excluded else { throw fail("role", "a row for every product (*) can only exclude") }
            case (.some, nil):
                throw fail("role", "a product row needs a role")
            case (.some(let p), .some(let rl)):
                if rl == .generic && p != "AA" { throw fail("role", "generic-level prescribing is product code AA, not \(p)") }
                if p == "AA" && rl != .generic && rl != .excluded { throw fail("role", "product AA is generic-level prescribing: generic or excluded, not \(rl.rawValue)") }
            }
            if role == .excluded && reason.isEmpty { throw fail("reason", "an excluded row must give the reason") }
            if role == .excluded && !group.isEmpty { throw fail("group", "an excluded row is in no group") }
            entries.append(BiosimilarCatalogueEntry(
                molecule: molecule, chemical: chemical, product: product, equivalent: equivalent, role: role,
                brand: value(r, "brand"), group: group.isEmpty ? nil : group, unit: value(r, "unit"), factor: factor,
                reason: reason, status: value(r, "status"), evidence: value(r, "evidence"), line: r.line))
        }
        guard !entries.isEmpty else { throw InputError(file: file, reason: "the catalogue has no rows") }
        return try BiosimilarCatalogue(entries: entries, source: file)
    }
}
