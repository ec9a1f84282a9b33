/// Reads practice list sizes (registered patients) in any of the published layouts, detected
/// from the header and never from column positions (see ``ListSizeLayout``).
///
/// Errors are ``InputError``s naming the file, and the line and column when they are about one:
/// an empty or header-only file, an unknown layout, a missing required column, a wrong field
/// count, a count that is not a whole number or is negative, a practice listed twice, age bands
/// that do not add up to the published total, and a wide file whose months cannot be told.
public enum ListSizeReader {
    /// Reads the list-size file at `path` (plain, `.gz` or `.zip`).
    ///
    /// - Parameters:
    ///   - path: the file.
    ///   - override: the months the lists apply to. The wide quarterly file has no date column:
    ///     without `override` its months come from the `YYYY_MM-MM` in its name (each month of
    ///     the span gets the same list, as OpenPrescribing does). For the dated layouts,
    ///     `override` replaces the month of `EXTRACT_DATE` (the file must then hold a single
    ///     extract), and each month given gets the list.
    public static func read(path: String, months override: [YearMonth]? = nil) throws -> ListSizeFile {
        let records = try CSVRecordReader.read(path: path)
        return try read(records: records, path: path, months: override)
    }

    /// Reads list sizes from records already split (the first is the header); `path` names the
    /// file in errors and, for the wide layout, supplies the months.
    public static func read(records: [CSVRecord], path: String, months override: [YearMonth]? = nil) throws -> ListSizeFile {
        guard let first = records.first else {
            throw InputError(file: path, reason: "empty file: no header and no rows")
        }
        let header = CSVHeader(first)
        guard let layout = ListSizeLayout.detect(header) else {
            let names = header.names.map { CSVRecordReader.trim($0) }.joined(separator: ", ")
            throw InputError(file: path, line: header.line,
                             reason: "unknown list-size layout: expected NUMBER_OF_PATIENTS (NHS Digital), Practice Code with Male/Female band columns (NHSBSA), or PracticeCode with AllAges or PracticeListSize (Public Health Scotland); header is \(names)")
        }
        if let override, override.isEmpty {
            throw InputError(file: path, reason: "the months override is empty")
        }
        let rows = records.dropFirst()
        guard !rows.isEmpty else {
            throw InputError(file: path, line: header.line, reason: "header only: the file holds no list-size rows")
        }
        switch layout {
        case .registeredQuinaryAge, .registeredAll:
            return try RegisteredPatientsParser(path: path, layout: layout, header: header).parse(rows, months: override)
        case .nhsbsaWideQuarterly:
            guard let months = override ?? months(fromFileName: path) else {
                throw InputError(file: path, reason: "the wide list-size layout has no date column, the file name holds no YYYY_MM-MM span (as in Patient_List_Size_2016_01-03.csv) and no months were given")
            }
            return try WideListSizeParser(path: path, header: header).parse(rows, months: months)
        case .phsPopulations:
            return try PHSPopulationsParser(path: path, header: header).parse(rows, months: override)
        case .phsContactDetails:
            guard let months = override ?? PHSContactDetailsParser.month(fromFileName: path).map({ [$0] }) else {
                throw InputError(file: path, reason: "the PHS contact-details layout has no date column, the file name holds no month and year (as in practice_contactdetails_jan2022.csv) and no month was given (--list-size-month)")
            }
            return try PHSContactDetailsParser(path: path, header: header).parse(rows, months: months)
        }
    }

    /// The months named by a `YYYY_MM-MM` span in a file name (`Patient_List_Size_2016_01-03.csv`
    /// → January to March 2016), or nil when the name holds none. Only the last path component is
    /// looked at; the span must lie within one year.
    public static func months(fromFileName path: String) -> [YearMonth]? {
        let name = Array((path.split(separator: "/").last.map(String.init) ?? path).utf8)
        func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
        func number(_ s: ArraySlice<UInt8>) -> Int { s.reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        guard name.count >= 10 else { return nil }
        for s in 0...(name.count - 10) {
            let w = name[s..<s + 10]
            let pattern: [Bool] = w.map(isDigit)
            guard pattern == [true, true, true, true, false, true, true, false, true, true],
                  w[s + 4] == 0x5F, w[s + 7] == 0x2D else { continue }
            // Not part of a longer run of digits.
            if s > 0 && isDigit(name[s - 1]) { continue }
            if s + 10 < name.count && isDigit(name[s + 10]) { continue }
            let year = number(w[s..<s + 4]), from = number(w[s + 5..<s + 7]), to = number(w[s + 8..<s + 10])
            guard let start = YearMonth(year: year, month: from), YearMonth(year: year, month: to) != nil,
                  to >= from else { continue }
            return (0...(to - from)).map { start.advanced(by: $0) }
        }
        return nil
    }

    /// The month of an `EXTRACT_DATE`: `01SEP2017`, `2024-06-01`, `20240601`, `201709` (see
    /// ``YearMonth/init(parsing:)``) and the `01-Apr-20` / `01-Apr-2020` form of some
    /// publications; nil for anything else.
    public static func extractMonth(_ text: String) -> YearMonth? {
        let t = CSVRecordReader.trim(text)
        if let m = YearMonth(parsing: t) { return m }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 2, parts[0].allSatisfy(\.isASCII), Int(parts[0]) != nil,
              let y = Int(parts[2]), parts[2].count == 2 || parts[2].count == 4 else { return nil }
        let names = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
        guard let i = names.firstIndex(of: parts[1].uppercased()) else { return nil }
        return YearMonth(year: parts[2].count == 2 ? 2000 + y : y, month: i + 1)
    }

    /// Parses a patient count: a whole number, not negative, padding ignored.
    static func count(_ record: CSVRecord, _ index: Int, column: String, path: String) throws -> Int64 {
        let text = record.trimmed(index)
        guard !text.isEmpty else {
            throw InputError(file: path, line: record.line, field: column, reason: "empty patient count")
        }
        guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 || $0 == 0x2D }), let value = Int64(text) else {
            throw InputError(file: path, line: record.line, field: column, reason: "not a whole number: '\(text)'")
        }
        guard value >= 0 else {
            throw InputError(file: path, line: record.line, field: column, reason: "negative patient count: \(value)")
        }
        return value
    }

    /// Checks a row has the header's number of fields (extra trailing empty fields allowed).
    static func checkFieldCount(_ record: CSVRecord, header: CSVHeader, path: String) throws {
        let expected = header.names.count
        let n = record.fields.count
        if n == expected { return }
        if n > expected, record.fields[expected...].allSatisfy({ CSVRecordReader.trim($0).isEmpty }) { return }
        throw InputError(file: path, line: record.line,
                         reason: "wrong field count: expected \(expected) fields as in the header, found \(n)")
    }

    /// The index of a required column, or an error naming it.
    static func required(_ names: [String], in header: CSVHeader, layout: ListSizeLayout, path: String) throws -> Int {
        if let found = header.firstIndex(ofAny: names) { return found.index }
        let alternatives = names.count > 1 ? " (or " + names.dropFirst().joined(separator: ", ") + ")" : ""
        throw InputError(file: path, line: header.line, field: names[0],
                         reason: "missing required column \(names[0])\(alternatives) for the \(layout.rawValue) layout")
    }
}
