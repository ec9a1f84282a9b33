import Foundation

/// The store's organisation files: `orgs/practices.csv` (one line per prescriber with its
/// ancestors) and `orgs/names.csv` (level, code, name).
enum StoreOrgFiles {
    /// The columns of `practices.csv`.
    static let practiceColumns = ["practice_code", "name", "kind", "setting", "postcode", "pcn_code",
                                  "sub_icb_code", "icb_code", "region_code", "nation_code"]
    /// The ancestor levels, in column order.
    static let parentLevels: [OrgLevel] = [.pcn, .subICB, .icb, .region, .nation]
    /// The columns of `names.csv`.
    static let nameColumns = ["level", "code", "name"]

    /// Writes both files.
    static func write(_ d: OrgDirectory, practices: String, names: String) throws {
        let rows = d.practices.keys.sorted().map { code -> [String] in
            let r = d.practices[code]!
            return [r.code, r.name ?? "", r.kind.rawValue, r.setting ?? "", r.postcode ?? ""]
                + parentLevels.map { r.parents[$0] ?? "" }
        }
        try AtomicFile.write(StoreCSV.text(header: practiceColumns, rows: rows), to: practices)
        var nameRows: [[String]] = []
        for level in d.names.keys.sorted() {
            let byCode = d.names[level]!
            for code in byCode.keys.sorted() { nameRows.append([level.rawValue, code, byCode[code]!]) }
        }
        try AtomicFile.write(StoreCSV.text(header: nameColumns, rows: nameRows), to: names)
    }

    /// Reads both files; absent files read as empty.
    static func read(practices: String, names: String) throws -> OrgDirectory {
        var d = OrgDirectory()
        if let text = try text(practices) {
            for (i, r) in try StoreCSV.rows(text, columns: practiceColumns, path: practices).enumerated() {
                guard !r[0].isEmpty, let kind = PrescriberKind(rawValue: r[2]) else {
                    throw StoreError(path: practices, reason: "record \(i + 2): bad practice code or kind")
                }
                var parents: [OrgLevel: String] = [:]
                for (j, level) in parentLevels.enumerated() where !r[5 + j].isEmpty { parents[level] = r[5 + j] }
                d.practices[r[0]] = PracticeRecord(code: r[0], name: r[1].isEmpty ? nil : r[1], kind: kind,
                                                   setting: r[3].isEmpty ? nil : r[3], postcode: r[4].isEmpty ? nil : r[4],
                                                   parents: parents)
            }
        }
        if let text = try text(names) {
            for (i, r) in try StoreCSV.rows(text, columns: nameColumns, path: names).enumerated() {
                guard let level = OrgLevel(rawValue: r[0]) else {
                    throw StoreError(path: names, reason: "record \(i + 2): unknown level \(r[0])")
                }
                d.names[level, default: [:]][r[1]] = r[2]
            }
        }
        return d
    }

    private static func text(_ p: String) throws -> String? {
        guard FileManager.default.fileExists(atPath: p) else { return nil }
        do { return try String(contentsOfFile: p, encoding: .utf8) } catch {
            throw StoreError(path: p, reason: "cannot read as UTF-8 text: \(error.localizedDescription)")
        }
    }
}
