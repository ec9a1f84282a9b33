/// Reads an organisation mapping: a CSV placing each practice in the hierarchy
/// practice → PCN → sub-ICB → ICB → region.
///
/// Columns (names matched case-insensitively, padding ignored, in any order):
/// `practice_code` (required), `practice_name`, `pcn_code`, `pcn_name`, `sub_icb_code`,
/// `sub_icb_name`, `icb_code`, `icb_name`, `region_code`, `region_name` and `setting`
/// (`4` or `gp` marks a standard GP practice; see ``OrgDirectory/isStandardPractice(_:hasList:)``).
/// Any of them but `practice_code` may be absent and any cell may be empty (empty means unknown);
/// other columns are ignored.
///
/// Errors name the file and, where it applies, the line and column: an empty file, a header
/// without `practice_code`, a header with no rows, an empty practice code, a row with more
/// fields than the header, the same practice on two lines with different values, and the same
/// organisation code given two different names.
public enum OrgMappingReader {
    /// The optional columns and what they fill.
    private enum Target {
        case parent(OrgLevel)
        case name(OrgLevel)
        case practiceName
        case setting
    }

    private static let columns: [(String, Target)] = [
        ("practice_name", .practiceName),
        ("pcn_code", .parent(.pcn)), ("pcn_name", .name(.pcn)),
        ("sub_icb_code", .parent(.subICB)), ("sub_icb_name", .name(.subICB)),
        ("icb_code", .parent(.icb)), ("icb_name", .name(.icb)),
        ("region_code", .parent(.region)), ("region_name", .name(.region)),
        ("setting", .setting),
    ]

    /// Reads the mapping at `path` (plain, `.gz` or `.zip`).
    public static func read(path: String) throws -> OrgDirectory {
        try read(records: CSVRecordReader.read(path: path), path: path)
    }

    /// Reads a mapping from records already split (the first is the header); `path` names the
    /// file in errors.
    public static func read(records: [CSVRecord], path: String) throws -> OrgDirectory {
        guard let first = records.first else {
            throw InputError(file: path, reason: "empty file: an org mapping needs a header with practice_code")
        }
        let header = CSVHeader(first)
        guard let codeColumn = header.index(of: "practice_code") else {
            let names = header.names.map { CSVRecordReader.trim($0) }.joined(separator: ", ")
            throw InputError(file: path, line: header.line, field: "practice_code",
                             reason: "missing required column practice_code (header is \(names))")
        }
        let present: [(name: String, index: Int, target: Target)] = columns.compactMap { name, target in
            header.index(of: name).map { (name, $0, target) }
        }
        guard records.count > 1 else {
            throw InputError(file: path, line: header.line, reason: "header only: the org mapping lists no practices")
        }

        var directory = OrgDirectory()
        // Per practice: its line and the values it was given, to compare duplicates.
        var seen: [String: (line: Int, values: [String: String])] = [:]
        // Per level and organisation code: the name and the line it came from.
        var nameLines: [OrgLevel: [String: (name: String, line: Int)]] = [:]
        // Per (level, code, higher level): the parent code and the line it came from.
        var parentLines: [String: (code: String, line: Int)] = [:]
        let hierarchy: [OrgLevel] = [.pcn, .subICB, .icb, .region, .nation]

        for record in records.dropFirst() {
            if record.fields.count > header.names.count,
               !record.fields[header.names.count...].allSatisfy({ CSVRecordReader.trim($0).isEmpty }) {
                throw InputError(file: path, line: record.line,
                                 reason: "wrong field count: expected \(header.names.count) fields as in the header, found \(record.fields.count)")
            }
            if record.isBlank { continue }
            let code = record.trimmed(codeColumn)
            guard !code.isEmpty else {
                throw InputError(file: path, line: record.line, field: "practice_code", reason: "empty practice code")
            }
            var values: [String: String] = [:]
            for column in present {
                let v = record.trimmed(column.index)
                if !v.isEmpty { values[column.name] = v }
            }
            if let earlier = seen[code] {
                if earlier.values != values {
                    let names = Set(earlier.values.keys).union(values.keys).sorted()
                    let column = names.first { earlier.values[$0] != values[$0] } ?? "practice_code"
                    throw InputError(file: path, line: record.line, field: column,
                                     reason: "practice \(code) is on lines \(earlier.line) and \(record.line) with different values: \(column) '\(earlier.values[column] ?? "")' vs '\(values[column] ?? "")'")
                }
                continue
            }
            seen[code] = (record.line, values)

            var practice = PracticeRecord(code: code, kind: PrescriberCode.kind(of: code))
            var names: [OrgLevel: String] = [:]
            for column in present {
                guard let v = values[column.name] else { continue }
                switch column.target {
                case .parent(let level): practice.parents[level] = v
                case .name(let level): names[level] = v
                case .practiceName: practice.name = v
                case .setting: practice.setting = v
                }
            }
            try validate(practice, line: record.line, path: path)
            // One unit, one parent: a PCN in two ICBs, or a sub-ICB in two regions, is refused.
            for (i, lower) in hierarchy.enumerated() {
                guard let child = practice.parents[lower] else { continue }
                for higher in hierarchy[(i + 1)...] {
                    guard let parent = practice.parents[higher] else { continue }
                    let key = "\(lower.rawValue)\u{1}\(child)\u{1}\(higher.rawValue)"
                    if let earlier = parentLines[key], earlier.code != parent {
                        throw InputError(file: path, line: record.line, field: columnName(higher, code: true),
                                         reason: "\(columnName(lower, code: true)) \(child) is in \(columnName(higher, code: true)) \(earlier.code) on line \(earlier.line) but \(parent) on line \(record.line)")
                    }
                    if parentLines[key] == nil { parentLines[key] = (parent, record.line) }
                }
            }
            for (level, name) in names {
                guard let orgCode = practice.parents[level] else {
                    throw InputError(file: path, line: record.line, field: columnName(level, code: false),
                                     reason: "\(columnName(level, code: false)) '\(name)' is given without a \(columnName(level, code: true))")
                }
                if let earlier = nameLines[level]?[orgCode], earlier.name != name {
                    throw InputError(file: path, line: record.line, field: columnName(level, code: false),
                                     reason: "\(columnName(level, code: true)) \(orgCode) is named '\(earlier.name)' on line \(earlier.line) but '\(name)' on line \(record.line)")
                }
                if nameLines[level]?[orgCode] == nil { nameLines[level, default: [:]][orgCode] = (name, record.line) }
                directory.setName(name, level: level, code: orgCode)
            }
            directory.upsert(practice)
        }
        return directory
    }

    /// The settings accepted: ODS prescribing-setting numbers (0–99; 4 is a GP practice) or the
    /// words `gp`, `gp practice` and `other`.
    static func isValidSetting(_ s: String) -> Bool {
        if let n = Int(s) { return (0...99).contains(n) }
        return ["gp", "gp practice", "other"].contains(s.lowercased())
    }

    /// A row's codes and setting checked against their form: prescriber and organisation codes
    /// of 2 to 10 ASCII letters and digits (ONS codes such as `E54000008` included), no unit its
    /// own parent, and a known setting.
    static func validate(_ p: PracticeRecord, line: Int, path: String) throws {
        guard PrescriberCode.isValid(p.code) else {
            throw InputError(file: path, line: line, field: "practice_code", reason: "not a prescriber code: '\(p.code)' (2 to 10 ASCII letters and digits)")
        }
        for (level, code) in p.parents.sorted(by: { $0.key < $1.key }) {
            guard PrescriberCode.isValid(code) else {
                throw InputError(file: path, line: line, field: columnName(level, code: true),
                                 reason: "not an organisation code: '\(code)' (2 to 10 ASCII letters and digits)")
            }
            if code == p.code {
                throw InputError(file: path, line: line, field: columnName(level, code: true),
                                 reason: "practice \(p.code) is given as its own \(columnName(level, code: true))")
            }
            for (other, otherCode) in p.parents where other > level && otherCode == code {
                throw InputError(file: path, line: line, field: columnName(other, code: true),
                                 reason: "\(columnName(level, code: true)) \(code) is given as its own \(columnName(other, code: true)): a unit cannot be its own parent")
            }
        }
        if let s = p.setting, !isValidSetting(s) {
            throw InputError(file: path, line: line, field: "setting",
                             reason: "unknown setting '\(s)' (an ODS prescribing-setting number such as 4 for a GP practice, or gp, gp practice, other)")
        }
    }

    private static func columnName(_ level: OrgLevel, code: Bool) -> String {
        "\(level.rawValue)_\(code ? "code" : "name")"
    }
}
