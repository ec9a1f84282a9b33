import Foundation
import RxData

/// Turns a definition's `*_bnf_codes_query` (OpenPrescribing's SQL over dm+d, written for
/// BigQuery) into the BNF codes it selects. RxAtlas's measure reader calls it; `RxDMD`'s
/// `DMDDatabase` implements it over a dm+d release imported with `rxatlas dmd import`.
public protocol BNFCodeQueryResolver: Sendable {
    /// The codes `sql` selects (its first column), as the query gives them.
    /// - Throws: an error saying why the query cannot run here (a table or view the release
    ///   does not have, a construct not translated); the definition is then refused with it.
    func codes(for sql: String) throws -> [String]

    /// What the codes come from, for the measure's provenance (`dm+d release 3.4.0, 2026-11-30`).
    var source: String { get }

    /// A `custom` side's SQL (`*_columns`, `*_from`, `*_where`, OpenPrescribing's text) as a
    /// weighted sum over the store's columns: per presentation, what each item, unit of
    /// quantity or pound counts for.
    /// - Throws: an error saying why the SQL is not such a sum or cannot run here; the
    ///   definition is then refused with it.
    func customSide(columns: String, from: String, where clause: String) throws -> [MeasureDefinition.WeightedTerm]

    /// What a user should know about how `sql` is read here (a construct BigQuery reads in a
    /// way its author may not have meant), each as a clause following "its numerator_where".
    func notes(forSQL sql: String) -> [String]
}

extension BNFCodeQueryResolver {
    /// No notes.
    public func notes(forSQL sql: String) -> [String] { [] }
}

extension MeasureDefinition.Side {
    /// The codes among a query's result that the side selects: each as a whole code (trailing
    /// spaces trimmed, as OpenPrescribing strips them), then, when the definition also has a
    /// `*_bnf_codes_filter`, those the filter selects, as OpenPrescribing filters the query's
    /// result by it. OpenPrescribing keeps only the codes its presentation table holds; here a
    /// code no row carries selects nothing, to the same effect.
    static func codes(fromQuery result: [String], filter: BNFFilter?) -> [String] {
        var out = Set<String>()
        for raw in result {
            let code = raw.trimmingCharacters(in: .whitespaces)
            guard let c = BNFCode(code) else { continue }
            if let filter, !filter.matches(c) { continue }
            out.insert(code)
        }
        return out.sorted()
    }
}
