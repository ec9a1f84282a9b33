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

    /// The texts of both files.
    static func texts(_ d: OrgDirectory) -> (practices: String, names: String) {
        let rows = d.practices.keys.sorted().map { code -> [String] in
            let r = d.practices[code]!
            return [r.code, r.name ?? "", r.kind.rawValue, r.setting ?? "", r.postcode ?? ""]
                + parentLevels.map { r.parents[$0] ?? "" }
        }
        var nameRows: [[String]] = []
        for level in d.names.keys.sorted() {
            let byCode = d.names[level]!
            for code in byCode.keys.sorted() { nameRows.append([level.rawValue, code, byCode[code]!]) }
        }
        return (StoreCSV.text(header: practiceColumns, rows: rows), StoreCSV.text(header: nameColumns, rows: nameRows))
    }

    /// Reads both files from their (text, path); an absent file reads as empty.
    static func read(practices: (String, String)?, names: (String, String)?) throws -> OrgDirectory {
        var d = OrgDirectory()
        if let (text, practices) = practices {
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
        if let (text, names) = names {
            for (i, r) in try StoreCSV.rows(text, columns: nameColumns, path: names).enumerated() {
                guard let level = OrgLevel(rawValue: r[0]) else {
                    throw StoreError(path: names, reason: "record \(i + 2): unknown level \(r[0])")
                }
                d.names[level, default: [:]][r[1]] = r[2]
            }
        }
        return d
    }
}
