/// Reads Public Health Scotland's "GP Practice Contact Details and List Sizes"
/// (``ListSizeLayout/phsContactDetails``): quarterly, one row per practice, `PracticeCode`,
/// `GPPracticeName`, `PracticeListSize`, the address and `Postcode`, `PracticeType`,
/// `Dispensing`, `HB`, `HSCP`, `DataZone`, `GPCluster`.
///
/// Rules:
/// - The file has no date: its month comes from the month and year in its name
///   (`practice_contactdetails_jan2022.csv`, `…_oct2021-open-data.csv`) or from the caller.
/// - A practice's total is `PracticeListSize`; the file has no age bands.
/// - A practice listed twice is an error naming both lines.
/// - The practice's name and postcode are recorded; its board, HSCP and GP cluster become its
///   `icb`, `subICB` and `pcn` ancestors, Scotland its nation. Cluster names repeat across
///   HSCPs, so a cluster's code is `<HSCP code>/<cluster name>` and its name the cluster name.
/// - Column-name variants across the years are accepted (`HB2014`, `HSCP2016`, `PracticeName`…).
struct PHSContactDetailsParser {
    let path: String
    let header: CSVHeader

    func parse(_ rows: ArraySlice<CSVRecord>, months: [YearMonth]) throws -> ListSizeFile {
        let layout = ListSizeLayout.phsContactDetails
        let codeColumn = try ListSizeReader.required(["PracticeCode"], in: header, layout: layout, path: path)
        let sizeColumn = try ListSizeReader.required(["PracticeListSize"], in: header, layout: layout, path: path)
        let nameColumn = header.firstIndex(ofAny: ["GPPracticeName", "PracticeName"])?.index
        let postcodeColumn = header.index(of: "Postcode")
        let areas = PHSAreaColumns(header)
        let clusterColumn = header.firstIndex(ofAny: ["GPCluster", "Cluster"])?.index
        let name = { (i: Int) in CSVRecordReader.trim(header.names[i]) }

        var practices: [String: PracticeList] = [:]
        var lines: [String: Int] = [:]
        var orgs = PHSAreaColumns.directory()
        var rowsRead = 0
        for record in rows {
            rowsRead += 1
            try ListSizeReader.checkFieldCount(record, header: header, path: path)
            let code = record.trimmed(codeColumn)
            guard !code.isEmpty else {
                throw InputError(file: path, line: record.line, field: name(codeColumn), reason: "empty practice code")
            }
            if let earlier = lines[code] {
                throw InputError(file: path, line: record.line, field: name(codeColumn),
                                 reason: "practice \(code) is listed twice, on lines \(earlier) and \(record.line)")
            }
            lines[code] = record.line
            practices[code] = PracticeList(total: try ListSizeReader.count(record, sizeColumn, column: name(sizeColumn), path: path))

            var practice = areas.practice(code, record)
            if let nameColumn, case let v = record.trimmed(nameColumn), !v.isEmpty { practice.name = v }
            if let postcodeColumn, case let v = record.trimmed(postcodeColumn), !v.isEmpty { practice.postcode = v }
            let hscp = practice.parents[.subICB] ?? ""
            if let clusterColumn, case let cluster = record.trimmed(clusterColumn), !cluster.isEmpty {
                let unit = hscp.isEmpty ? cluster : hscp + "/" + cluster
                practice.parents[.pcn] = unit
                orgs.setName(cluster, level: .pcn, code: unit)
            }
            orgs.upsert(practice)
        }
        let covered = Set(months).sorted().map { ListSizeMonth(month: $0, practices: practices) }
        return ListSizeFile(path: path, layout: layout, months: covered, rowsRead: rowsRead, orgs: orgs)
    }

    /// The month named by a month and year in a file name (`jan2022`, `Oct2021`, `april_2023`),
    /// or nil when it names none. Only the last path component is looked at.
    static func month(fromFileName path: String) -> YearMonth? {
        let name = (path.split(separator: "/").last.map(String.init) ?? path).lowercased()
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        let chars = Array(name)
        var i = 0
        while i < chars.count {
            guard chars[i].isLetter, i == 0 || !chars[i - 1].isLetter else { i += 1; continue }
            var j = i
            while j < chars.count && chars[j].isLetter { j += 1 }
            let word = String(chars[i..<j])
            var k = j
            if k < chars.count && (chars[k] == "_" || chars[k] == "-") { k += 1 }
            var l = k
            while l < chars.count && chars[l].isNumber { l += 1 }
            if let m = months.firstIndex(where: { Self.isMonthWord(word, $0) }), l - k == 4,
               l == chars.count || !chars[l].isNumber,
               let year = Int(String(chars[k..<l])), (1990...2100).contains(year) {
                return YearMonth(year: year, month: m + 1)
            }
            i = j
        }
        return nil
    }

    /// Whether a word is a month's name or its three-letter abbreviation (`sep`, `sept`, `september`).
    private static func isMonthWord(_ word: String, _ abbreviation: String) -> Bool {
        let full = ["jan": "january", "feb": "february", "mar": "march", "apr": "april", "may": "may", "jun": "june",
                    "jul": "july", "aug": "august", "sep": "september", "oct": "october", "nov": "november", "dec": "december"]
        return word == abbreviation || word == full[abbreviation] || (abbreviation == "sep" && word == "sept")
    }
}
