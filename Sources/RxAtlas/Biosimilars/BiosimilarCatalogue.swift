import Foundation
import RxData

/// A biosimilar catalogue: per molecule, which products are the originator, biosimilars,
/// generic-level or excluded, and which presentations compare like for like (equivalence groups
/// with a factor to a common unit).
///
/// Read from CSV (``load(path:)``; the built-in one is `Sources/RxReference/reference/biosimilars.csv`,
/// ``builtIn(path:)``); the columns are documented in docs/BIOSIMILARS.md. Every error is an
/// ``RxData/InputError`` naming the file, line and field.
public struct BiosimilarCatalogue: Sendable, Equatable {
    /// The rows, in file order.
    public let entries: [BiosimilarCatalogueEntry]
    /// The molecules, in order of first appearance.
    public let molecules: [String]
    /// The file the catalogue was read from (for messages).
    public let source: String
    /// Per chemical code: the molecule's index and the rows of that chemical.
    private let byChemical: [String: (molecule: Int, rows: [Int])]

    /// The path of the built-in catalogue, relative to the package root.
    public static let builtInRelativePath = "biosimilars.csv"

    /// Validates `entries` and builds the catalogue.
    /// - Throws: ``RxData/InputError`` for a duplicate row, a chemical under two molecules, a
    ///   group under two molecules or with two units.
    public init(entries: [BiosimilarCatalogueEntry], source: String = "catalogue") throws {
        self.entries = entries
        self.source = source
        var molecules: [String] = []
        var moleculeIndex: [String: Int] = [:]
        var byChemical: [String: (molecule: Int, rows: [Int])] = [:]
        var seen: [String: Int] = [:]
        var groupOwner: [String: (molecule: String, unit: String, line: Int)] = [:]
        for (i, e) in entries.enumerated() {
            func fail(_ field: String, _ reason: String) -> InputError {
                InputError(file: source, line: e.line, field: field, reason: reason)
            }
            let key = "\(e.chemical)|\(e.product ?? "*")|\(e.equivalent ?? "")"
            if let other = seen[key] {
                throw fail("product", "a second row for chemical \(e.chemical), product \(e.product ?? "*"), equivalent \(e.equivalent ?? "(any)") (first on line \(entries[other].line))")
            }
            seen[key] = i
            let m: Int
            if let known = moleculeIndex[e.molecule] { m = known } else {
                m = molecules.count
                molecules.append(e.molecule)
                moleculeIndex[e.molecule] = m
            }
            if let existing = byChemical[e.chemical] {
                guard existing.molecule == m else {
                    throw fail("molecule", "chemical \(e.chemical) is already under molecule '\(molecules[existing.molecule])'")
                }
                byChemical[e.chemical]!.rows.append(i)
            } else {
                byChemical[e.chemical] = (m, [i])
            }
            if let g = e.group {
                if let owner = groupOwner[g] {
                    guard owner.molecule == e.molecule else {
                        throw fail("group", "group '\(g)' already belongs to molecule '\(owner.molecule)' (line \(owner.line))")
                    }
                    guard owner.unit == e.unit else {
                        throw fail("unit", "group '\(g)' is in '\(owner.unit)' on line \(owner.line), here '\(e.unit)'")
                    }
                } else {
                    groupOwner[g] = (e.molecule, e.unit, e.line)
                }
            }
        }
        self.molecules = molecules
        self.byChemical = byChemical
    }

    /// Two catalogues are equal when their rows are (the look-up tables follow from them).
    public static func == (a: BiosimilarCatalogue, b: BiosimilarCatalogue) -> Bool {
        a.entries == b.entries && a.source == b.source
    }

    /// The chemical codes the catalogue covers.
    public var chemicals: Set<String> { Set(byChemical.keys) }

    /// The chemical codes of one molecule.
    public func chemicals(of molecule: Int) -> [String] {
        byChemical.filter { $0.value.molecule == molecule }.map(\.key).sorted()
    }

    /// Classifies one presentation; nil when its chemical is not catalogued.
    ///
    /// The role comes from the most specific row with a role (product and strength, then
    /// strength alone, then product alone); the group from the most specific row naming one, else
    /// the default group (chemical + characters 14–15, factor 1). No role: ``BiosimilarRole/unclassified``.
    public func classify(_ code: BNFCode) -> BiosimilarPresentationClass? {
        guard code.count >= 9 else { return nil }
        let text = code.description
        let chars = Array(text.utf8)
        let chemical = String(decoding: chars[0..<9], as: UTF8.self)
        guard let (molecule, rows) = byChemical[chemical] else { return nil }
        let product = chars.count >= 11 ? String(decoding: chars[9..<11], as: UTF8.self) : ""
        let equivalent = chars.count >= 15 ? String(decoding: chars[13..<15], as: UTF8.self) : ""
        var roleRow: (Int, Int)? = nil, groupRow: (Int, Int)? = nil
        for r in rows {
            let e = entries[r]
            guard let s = e.specificity(product: product, equivalent: equivalent) else { continue }
            if e.role != nil, s > (roleRow?.1 ?? -1) { roleRow = (r, s) }
            if e.group != nil, s > (groupRow?.1 ?? -1) { groupRow = (r, s) }
        }
        let role = roleRow.flatMap { entries[$0.0].role } ?? .unclassified
        let brand = roleRow.map { entries[$0.0].brand } ?? ""
        var group: String? = nil, unit = "", factor = 1.0
        if role != .excluded && role != .unclassified {
            if let g = groupRow.map({ entries[$0.0] }) {
                group = g.group
                unit = g.unit
                factor = g.factor
            } else {
                group = "\(chemical) \(equivalent)"
                unit = "quantity"
            }
        }
        return BiosimilarPresentationClass(code: code, molecule: molecule, role: role, product: product,
                                           equivalent: equivalent, brand: brand, group: group, unit: unit, factor: factor,
                                           line: roleRow.map { entries[$0.0].line })
    }
}
