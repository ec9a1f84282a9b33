/// Reads Public Health Scotland's "GP Practice Populations" (``ListSizeLayout/phsPopulations``):
/// quarterly, one row per practice, date and sex, `Date` (YYYYMMDD), `PracticeCode`, `HB`,
/// `HSCP`, `Sex` (`All`, `Male`, `Female`), `AllAges` and the bands `Ages0to4` … `Ages85plus`
/// (each with a `…QF` qualifier column, ignored).
///
/// Rules:
/// - A practice's total for a date is its `Sex All` row's `AllAges`; a practice without one is
///   an error. The male and female rows give the age bands.
/// - Every row's bands must add up to its `AllAges`; male and female together may fall short of
///   the total, never exceed it.
/// - The same practice, date and sex twice is an error naming both lines.
/// - Rows with another `Sex` are skipped and counted.
/// - Column-name variants across the years are accepted: `HB`, `HB2014`, `HB2019`; `HSCP`,
///   `HSCP2016`, `HSCP2019`.
/// - The board and HSCP become the practice's `icb` and `subICB` ancestors, Scotland its nation.
struct PHSPopulationsParser {
    let path: String
    let header: CSVHeader

    private struct Key: Hashable { var month: YearMonth; var code: String }
    private struct Builder {
        var total: (value: Int64, line: Int)?
        var sexTotals: [String: Int64] = [:]
        var bands: [String: [String: Int64]] = [:]
        var lines: [String: Int] = [:]
        var firstLine: Int
    }

    func parse(_ rows: ArraySlice<CSVRecord>, months override: [YearMonth]?) throws -> ListSizeFile {
        let layout = ListSizeLayout.phsPopulations
        let dateColumn = try ListSizeReader.required(["Date"], in: header, layout: layout, path: path)
        let codeColumn = try ListSizeReader.required(["PracticeCode"], in: header, layout: layout, path: path)
        let totalColumn = try ListSizeReader.required(["AllAges"], in: header, layout: layout, path: path)
        let sexColumn = header.index(of: "Sex")
        let areas = PHSAreaColumns(header)
        let bandColumns: [(index: Int, label: String)] = header.names.enumerated().compactMap { i, raw in
            let name = CSVRecordReader.trim(raw)
            guard name.hasPrefix("Ages"), !name.uppercased().hasSuffix("QF") else { return nil }
            return (i, String(name.dropFirst(4)))
        }
        let name = { (i: Int) in CSVRecordReader.trim(header.names[i]) }

        var builders: [Key: Builder] = [:]
        var skipped: [String: Int] = [:]
        var orgs = PHSAreaColumns.directory()
        var rowsRead = 0
        for record in rows {
            rowsRead += 1
            try ListSizeReader.checkFieldCount(record, header: header, path: path)
            let sex = sexColumn.map { record.trimmed($0).lowercased() } ?? "all"
            guard sex == "all" || sex == "male" || sex == "female" else {
                skipped["Sex \(sex.isEmpty ? "(blank)" : sex)", default: 0] += 1
                continue
            }
            let code = record.trimmed(codeColumn)
            guard !code.isEmpty else {
                throw InputError(file: path, line: record.line, field: name(codeColumn), reason: "empty practice code")
            }
            let dateText = record.trimmed(dateColumn)
            guard let month = ListSizeReader.extractMonth(dateText) else {
                throw InputError(file: path, line: record.line, field: name(dateColumn),
                                 reason: "not a date: '\(dateText)' (expected YYYYMMDD, e.g. 20240401)")
            }
            let total = try ListSizeReader.count(record, totalColumn, column: name(totalColumn), path: path)
            var bands: [String: Int64] = [:]
            for band in bandColumns {
                bands[band.label] = try ListSizeReader.count(record, band.index, column: name(band.index), path: path)
            }
            if !bands.isEmpty, case let sum = bands.values.reduce(0, +), sum != total {
                throw InputError(file: path, line: record.line, field: name(totalColumn),
                                 reason: "practice \(code) (\(month), \(sex)): the age bands add up to \(sum) but AllAges is \(total)")
            }
            let key = Key(month: month, code: code)
            if let earlier = builders[key]?.lines[sex] {
                throw InputError(file: path, line: record.line, field: name(codeColumn),
                                 reason: "practice \(code) (\(month)) has a second Sex \(sex) row; the first is on line \(earlier)")
            }
            var b = builders[key] ?? Builder(firstLine: record.line)
            b.lines[sex] = record.line
            if sex == "all" { b.total = (total, record.line) } else { b.sexTotals[sex] = total; b.bands[sex] = bands }
            builders[key] = b

            orgs.upsert(areas.practice(code, record))
        }

        var lists: [YearMonth: [String: PracticeList]] = [:]
        for (key, b) in builders.sorted(by: { $0.value.firstLine < $1.value.firstLine }) {
            guard let total = b.total else {
                throw InputError(file: path, line: b.firstLine, field: name(totalColumn),
                                 reason: "practice \(key.code) (\(key.month)) has no Sex All row, so its list size is unknown")
            }
            let sexes = b.sexTotals.values.reduce(0, +)
            if sexes > total.value {
                throw InputError(file: path, line: total.line, field: name(totalColumn),
                                 reason: "practice \(key.code) (\(key.month)): male and female patients (\(sexes)) add up to more than its total (\(total.value))")
            }
            lists[key.month, default: [:]][key.code] = PracticeList(total: total.value, male: b.bands["male"] ?? [:],
                                                                    female: b.bands["female"] ?? [:])
        }
        var months = lists.keys.sorted().map { ListSizeMonth(month: $0, practices: lists[$0]!) }
        if let override {
            guard months.count <= 1 else {
                throw InputError(file: path, field: name(dateColumn),
                                 reason: "months were given to override Date, but the file holds \(months.count) dates")
            }
            let practices = months.first?.practices ?? [:]
            months = Set(override).sorted().map { ListSizeMonth(month: $0, practices: practices) }
        }
        return ListSizeFile(path: path, layout: .phsPopulations, months: months, rowsRead: rowsRead, skipped: skipped, orgs: orgs)
    }
}
