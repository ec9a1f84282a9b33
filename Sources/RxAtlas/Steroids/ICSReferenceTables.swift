import Foundation
import RxData

/// The three ICS reference tables in `Sources/RxReference/reference/ics/`: the dose rules
/// (`ics_dose_rules.csv`), the BTS/NICE/SIGN 2024 daily-dose bands (`ics_dose_bands.csv`) and
/// OpenPrescribing's per-actuation thresholds (`ics_high_dose_thresholds.csv`), every row with
/// its source.
public struct ICSReferenceTables: Sendable, Equatable {
    /// The dose rules, in file order.
    public var rules: [ICSDoseRule]
    /// The daily-dose bands.
    public var bands: [ICSDoseBand]
    /// The per-actuation thresholds, in file order (first match applies).
    public var thresholds: [ICSHighDoseThreshold]

    /// Creates tables from their rows.
    public init(rules: [ICSDoseRule], bands: [ICSDoseBand], thresholds: [ICSHighDoseThreshold]) {
        self.rules = rules
        self.bands = bands
        self.thresholds = thresholds
    }

    /// The built-in tables: `ics/` beside the built-in measure library (see
    /// ``MeasureLibrary/builtInDirectory(explicit:)``), or `directory` when given.
    public static func builtIn(directory: String? = nil) throws -> ICSReferenceTables {
        let dir = try directory ?? URL(fileURLWithPath: MeasureLibrary.builtInDirectory())
            .deletingLastPathComponent().appendingPathComponent("ics").path
        return try load(directory: dir)
    }

    /// Reads the three files from `directory`.
    /// - Throws: ``RxData/InputError`` naming the file, line and field at fault.
    public static func load(directory: String) throws -> ICSReferenceTables {
        let rulesPath = directory + "/ics_dose_rules.csv"
        let bandsPath = directory + "/ics_dose_bands.csv"
        let thresholdsPath = directory + "/ics_high_dose_thresholds.csv"

        var rules: [ICSDoseRule] = []
        for r in try table(rulesPath, ["chemical", "product", "form_strength", "generic_equivalent", "device", "ics",
                                       "particle", "combination", "mcg_per_actuation", "actuations_per_day", "example", "source"]) {
            let chemical = try r.code("chemical", length: 9)
            let product = r["product"], fs = r["form_strength"]
            guard product.isEmpty == fs.isEmpty else {
                throw r.error("product", "product and form_strength are given together or not at all")
            }
            if !product.isEmpty { _ = try r.code("product", length: 2); _ = try r.code("form_strength", length: 2) }
            guard let device = ICSDevice(rawValue: r["device"]) else {
                throw r.error("device", "'\(r["device"])' is not pMDI, DPI or nebuliser")
            }
            guard ["none", "laba", "laba_lama"].contains(r["combination"]) else {
                throw r.error("combination", "'\(r["combination"])' is not none, laba or laba_lama")
            }
            let mcg = try r.number("mcg_per_actuation", required: device != .nebuliser)
            let actuations = try r.number("actuations_per_day", required: device != .nebuliser)
            rules.append(ICSDoseRule(chemical: chemical, product: product.isEmpty ? nil : product,
                                     formStrength: fs.isEmpty ? nil : fs,
                                     genericEquivalent: try r.code("generic_equivalent", length: 2), device: device,
                                     ics: try r.required("ics"), particle: r["particle"], combination: r["combination"],
                                     mcgPerActuation: mcg, actuationsPerDay: actuations, example: r["example"],
                                     source: try r.required("source"), line: r.line))
        }
        var seen: [String: Int] = [:]
        for rule in rules {
            if let first = seen[rule.key] {
                throw InputError(file: rulesPath, line: rule.line, field: "generic_equivalent",
                                 reason: "duplicate rule \(rule.key) (also line \(first))")
            }
            seen[rule.key] = rule.line
        }

        var bands: [ICSDoseBand] = []
        for r in try table(bandsPath, ["ics", "particle", "low_max_mcg_per_day", "medium_max_mcg_per_day", "source"]) {
            let low = try r.number("low_max_mcg_per_day", required: true)!
            let medium = try r.number("medium_max_mcg_per_day", required: true)!
            guard low <= medium else { throw r.error("medium_max_mcg_per_day", "below low_max_mcg_per_day") }
            bands.append(ICSDoseBand(ics: try r.required("ics"), particle: r["particle"], lowMax: low, mediumMax: medium,
                                     source: try r.required("source")))
        }

        var thresholds: [ICSHighDoseThreshold] = []
        for r in try table(thresholdsPath, ["ics", "particle", "combination", "device", "comparison", "mcg_per_actuation", "source"]) {
            guard [">=", ">"].contains(r["comparison"]) else { throw r.error("comparison", "'\(r["comparison"])' is not >= or >") }
            thresholds.append(ICSHighDoseThreshold(
                ics: try r.required("ics"), particle: try r.required("particle"), combination: try r.required("combination"),
                device: try r.required("device"), inclusive: r["comparison"] == ">=",
                mcgPerActuation: try r.number("mcg_per_actuation", required: true)!, source: try r.required("source")))
        }
        return ICSReferenceTables(rules: rules, bands: bands, thresholds: thresholds)
    }

    /// The band for a rule's corticosteroid and particle.
    public func band(for r: ICSDoseRule) -> ICSDoseBand? {
        bands.first { $0.ics == r.ics && $0.particle == r.particle } ?? bands.first { $0.ics == r.ics && $0.particle.isEmpty }
    }

    /// The first threshold that applies to a rule.
    public func threshold(for r: ICSDoseRule) -> ICSHighDoseThreshold? {
        thresholds.first { $0.applies(to: r) }
    }

    /// One data row of a reference file, addressed by column name.
    struct Row {
        let file: String
        let line: Int
        let fields: [String: String]
        subscript(_ column: String) -> String { fields[column] ?? "" }
        func error(_ field: String, _ reason: String) -> InputError {
            InputError(file: file, line: line, field: field, reason: reason)
        }
        func required(_ field: String) throws -> String {
            let v = self[field]
            guard !v.isEmpty else { throw error(field, "is empty") }
            return v
        }
        func code(_ field: String, length: Int) throws -> String {
            let v = try required(field)
            guard v.utf8.count == length, v.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) }) else {
                throw error(field, "'\(v)' is not \(length) BNF code characters")
            }
            return v
        }
        func number(_ field: String, required: Bool) throws -> Double? {
            let v = self[field]
            if v.isEmpty {
                if required { throw error(field, "is empty") }
                return nil
            }
            guard let d = Double(v), d.isFinite, d >= 0 else { throw error(field, "'\(v)' is not a non-negative number") }
            return d
        }
    }

    /// Reads a CSV whose header must hold `columns`.
    static func table(_ path: String, _ columns: [String]) throws -> [Row] {
        guard FileManager.default.fileExists(atPath: path) else {
            throw InputError(file: path, reason: "the ICS reference table does not exist")
        }
        let records = try CSVRecordReader.read(path: path)
        guard let header = records.first else { throw InputError(file: path, reason: "empty file") }
        let names = header.fields.map(CSVRecordReader.trim)
        for c in columns where !names.contains(c) {
            throw InputError(file: path, line: header.line, field: c, reason: "missing column")
        }
        return records.dropFirst().filter { !$0.isBlank }.map { rec in
            var fields: [String: String] = [:]
            for (i, n) in names.enumerated() { fields[n] = rec.trimmed(i) }
            return Row(file: path, line: rec.line, fields: fields)
        }
    }
}
