/// Readers for the two companion files NHS Digital published with each month of practice-level
/// prescribing (PDPI), 2010 – ~2020.
///
/// - `TYYYYMMADDR BNFT.CSV`: no header; `PERIOD, PRACTICE, NAME, ADDR1, ADDR2, ADDR3, ADDR4,
///   POSTCODE`, fields padded with spaces. Read by ``readAddresses(path:)``.
/// - `TYYYYMMCHEM SUBS.CSV`: header `CHEM SUB,NAME,YYYYMM,` and rows `code,name,` (a trailing
///   empty column), padded with spaces. Read by ``readChemicals(path:)``.
///
/// ``CompanionFile/detect(path:)`` tells them apart from their content.
public enum PDPICompanions {
    /// The ADDR columns, in order.
    public static let addressColumns = ["PERIOD", "PRACTICE", "NAME", "ADDR1", "ADDR2", "ADDR3", "ADDR4", "POSTCODE"]

    /// Reads an ADDR file: one ``PracticeRecord`` per row, in file order, with the practice's
    /// name and postcode (padding trimmed; blank values left nil).
    ///
    /// Errors (located by line and column): an empty file, a row without 8 fields (a ninth,
    /// empty, trailing field is allowed), a `PERIOD` that is not a `YYYYMM` month, an empty
    /// `PRACTICE`, and the same practice twice with different details.
    public static func readAddresses(path: String) throws -> [PracticeRecord] {
        let records = try CSVRecordReader.read(path: path)
        guard !records.isEmpty else {
            throw InputError(file: path, reason: "empty file: a PDPI ADDR file has one row per practice")
        }
        var out: [PracticeRecord] = []
        var seen: [String: (line: Int, index: Int)] = [:]
        for record in records where !record.isBlank {
            try checkFieldCount(record, expected: addressColumns.count, path: path)
            let period = record.trimmed(0)
            guard period.utf8.count == 6, period.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                  YearMonth(parsing: period) != nil else {
                throw InputError(file: path, line: record.line, field: "PERIOD",
                                 reason: "not a YYYYMM month: '\(period)'")
            }
            let code = record.trimmed(1)
            guard !code.isEmpty else {
                throw InputError(file: path, line: record.line, field: "PRACTICE", reason: "empty practice code")
            }
            let name = record.trimmed(2), postcode = record.trimmed(7)
            let practice = PracticeRecord(code: code, name: name.isEmpty ? nil : name,
                                          kind: PrescriberCode.kind(of: code),
                                          postcode: postcode.isEmpty ? nil : postcode)
            if let earlier = seen[code] {
                if out[earlier.index] == practice { continue }
                let field = out[earlier.index].name != practice.name ? "NAME" : "POSTCODE"
                throw InputError(file: path, line: record.line, field: field,
                                 reason: "practice \(code) is on lines \(earlier.line) and \(record.line) with different details")
            }
            seen[code] = (record.line, out.count)
            out.append(practice)
        }
        return out
    }

    /// Reads a CHEM file: chemical substance names by code (padding trimmed). Appliance rows
    /// carry short codes (`2396`) and are kept as such.
    ///
    /// Errors (located by line and column): an empty file, a header that does not start with
    /// `CHEM SUB`, a header with no rows, a row without 2 fields (a third, empty, trailing field
    /// is allowed), a code that cannot be a BNF code, an empty name, and the same code twice with
    /// different names.
    public static func readChemicals(path: String) throws -> [BNFCode: String] {
        let records = try CSVRecordReader.read(path: path)
        guard let header = records.first else {
            throw InputError(file: path, reason: "empty file: a PDPI CHEM file starts with the header CHEM SUB,NAME,YYYYMM,")
        }
        guard CSVHeader.normalise(header.fields[0]).hasPrefix("chem sub") else {
            throw InputError(file: path, line: header.line, field: "CHEM SUB",
                             reason: "not a PDPI CHEM file: the header should start with CHEM SUB, found '\(CSVRecordReader.trim(header.fields[0]))'")
        }
        guard records.count > 1 else {
            throw InputError(file: path, line: header.line, reason: "header only: the CHEM file lists no chemicals")
        }
        var names: [BNFCode: String] = [:]
        var lines: [BNFCode: Int] = [:]
        for record in records.dropFirst() where !record.isBlank {
            try checkFieldCount(record, expected: 2, path: path)
            let text = record.trimmed(0)
            guard let code = BNFCode(text) else {
                throw InputError(file: path, line: record.line, field: "CHEM SUB", reason: "not a BNF code: '\(text)'")
            }
            let name = record.trimmed(1)
            guard !name.isEmpty else {
                throw InputError(file: path, line: record.line, field: "NAME", reason: "empty name for \(code)")
            }
            if let earlier = lines[code], names[code] != name {
                throw InputError(file: path, line: record.line, field: "NAME",
                                 reason: "\(code) is named '\(names[code]!)' on line \(earlier) but '\(name)' on line \(record.line)")
            }
            names[code] = name
            if lines[code] == nil { lines[code] = record.line }
        }
        return names
    }

    /// The month a CHEM file's header names (`CHEM SUB,NAME,201304,` → 2013-04), if it names one.
    public static func chemicalsMonth(path: String) throws -> YearMonth? {
        guard let header = try CSVRecordReader.read(path: path).first else { return nil }
        return header.fields.dropFirst(2).lazy.compactMap { YearMonth(parsing: CSVRecordReader.trim($0)) }.first
    }

    /// Checks a row has `expected` fields, or one more that is empty (the trailing comma).
    private static func checkFieldCount(_ record: CSVRecord, expected: Int, path: String) throws {
        let n = record.fields.count
        if n == expected || (n == expected + 1 && record.trimmed(expected).isEmpty) { return }
        throw InputError(file: path, line: record.line,
                         reason: "wrong field count: expected \(expected), found \(n)")
    }
}

/// The kind of a companion (non-prescribing) file, told from its content, so that a file given
/// on the command line can be routed to its reader.
public enum CompanionFile: String, Sendable, CaseIterable {
    /// A PDPI ADDR file (practice names and addresses): the first line has 8 fields and starts
    /// with a 6-digit `YYYYMM` period.
    case pdpiAddresses = "pdpi-addr"
    /// A PDPI CHEM file (chemical substance names): the first line starts with `CHEM SUB`.
    case pdpiChemicals = "pdpi-chem"

    /// The kind of the file at `path` (plain, `.gz` or `.zip`), judged from its first line only;
    /// nil when it is neither (a prescribing file, for instance).
    public static func detect(path: String) throws -> CompanionFile? {
        detect(firstLine: try firstLine(path: path))
    }

    /// The kind a file's first line announces; nil when it is neither.
    public static func detect(firstLine: [UInt8]) -> CompanionFile? {
        var line = firstLine[...]
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        guard let record = try? CSVRecordReader.records(in: Array(line), file: "").first else { return nil }
        if CSVHeader.normalise(record.fields[0]).hasPrefix("chem sub") { return .pdpiChemicals }
        let n = record.fields.count
        let period = record.trimmed(0)
        if n == 8 || (n == 9 && record.trimmed(8).isEmpty),
           period.utf8.count == 6, period.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
           YearMonth(parsing: period) != nil, !record.trimmed(1).isEmpty {
            return .pdpiAddresses
        }
        return nil
    }

    /// The first line of a file, decompressed, without its line ending; reads only the first chunk.
    private static func firstLine(path: String) throws -> [UInt8] {
        struct Stop: Error {}
        var head: [UInt8] = []
        do {
            try LineChunks(path: path, chunkSize: 1 << 16).forEach { chunk, _ in
                head.append(contentsOf: chunk.prefix(1 << 16))
                throw Stop()
            }
        } catch is Stop {}
        if let end = head.firstIndex(of: 0x0A) { head.removeSubrange(end...) }
        if head.last == 0x0D { head.removeLast() }
        return head
    }
}
