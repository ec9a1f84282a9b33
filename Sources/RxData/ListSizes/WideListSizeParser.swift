/// Reads the pre-2017 NHSBSA quarterly list-size file (``ListSizeLayout/nhsbsaWideQuarterly``):
/// one row per practice, its area names and codes, and `Male 0-4, Female 0-4, …, Female 75+`.
///
/// Rules:
/// - A practice's total is the sum of all its band columns; every band must be a whole number.
/// - The same list applies to every month given (the quarter the file covers).
/// - The area columns become the practice's parents: `PCO Code` (or `CCG Code`) the sub-ICB,
///   `Area Team Code` (or `STP Code`) the ICB level, `Regional Office Code` (or `Region Code`) the
///   region, with their names.
/// - A practice listed twice is an error naming both lines.
struct WideListSizeParser {
    let path: String
    let header: CSVHeader

    /// An area column pair (code and name) and the level it fills.
    private struct AreaColumns {
        var level: OrgLevel
        var code: Int
        var name: Int?
    }

    func parse(_ rows: ArraySlice<CSVRecord>, months: [YearMonth]) throws -> ListSizeFile {
        let layout = ListSizeLayout.nhsbsaWideQuarterly
        let codeColumn = try ListSizeReader.required(["Practice Code"], in: header, layout: layout, path: path)
        let nameColumn = header.index(of: "Practice Name")
        let bands: [(index: Int, column: WideBandColumn)] = header.names.enumerated().compactMap { i, name in
            WideBandColumn(name: name).map { (i, $0) }
        }
        let areaSpecs: [(OrgLevel, [String], [String])] = [
            (.subICB, ["PCO Code", "CCG Code"], ["PCO Name", "CCG Name"]),
            (.icb, ["Area Team Code", "STP Code"], ["Area Team Name", "STP Name"]),
            (.region, ["Regional Office Code", "Region Code"], ["Regional Office Name", "Region Name"]),
        ]
        let areas: [AreaColumns] = areaSpecs.compactMap { level, codes, names in
            header.firstIndex(ofAny: codes).map { AreaColumns(level: level, code: $0.index, name: header.firstIndex(ofAny: names)?.index) }
        }

        var practices: [String: PracticeList] = [:]
        var lines: [String: Int] = [:]
        var orgs = OrgDirectory()
        var rowsRead = 0
        for record in rows {
            rowsRead += 1
            try ListSizeReader.checkFieldCount(record, header: header, path: path)
            let code = record.trimmed(codeColumn)
            guard !code.isEmpty else {
                throw InputError(file: path, line: record.line, field: CSVRecordReader.trim(header.names[codeColumn]),
                                 reason: "empty practice code")
            }
            if let earlier = lines[code] {
                throw InputError(file: path, line: record.line, field: CSVRecordReader.trim(header.names[codeColumn]),
                                 reason: "practice \(code) is listed twice, on lines \(earlier) and \(record.line)")
            }
            lines[code] = record.line

            var list = PracticeList(total: 0)
            for band in bands {
                let value = try ListSizeReader.count(record, band.index, column: CSVRecordReader.trim(header.names[band.index]), path: path)
                list.total += value
                if band.column.male {
                    list.male[band.column.band, default: 0] += value
                } else {
                    list.female[band.column.band, default: 0] += value
                }
            }
            practices[code] = list

            var practice = PracticeRecord(code: code, kind: PrescriberCode.kind(of: code))
            if let nameColumn, case let n = record.trimmed(nameColumn), !n.isEmpty { practice.name = n }
            for area in areas {
                let areaCode = record.trimmed(area.code)
                guard !areaCode.isEmpty else { continue }
                practice.parents[area.level] = areaCode
                if let nameIndex = area.name { orgs.setName(record.trimmed(nameIndex), level: area.level, code: areaCode) }
            }
            orgs.upsert(practice)
        }
        let covered = Set(months).sorted().map { ListSizeMonth(month: $0, practices: practices) }
        return ListSizeFile(path: path, layout: layout, months: covered, rowsRead: rowsRead, orgs: orgs)
    }
}
