/// What an `ingest` run did, file by file.
public struct IngestReport: Sendable, Codable {
    /// One summary per prescribing file.
    public var files: [IngestSummary] = []
    /// Companion files read (PDPI ADDR/CHEM) and what they gave.
    public var companions: [String: String] = [:]
    /// List-size files: path → months covered and practices per month.
    public var listSizes: [ListSizeReport] = []
    /// Practices in the list-size data with no prescribing in the same month (reported, not fatal).
    public var listSizePracticesWithoutPrescribing: [String: Int] = [:]
    /// Months written to the store.
    public var monthsWritten: [YearMonth] = []
    /// Where bad lines were written, when quarantining.
    public var quarantineFile: String?
    /// Rows of the code mapping that were not loaded (a code that cannot be a BNF code).
    public var codeMappingRowsNotLoaded = 0
    /// The first few of them, each naming its line, field and reason.
    public var codeMappingRowsNotLoadedFirst: [String] = []
    /// Per month written: prescribers by kind.
    public var prescribers: [String: PrescriberCounts] = [:]
    /// Where each prescribing month's list sizes come from in the store after the run: `own`,
    /// `carried from YYYY-MM` or `missing` (ListSizeTimeline's carry rule).
    public var listSizeSources: [String: String] = [:]
    /// Per month given by several list-size files of the run: how they were combined (the
    /// practices each added, and those whose totals differ).
    public var listSizeMerges: [String: String] = [:]

    /// How a month's prescribers divide: standard GP practices (a registered list, or an org
    /// mapping `setting` of GP), other practices, unidentified buckets and non-practice prescribers.
    public struct PrescriberCounts: Sendable, Codable, Equatable {
        /// Standard GP practices.
        public var standardPractices = 0
        /// Practice codes that are not standard GP practices (no list, or another setting).
        public var otherPractices = 0
        /// Unidentified-prescribing buckets.
        public var unidentified = 0
        /// Non-practice prescribers (Scotland's 99996–99999).
        public var nonPractice = 0

        /// Creates empty counts.
        public init() {}

        enum CodingKeys: String, CodingKey {
            case standardPractices = "standard_practices", otherPractices = "other_practices"
            case unidentified, nonPractice = "non_practice"
        }
    }

    /// Creates an empty report.
    public init() {}

    /// One list-size file's contribution.
    public struct ListSizeReport: Sendable, Codable {
        /// The file.
        public var file: String
        /// Its layout.
        public var layout: String
        /// Months it covers.
        public var months: [YearMonth]
        /// Practices with a list, per month (same for every month of a file).
        public var practices: Int
        /// Rows skipped, by reason.
        public var skipped: [String: Int]
    }

    enum CodingKeys: String, CodingKey {
        case files, companions
        case listSizes = "list_sizes"
        case listSizePracticesWithoutPrescribing = "list_size_practices_without_prescribing"
        case monthsWritten = "months_written"
        case quarantineFile = "quarantine_file"
        case codeMappingRowsNotLoaded = "code_mapping_rows_not_loaded"
        case codeMappingRowsNotLoadedFirst = "code_mapping_rows_not_loaded_first"
        case prescribers
        case listSizeSources = "list_size_sources"
        case listSizeMerges = "list_size_merges"
    }

    /// A plain-text summary for the terminal.
    public func text(seconds: Double) -> String {
        var out: [String] = []
        for f in files {
            var line = "\(f.file): \(f.format.rawValue), \(f.linesRead) lines read, \(f.rowsKept) rows kept, " +
                "\(f.linesQuarantined) quarantined, \(f.rowsOut) rows after summing pack sizes"
            if f.blankLines > 0 { line += ", \(f.blankLines) blank lines" }
            if !f.negativeValues.isEmpty {
                line += ", negative values kept: " + f.negativeValues.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            }
            if f.roundedValues > 0 { line += ", \(f.roundedValues) values rounded to 5 decimals" }
            if f.emptyADQValues > 0 { line += ", \(f.emptyADQValues) empty ADQ values read as 0" }
            line += "; months " + f.months.map(\.description).joined(separator: ", ")
            out.append(line)
        }
        for (file, what) in companions.sorted(by: { $0.key < $1.key }) { out.append("\(file): \(what)") }
        for l in listSizes {
            out.append("\(l.file): \(l.layout), \(l.practices) practices, months " + l.months.map(\.description).joined(separator: ", ") +
                       (l.skipped.isEmpty ? "" : "; skipped " + l.skipped.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")))
        }
        for (month, what) in listSizeMerges.sorted(by: { $0.key < $1.key }) {
            out.append((what.contains("differ") ? "warning: " : "note: ") + "list sizes for \(month) " + what)
        }
        for (month, n) in listSizePracticesWithoutPrescribing.sorted(by: { $0.key < $1.key }) where n > 0 {
            out.append("note: \(n) practices have a list size but no prescribing in \(month)")
        }
        for (month, c) in prescribers.sorted(by: { $0.key < $1.key }) {
            out.append("\(month): \(c.standardPractices) standard GP practices, \(c.otherPractices) other practices, " +
                       "\(c.unidentified) unidentified buckets, \(c.nonPractice) non-practice prescribers")
        }
        let carried = listSizeSources.filter { $0.value.hasPrefix("carried") }.sorted { $0.key < $1.key }
        if !carried.isEmpty {
            out.append("list sizes carried forward: " + carried.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        let missing = listSizeSources.filter { $0.value == "missing" }.keys.sorted()
        if !missing.isEmpty {
            out.append("warning: " + ListSizeTimeline.missingWarning(missing.compactMap { YearMonth(parsing: $0) },
                                                                       carry: ListSizeTimeline.defaultCarry))
        }
        if codeMappingRowsNotLoaded > 0 {
            out.append("warning: \(codeMappingRowsNotLoaded) code-mapping row(s) not loaded (codes that cannot be BNF codes); first: "
                       + codeMappingRowsNotLoadedFirst.joined(separator: "; "))
        }
        if let q = quarantineFile { out.append("bad lines written to \(q)") }
        if !monthsWritten.isEmpty {
            out.append("committed \(monthsWritten.count) month(s): " + monthsWritten.map(\.description).joined(separator: ", "))
        }
        out.append(String(format: "done in %.2f s", seconds))
        return out.joined(separator: "\n")
    }
}

import Foundation
