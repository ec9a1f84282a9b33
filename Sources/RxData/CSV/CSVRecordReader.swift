/// One record of a CSV file: its fields, decoded, and the 1-based line it starts on.
public struct CSVRecord: Sendable, Equatable {
    /// The physical line (1-based) on which the record starts. A quoted field may carry the
    /// record over several lines; the record keeps the line it began on.
    public var line: Int
    /// The fields as written, quotes removed and doubled quotes undone; never trimmed.
    public var fields: [String]

    /// Creates a record.
    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }

    /// The field at `index` with leading and trailing spaces removed, or `""` when the record is
    /// shorter (so a missing trailing column reads as empty).
    public func trimmed(_ index: Int) -> String {
        index < fields.count ? CSVRecordReader.trim(fields[index]) : ""
    }

    /// True when every field is empty or blank (a line of commas, or a line of spaces).
    public var isBlank: Bool { fields.allSatisfy { CSVRecordReader.trim($0).isEmpty } }
}

/// A correct, simple RFC 4180 reader for the small files RxAtlas reads whole: list sizes,
/// organisation and code mappings, PDPI companion files. (The prescribing files go through the
/// byte-level scanner instead.)
///
/// What it accepts:
/// - Fields separated by commas; a field that starts with `"` is quoted and may hold commas,
///   line breaks and doubled quotes (`""` → `"`). Text after a closing quote is kept as is
///   (`"ab"c` → `abc`); a quote inside an unquoted field is kept literally.
/// - Records ended by LF or CRLF; the last record needs no line ending. Empty lines (nothing
///   between two line endings) are skipped, but counted for line numbers.
/// - A UTF-8 byte-order mark at the start is skipped.
///
/// **Text decoding.** The whole file is decoded as UTF-8 when every byte of it is valid UTF-8;
/// otherwise every byte is read as latin-1 (ISO 8859-1: byte value = code point). The choice is
/// made once per file, never per field, so a file cannot come out half in each. Plain ASCII reads
/// the same either way; NHS files published as latin-1 (`£`, accented names) decode correctly,
/// and UTF-8 files (`£` as `C2 A3`) are not double-decoded.
///
/// Fields are not trimmed: callers trim (``trim(_:)``, ``CSVRecord/trimmed(_:)``) where the
/// layout pads with spaces, and ignore a trailing empty column where the layout has one.
///
/// An unterminated quoted field is refused with an ``InputError`` naming the file, the line on
/// which the quote opened and the column (`column N`, 1-based).
public enum CSVRecordReader {
    /// Reads the file at `path` (plain, `.gz` or `.zip`, decompressed) into records.
    public static func read(path: String) throws -> [CSVRecord] {
        try records(in: LineChunks.readAll(path: path), file: path)
    }

    /// Splits `bytes` into records; `file` names the source in errors.
    public static func records(in bytes: [UInt8], file: String) throws -> [CSVRecord] {
        var start = 0
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { start = 3 }
        let utf8 = isValidUTF8(bytes[start...])

        var out: [CSVRecord] = []
        try bytes.withUnsafeBufferPointer { buffer in
            var fields: [String] = []
            var quotedField: [UInt8] = []
            var line = 1
            var recordLine = 1
            var i = start
            let n = buffer.count

            func text(_ range: Range<Int>) -> String {
                decode(UnsafeBufferPointer(rebasing: buffer[range]), utf8: utf8)
            }

            while i < n {
                // One field. `fieldIsQuoted` fields are gathered in `quotedField`; plain ones are
                // decoded straight from the input.
                let value: String
                var fieldIsQuoted = false
                if buffer[i] == 0x22 {
                    fieldIsQuoted = true
                    let openLine = line
                    quotedField.removeAll(keepingCapacity: true)
                    i += 1
                    var closed = false
                    while i < n {
                        let b = buffer[i]
                        if b == 0x22 {
                            if i + 1 < n && buffer[i + 1] == 0x22 {
                                quotedField.append(0x22)
                                i += 2
                                continue
                            }
                            i += 1
                            closed = true
                            break
                        }
                        if b == 0x0A { line += 1 }
                        quotedField.append(b)
                        i += 1
                    }
                    if !closed {
                        throw InputError(file: file, line: openLine, field: "column \(fields.count + 1)",
                                         reason: "quoted field is not closed before the end of the file")
                    }
                    // Text after the closing quote is kept as is (a CR before LF is not).
                    let restStart = i
                    while i < n && buffer[i] != 0x2C && buffer[i] != 0x0A { i += 1 }
                    var restEnd = i
                    if restEnd > restStart && buffer[restEnd - 1] == 0x0D && (i == n || buffer[i] == 0x0A) { restEnd -= 1 }
                    quotedField.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[restStart..<restEnd]))
                    value = quotedField.withUnsafeBufferPointer { decode($0, utf8: utf8) }
                } else {
                    let fieldStart = i
                    while i < n && buffer[i] != 0x2C && buffer[i] != 0x0A { i += 1 }
                    var fieldEnd = i
                    if fieldEnd > fieldStart && buffer[fieldEnd - 1] == 0x0D && (i == n || buffer[i] == 0x0A) { fieldEnd -= 1 }
                    value = text(fieldStart..<fieldEnd)
                }
                let endsRecord = !(i < n && buffer[i] == 0x2C)
                if !endsRecord {
                    fields.append(value)
                    i += 1
                    if i == n {
                        // The input ended right after a comma: the record's last field is empty.
                        fields.append("")
                        out.append(CSVRecord(line: recordLine, fields: fields))
                        fields.removeAll()
                    }
                    continue
                }
                // End of record: LF or end of input. A line with nothing on it is skipped.
                if !(fields.isEmpty && value.isEmpty && !fieldIsQuoted) {
                    fields.append(value)
                    out.append(CSVRecord(line: recordLine, fields: fields))
                    fields.removeAll(keepingCapacity: true)
                }
                if i < n {
                    i += 1  // the LF
                    line += 1
                }
                recordLine = line
            }
        }
        return out
    }

    /// Removes leading and trailing spaces, tabs and carriage returns.
    public static func trim(_ text: String) -> String {
        var s = Substring(text)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }

    /// Decodes bytes as UTF-8 when `utf8` is true, else as latin-1.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, utf8: Bool) -> String {
        if utf8 || !bytes.contains(where: { $0 >= 0x80 }) { return String(decoding: bytes, as: UTF8.self) }
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for b in bytes { scalars.append(Unicode.Scalar(b)) }
        return String(scalars)
    }

    /// Whether `bytes` is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        guard bytes.contains(where: { $0 >= 0x80 }) else { return true }  // ASCII
        var it = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&it) {
            case .scalarValue: continue
            case .emptyInput: return true
            case .error: return false
            }
        }
    }
}
