import Foundation

/// Runs an ingest: reads every input of an ``IngestOptions`` and writes the store.
///
/// Order of precedence for organisation data: what the store already holds, then what the
/// prescribing files say, then PDPI address files, then the org mapping (which wins). A month
/// that appears in more than one input of the same run is summed across them (England's and
/// Scotland's files for one month, say); a month from an earlier run is replaced. The same file
/// given twice is refused, so nothing is counted twice.
public struct StoreIngest: Sendable {
    /// The inputs and settings.
    public let options: IngestOptions

    /// Creates an ingest.
    public init(options: IngestOptions) { self.options = options }

    /// Reads everything and, when `storePath` is given, writes the store; `progress` receives one
    /// line per step for the terminal; `steps` is told as each prescribing file is finished.
    ///
    /// Every input is checked to exist and be readable before anything is written, and a store
    /// this run created is removed again when the run fails, so a failed first ingest leaves no
    /// empty store behind.
    public func run(store storePath: String?, steps: ProgressReporter = .silent,
                    progress: (String) -> Void = { _ in }) throws -> IngestReport {
        try Self.checkReadable(options.files + options.listSizes + [options.orgMapping, options.codeMapping].compactMap { $0 })
        guard let storePath, !FileManager.default.fileExists(atPath: storePath + "/store.json") else {
            return try ingest(store: storePath, steps: steps, progress: progress)
        }
        let existed = FileManager.default.fileExists(atPath: storePath)
        do {
            return try ingest(store: storePath, steps: steps, progress: progress)
        } catch {
            Self.removeCreatedStore(at: storePath, keepDirectory: existed)
            throw error
        }
    }

    /// Refuses, before anything is read or written, an input that does not exist, is a directory
    /// or cannot be opened (``InputError/isUnreadable``), and a regular file that is empty.
    static func checkReadable(_ paths: [String]) throws {
        for path in paths {
            var st = stat()
            guard stat(path, &st) == 0 else { throw InputError.unreadable(path, "cannot open", errno: errno) }
            if (st.st_mode & S_IFMT) == S_IFDIR { throw InputError.unreadable(path, "cannot read", errno: EISDIR) }
            guard access(path, R_OK) == 0 else { throw InputError.unreadable(path, "cannot open", errno: errno) }
            if (st.st_mode & S_IFMT) == S_IFREG && st.st_size == 0 {
                throw InputError(file: path, reason: "is empty (0 bytes): expected a header line and data")
            }
        }
    }

    /// Removes what a failed first ingest created: the store directory, or only its contents
    /// when the directory was there (empty) before the run.
    private static func removeCreatedStore(at path: String, keepDirectory: Bool) {
        let fm = FileManager.default
        guard keepDirectory else { try? fm.removeItem(atPath: path); return }
        for name in (try? fm.contentsOfDirectory(atPath: path)) ?? [] { try? fm.removeItem(atPath: path + "/" + name) }
    }

    private func ingest(store storePath: String?, steps: ProgressReporter, progress: (String) -> Void) throws -> IngestReport {
        var report = IngestReport()
        var inputs: [ProvenanceEntry.InputFile] = []
        var seen: [String: String] = [:]   // checksum -> path
        func describe(_ path: String, known: (size: Int64, xxh64: UInt64)? = nil) throws -> ProvenanceEntry.InputFile {
            let d = try known.map { ProvenanceEntry.InputFile(path: path, size: $0.size, checksum: ProvenanceEntry.InputFile.checksumText($0.xxh64)) }
                ?? ProvenanceEntry.InputFile(describing: path)
            if let other = seen[d.checksum] {
                throw InputError(file: path, reason: "has the same contents as \(other); each file may be given once, so nothing is counted twice")
            }
            seen[d.checksum] = path
            inputs.append(d)
            return d
        }

        let mapping = try options.codeMapping.map { path -> CodeMapping in
            _ = try describe(path)
            return try CodeMapping.read(path: path)
        }
        var codeMap: (@Sendable (BNFCode) -> BNFCode)? = nil
        if let mapping { codeMap = { code in mapping.map(code) } }

        let store = try storePath.map { try Store.openOrCreate(at: $0, softwareVersion: options.softwareVersion) }
        var orgs = try store?.readOrgs() ?? OrgDirectory()
        var addressRecords: [PracticeRecord] = []
        var names: [BNFCode: String] = [:]
        var written: [YearMonth: Bool] = [:]
        var practicesByMonth: [YearMonth: Set<String>] = [:]
        var listsByMonth: [YearMonth: ListSizeMonth] = [:]
        var rejected: [(String, RejectedLine)] = []
        let reader = PrescribingReader(errorPolicy: options.errorPolicy, codeMap: codeMap, threads: options.threads)

        for (i, path) in options.files.enumerated() {
            defer { steps.step("files", done: i + 1, total: options.files.count) }
            if let companion = try CompanionFile.detect(path: path) {
                _ = try describe(path)
                switch companion {
                case .pdpiAddresses:
                    let records = try PDPICompanions.readAddresses(path: path)
                    addressRecords += records
                    report.companions[path] = "PDPI addresses: \(records.count) practices"
                case .pdpiChemicals:
                    let chemicals = try PDPICompanions.readChemicals(path: path)
                    for (code, name) in chemicals { names[code] = names[code] ?? name }
                    report.companions[path] = "PDPI chemical names: \(chemicals.count)"
                }
                progress("read \(path) (\(companion.rawValue))")
                continue
            }
            progress("reading \(path)")
            let file = try reader.read(path: path)
            // Plain files are hashed during the scan; compressed ones are hashed here.
            _ = try describe(path, known: file.digest)
            inputs[inputs.count - 1].months = file.months.map(\.month).sorted()
            report.files.append(file.summary)
            rejected += file.rejected.map { (path, $0) }
            orgs.merge(file.orgs)
            for (code, name) in file.presentationNames where names[code] == nil { names[code] = name }
            for (code, name) in file.chemicalNames where names[code] == nil { names[code] = name }
            for var month in file.months {
                if written[month.month] == true, let store {
                    month = try store.loadMonth(month.month).decode().merged(with: month)
                    progress("  \(month.month): summed with an earlier file of this run")
                }
                practicesByMonth[month.month, default: []].formUnion(month.practiceCodes)
                if let store {
                    _ = try store.writeMonth(month)
                    progress("  wrote \(month.month): \(month.rowCount) rows, \(month.practiceCodes.count) prescribers")
                }
                written[month.month] = true
            }
        }
        for record in addressRecords { orgs.upsert(record) }

        for path in options.listSizes {
            _ = try describe(path)
            let file = try ListSizeReader.read(path: path, months: options.listSizeMonth.map { [$0] })
            inputs[inputs.count - 1].months = file.coveredMonths
            orgs.merge(file.orgs)
            for month in file.months {
                try store?.writeListSizes(month)
                listsByMonth[month.month] = month
                let prescribing: Set<String>?
                if let known = practicesByMonth[month.month] {
                    prescribing = known
                } else if let store, try store.months().contains(month.month) {
                    prescribing = Set(try store.loadMonth(month.month).decode().practiceCodes)
                } else {
                    prescribing = nil
                }
                if let prescribing {
                    report.listSizePracticesWithoutPrescribing[month.month.description] =
                        month.practices.keys.filter { !prescribing.contains($0) }.count
                }
            }
            report.listSizes.append(.init(file: path, layout: file.layout.rawValue, months: file.coveredMonths,
                                          practices: file.months.first?.practices.count ?? 0, skipped: file.skipped))
            progress("read \(path): list sizes for \(file.coveredMonths.map(\.description).joined(separator: ", "))")
        }

        if let path = options.orgMapping {
            _ = try describe(path)
            orgs.merge(try OrgMappingReader.read(path: path))
        }

        for (month, codes) in practicesByMonth {
            let lists = try listsByMonth[month] ?? store?.readListSizes(month)
            var counts = IngestReport.PrescriberCounts()
            for code in codes {
                switch orgs.practices[code]?.kind ?? PrescriberCode.kind(of: code) {
                case .unidentified: counts.unidentified += 1
                case .nonPractice: counts.nonPractice += 1
                case .practice:
                    if orgs.isStandardPractice(code, hasList: lists?.practices[code] != nil) {
                        counts.standardPractices += 1
                    } else {
                        counts.otherPractices += 1
                    }
                }
            }
            report.prescribers[month.description] = counts
        }

        if case .quarantine(let qpath) = options.errorPolicy {
            try writeQuarantine(rejected, to: qpath)
            report.quarantineFile = qpath
        }
        report.monthsWritten = written.keys.sorted()
        if let store {
            try store.writeOrgs(orgs)
            try store.mergePresentationNames(names)
            var notes: [String: String] = [:]
            notes["rows_kept"] = String(report.files.reduce(0) { $0 + $1.rowsKept })
            notes["lines_quarantined"] = String(report.files.reduce(0) { $0 + $1.linesQuarantined })
            if let m = options.codeMapping { notes["code_mapping"] = m }
            try store.appendProvenance(ProvenanceEntry(softwareVersion: options.softwareVersion, inputs: inputs,
                                                       monthsWritten: report.monthsWritten, notes: notes))
        }
        return report
    }

    /// Writes bad lines verbatim, each after a `#` line giving file, line, field and reason.
    private func writeQuarantine(_ lines: [(String, RejectedLine)], to path: String) throws {
        try AtomicFile.withWriter(path) { w in
            for (file, r) in lines {
                try w.write("# \(file):\(r.line)\(r.field.map { ": field \($0)" } ?? ""): \(r.reason)\n")
                try w.write(r.text)
                try w.write([0x0A])
            }
        }
    }
}
