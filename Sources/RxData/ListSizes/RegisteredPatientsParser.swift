/// Reads the long NHS Digital "Patients Registered at a GP Practice" layouts
/// (``ListSizeLayout/registeredQuinaryAge`` and ``ListSizeLayout/registeredAll``): one row per
/// practice, sex and age band, dated by `EXTRACT_DATE`.
///
/// Rules:
/// - Rows whose organisation type (`ORG_TYPE` / `TYPE`) is not `GP` are skipped and counted
///   under `ORG_TYPE <value>` (a national file also carries CCG, STP and region rows).
///   Rows with a `SEX` other than `ALL`, `MALE` or `FEMALE` are skipped and counted likewise.
/// - A practice's total is its `SEX ALL`, `AGE ALL` row; a practice without one is an error.
/// - For each sex that has both age bands and an `AGE ALL` row, the bands must add up to it;
///   a mismatch is an error naming the practice, the month and the sex. Male and female totals
///   together may fall short of the overall total (patients of indeterminate sex), never exceed it.
/// - The same practice, month, sex and age twice is an error naming both lines.
struct RegisteredPatientsParser {
    let path: String
    let layout: ListSizeLayout
    let header: CSVHeader

    /// A practice in a month.
    private struct PracticeMonth: Hashable {
        var month: YearMonth
        var code: String
    }

    /// What is known so far about one practice in one month.
    private struct Builder {
        var totals: [String: (value: Int64, line: Int)] = [:]   // by sex, the AGE ALL rows
        var bands: [String: [String: Int64]] = [:]              // by sex, then band label
        var bandLines: [String: [String: Int]] = [:]
        var firstLine: Int
    }

    func parse(_ rows: ArraySlice<CSVRecord>, months override: [YearMonth]?) throws -> ListSizeFile {
        let ageNames = layout == .registeredQuinaryAge ? ["AGE_GROUP_5"] : ["AGE", "AGE_GROUP_5"]
        let dateColumn = try ListSizeReader.required(["EXTRACT_DATE"], in: header, layout: layout, path: path)
        let codeColumn = try ListSizeReader.required(
            layout == .registeredQuinaryAge ? ["ORG_CODE", "CODE"] : ["CODE", "ORG_CODE", "PRACTICE_CODE"],
            in: header, layout: layout, path: path)
        let sexColumn = try ListSizeReader.required(["SEX"], in: header, layout: layout, path: path)
        let ageColumn = try ListSizeReader.required(ageNames, in: header, layout: layout, path: path)
        let countColumn = try ListSizeReader.required(["NUMBER_OF_PATIENTS"], in: header, layout: layout, path: path)
        let typeColumn = header.firstIndex(ofAny: ["ORG_TYPE", "TYPE"])
        let postcodeColumn = header.index(of: "POSTCODE")
        let areaColumn = header.firstIndex(ofAny: ["SUB_ICB_LOCATION_CODE", "SUB_ICB_LOC_CODE", "CCG_CODE"])?.index
        let name = { (i: Int) in CSVRecordReader.trim(header.names[i]) }
        let countName = name(countColumn)

        var builders: [PracticeMonth: Builder] = [:]
        var lastDate = ("", YearMonth(ordinal: 0))   // the previous row's EXTRACT_DATE, parsed
        var lastPractice = ""                         // the previous row's practice, already in `orgs`
        var skipped: [String: Int] = [:]
        var orgs = OrgDirectory()
        var rowsRead = 0

        for record in rows {
            rowsRead += 1
            try ListSizeReader.checkFieldCount(record, header: header, path: path)
            if let typeColumn {
                let type = record.trimmed(typeColumn.index)
                if type != "GP" && type.uppercased() != "GP" {
                    skipped["\(name(typeColumn.index)) \(type.isEmpty ? "(blank)" : type)", default: 0] += 1
                    continue
                }
            }
            let sexText = record.trimmed(sexColumn)
            let sex = sexText == "ALL" || sexText == "MALE" || sexText == "FEMALE" ? sexText : sexText.uppercased()
            guard sex == "ALL" || sex == "MALE" || sex == "FEMALE" else {
                skipped["\(name(sexColumn)) \(sex.isEmpty ? "(blank)" : sex)", default: 0] += 1
                continue
            }
            let code = record.trimmed(codeColumn)
            guard !code.isEmpty else {
                throw InputError(file: path, line: record.line, field: name(codeColumn), reason: "empty practice code")
            }
            let dateText = record.trimmed(dateColumn)
            let month: YearMonth
            if dateText == lastDate.0 {
                month = lastDate.1
            } else {
                guard let parsed = ListSizeReader.extractMonth(dateText) else {
                    throw InputError(file: path, line: record.line, field: name(dateColumn),
                                     reason: "not a date: '\(dateText)' (expected e.g. 01SEP2017 or 2024-06-01)")
                }
                month = parsed
                lastDate = (dateText, parsed)
            }
            let age = record.trimmed(ageColumn)
            guard !age.isEmpty else {
                throw InputError(file: path, line: record.line, field: name(ageColumn), reason: "empty age band")
            }
            let value = try ListSizeReader.count(record, countColumn, column: countName, path: path)

            let key = PracticeMonth(month: month, code: code)
            let isTotal = age == "ALL" || age.uppercased() == "ALL"
            let earlier = isTotal ? builders[key]?.totals[sex]?.line : builders[key]?.bandLines[sex]?[age]
            if let earlier {
                throw InputError(file: path, line: record.line, field: countName,
                                 reason: "practice \(code) (\(month)) has a second \(name(sexColumn)) \(sex), \(name(ageColumn)) \(age) row; the first is on line \(earlier)")
            }
            if isTotal {
                builders[key, default: Builder(firstLine: record.line)].totals[sex] = (value, record.line)
            } else {
                builders[key, default: Builder(firstLine: record.line)].bands[sex, default: [:]][age] = value
                builders[key]!.bandLines[sex, default: [:]][age] = record.line
            }

            if code != lastPractice {
                // Rows come grouped by practice: record each practice's details once per run of rows.
                lastPractice = code
                var practice = PracticeRecord(code: code, kind: PrescriberCode.kind(of: code))
                if let postcodeColumn { practice.postcode = nonEmpty(record.trimmed(postcodeColumn)) }
                if let areaColumn, let area = nonEmpty(record.trimmed(areaColumn)) { practice.parents[.subICB] = area }
                orgs.upsert(practice)
            }
        }

        var lists: [YearMonth: [String: PracticeList]] = [:]
        // In file order, so that the first faulty practice is the one reported.
        for (key, b) in builders.sorted(by: { $0.value.firstLine < $1.value.firstLine }) {
            lists[key.month, default: [:]][key.code] = try finish(b, code: key.code, month: key.month, countColumn: countName)
        }

        var months: [ListSizeMonth]
        if let override {
            guard lists.count <= 1 else {
                let found = lists.keys.sorted().map(\.description).joined(separator: ", ")
                throw InputError(file: path, field: name(dateColumn),
                                 reason: "months were given to override EXTRACT_DATE, but the file holds extracts for \(lists.count) months (\(found))")
            }
            let practices = lists.values.first ?? [:]
            months = Set(override).sorted().map { ListSizeMonth(month: $0, practices: practices) }
        } else {
            months = lists.keys.sorted().map { ListSizeMonth(month: $0, practices: lists[$0]!) }
        }
        if months.isEmpty, let override { months = Set(override).sorted().map { ListSizeMonth(month: $0) } }
        return ListSizeFile(path: path, layout: layout, months: months, rowsRead: rowsRead, skipped: skipped, orgs: orgs)
    }

    /// Checks one practice-month and turns it into a list.
    private func finish(_ b: Builder, code: String, month: YearMonth, countColumn: String) throws -> PracticeList {
        guard let total = b.totals["ALL"] else {
            throw InputError(file: path, line: b.firstLine, field: countColumn,
                             reason: "practice \(code) (\(month)) has no SEX ALL, AGE ALL row, so its list size is unknown")
        }
        for (sex, bands) in b.bands {
            let sum = bands.values.reduce(0, +)
            if let sexTotal = b.totals[sex], sum != sexTotal.value {
                throw InputError(file: path, line: sexTotal.line, field: countColumn,
                                 reason: "practice \(code) (\(month)): the \(sex) age bands add up to \(sum) but its \(sex) ALL row says \(sexTotal.value)")
            }
        }
        let male = b.totals["MALE"]?.value ?? b.bands["MALE"].map { $0.values.reduce(0, +) }
        let female = b.totals["FEMALE"]?.value ?? b.bands["FEMALE"].map { $0.values.reduce(0, +) }
        if let male, let female, male + female > total.value {
            throw InputError(file: path, line: total.line, field: countColumn,
                             reason: "practice \(code) (\(month)): male (\(male)) and female (\(female)) patients add up to more than its total (\(total.value))")
        }
        return PracticeList(total: total.value, male: b.bands["MALE"] ?? [:], female: b.bands["FEMALE"] ?? [:])
    }

    private func nonEmpty(_ s: String) -> String? { s.isEmpty ? nil : s }
}
