import RxData

/// The bundled Scottish geography (`reference/scotland/`): the 14 health boards and 31 HSCPs
/// with their GSS codes, names, the codes they replaced at the 2018 and 2019 boundary changes,
/// and each HSCP's board. Public Health Scotland's files give boards and HSCPs by code only,
/// some years under the old codes; ``reference()`` is what ingest applies
/// (``RxData/OrgDirectory/apply(_:)``).
public enum ScottishGeography {
    /// Scotland's GSS code.
    public static let nationCode = "S92000003"

    /// The boards and HSCPs as an area reference: names (and Scotland's), replaced codes, and
    /// each HSCP's board and nation, each board's nation.
    public static func reference() throws -> AreaReference {
        var ref = AreaReference(names: [.nation: [nationCode: "Scotland"]])
        for row in try table("scotland/health_boards.csv", ["code", "name", "replaces"]) {
            ref.names[.icb, default: [:]][row["code"]!] = row["name"]!
            ref.ancestors[.icb, default: [:]][row["code"]!] = [.nation: nationCode]
            if let old = row["replaces"], !old.isEmpty { ref.replacedBy[.icb, default: [:]][old] = row["code"]! }
        }
        for row in try table("scotland/hscps.csv", ["code", "name", "health_board", "replaces"]) {
            ref.names[.subICB, default: [:]][row["code"]!] = row["name"]!
            ref.ancestors[.subICB, default: [:]][row["code"]!] = [.icb: row["health_board"]!, .nation: nationCode]
            if let old = row["replaces"], !old.isEmpty { ref.replacedBy[.subICB, default: [:]][old] = row["code"]! }
        }
        return ref
    }

    /// A bundled table's rows as column → value, its `columns` required.
    static func table(_ name: String, _ columns: [String]) throws -> [[String: String]] {
        let path = try ReferenceFiles.locate(name, hint: "reinstall rxatlas with `make install`")
        let records = try CSVRecordReader.read(path: path)
        guard let first = records.first else { throw InputError(file: path, reason: "empty reference table") }
        let header = CSVHeader(first)
        var index: [String: Int] = [:]
        for c in columns {
            guard let i = header.index(of: c) else {
                throw InputError(file: path, line: header.line, field: c, reason: "missing column in the reference table")
            }
            index[c] = i
        }
        return records.dropFirst().map { r in index.mapValues { r.trimmed($0) } }
    }
}
