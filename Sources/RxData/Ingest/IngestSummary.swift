/// What reading one prescribing file did: every line is accounted for.
///
/// `linesRead` = header + `rowsKept` + `linesQuarantined` + `blankLines`; nothing else
/// happens to a line.
public struct IngestSummary: Sendable, Codable, Equatable {
    /// The file read.
    public var file: String
    /// The layout detected.
    public var format: PrescribingFormat
    /// Lines in the file, the header included.
    public var linesRead: Int = 0
    /// Data rows parsed and summed into the month tables.
    public var rowsKept: Int = 0
    /// Bad lines written to the quarantine file (only under `--on-error quarantine:FILE`).
    public var linesQuarantined: Int = 0
    /// Empty lines (for instance a blank line at the end of the file).
    public var blankLines: Int = 0
    /// Values below zero per measure, kept as published (credits and corrections).
    public var negativeValues: [String: Int] = [:]
    /// Values with more than five decimals, rounded half-to-even at the fifth.
    public var roundedValues: Int = 0
    /// Empty ADQ usage fields, read as zero.
    public var emptyADQValues: Int = 0
    /// Rows after summing pack sizes per (month, practice, presentation), over all months.
    public var rowsOut: Int = 0
    /// Months the file held.
    public var months: [YearMonth] = []
    /// The first line of each month in the file (by month, `YYYY-MM`).
    public var firstLines: [String: Int] = [:]

    /// Creates an empty summary.
    public init(file: String, format: PrescribingFormat) {
        self.file = file
        self.format = format
    }

    enum CodingKeys: String, CodingKey {
        case file, format, months
        case linesRead = "lines_read", rowsKept = "rows_kept", linesQuarantined = "lines_quarantined"
        case blankLines = "blank_lines", negativeValues = "negative_values", roundedValues = "rounded_values"
        case emptyADQValues = "empty_adq_values", rowsOut = "rows_out", firstLines = "first_lines"
    }
}

/// A line that could not be read, with where and why.
public struct RejectedLine: Sendable, Equatable {
    /// The 1-based line number.
    public var line: Int
    /// The column at fault, when one is.
    public var field: String?
    /// Why the line was rejected.
    public var reason: String
    /// The line exactly as it was in the file (without its line ending).
    public var text: [UInt8]

    /// Creates a rejected line.
    public init(line: Int, field: String?, reason: String, text: [UInt8]) {
        self.line = line
        self.field = field
        self.reason = reason
        self.text = text
    }
}

/// What to do with a line that cannot be read.
public enum ErrorPolicy: Sendable, Equatable {
    /// Stop at the first bad line with an error naming file, line, field and reason.
    case fail
    /// Write each bad line verbatim with its reason to a file and go on.
    case quarantine(path: String)

    /// Parses the command-line spelling: `fail` or `quarantine:FILE`.
    public init?(argument: String) {
        if argument == "fail" { self = .fail; return }
        if argument.hasPrefix("quarantine:"), argument.count > "quarantine:".count {
            self = .quarantine(path: String(argument.dropFirst("quarantine:".count)))
            return
        }
        return nil
    }
}
