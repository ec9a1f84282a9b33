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
    /// empty store behind. When a prescribing input is a stream (``InputStreamPath``), the
    /// list-size files and org mapping are checked once the streams are read, still before
    /// anything is committed: the command feeding the stream may write them first
    /// (`rxatlas synth --stdout` does).
    public func run(store storePath: String?, steps: ProgressReporter = .silent,
                    progress: (String) -> Void = { _ in }) throws -> IngestReport {
        let inputs = options.files + options.listSizes + [options.orgMapping, options.codeMapping].compactMap { $0 }
        let deferred = Set(deferredInputs)
        try Self.checkReadable(inputs.filter { !deferred.contains($0) }, streams: Set(options.files))
        if case .quarantine(let q) = options.errorPolicy { try Self.checkQuarantine(q, inputs: inputs, store: storePath) }
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
    /// The inputs checked only after the prescribing streams are read (see ``run(store:steps:progress:)``).
    var deferredInputs: [String] {
        options.files.contains(where: InputStreamPath.isStream) ? options.listSizes + [options.orgMapping].compactMap { $0 } : []
    }

    /// Standard input (`-`, at most once) and named pipes are accepted as streams among
    /// `streams` (the prescribing files); elsewhere they are refused.
    static func checkReadable(_ paths: [String], streams: Set<String> = []) throws {
        if paths.filter({ $0 == InputStreamPath.standardInput }).count > 1 {
            throw InputError(file: InputStreamPath.displayName(InputStreamPath.standardInput),
                             reason: "is given more than once; standard input can be read once")
        }
        for path in paths where !(path == InputStreamPath.standardInput && streams.contains(path)) {
            var st = stat()
            guard stat(path, &st) == 0 else { throw InputError.unreadable(path, "cannot open", errno: errno) }
            let stream = (st.st_mode & S_IFMT) == S_IFIFO && streams.contains(path)
            if !stream, let e = InputError.notRegularFile(path, mode: st.st_mode) { throw e }
            guard access(path, R_OK) == 0 else { throw InputError.unreadable(path, "cannot open", errno: errno) }
            if (st.st_mode & S_IFMT) == S_IFREG && st.st_size == 0 {
                throw InputError(file: path, reason: "is empty (0 bytes): expected a header line and data")
            }
        }
    }

    /// Refuses a quarantine path that is one of the inputs (the same file, by device and inode,
    /// whatever the path's spelling) or that lies inside the store: writing it would destroy an
    /// input or put a stray file in the store.
    static func checkQuarantine(_ path: String, inputs: [String], store: String?) throws {
        var q = stat()
        if stat(path, &q) == 0 {
            for input in inputs {
                var st = stat()
                if stat(input, &st) == 0, st.st_dev == q.st_dev, st.st_ino == q.st_ino {
                    throw InputError(file: path, reason: "the quarantine file is the input \(input); writing it would overwrite that input")
                }
            }
        }
        if let store {
            let dir = URL(fileURLWithPath: store).standardizedFileURL.resolvingSymlinksInPath().path
            let parent = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.resolvingSymlinksInPath().path
            if parent == dir || parent.hasPrefix(dir + "/") {
                throw InputError(file: path, reason: "the quarantine file lies inside the store \(store); write it elsewhere")
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

    /// The run as one transaction: everything is staged and committed together, or nothing is.
    private func ingest(store storePath: String?, steps: ProgressReporter, progress: (String) -> Void) throws -> IngestReport {
        guard let storePath else { return try ingest(into: nil, committed: nil, steps: steps, progress: progress) }
        let store = try Store.openOrCreate(at: storePath, softwareVersion: options.softwareVersion)
        return try store.write(wait: options.wait) { tx in
            try ingest(into: tx, committed: try tx.view.manifest(), steps: steps, progress: progress)
        }
    }

    private func ingest(into tx: StoreWrite?, committed: StoreManifest?, steps: ProgressReporter,
                        progress: (String) -> Void) throws -> IngestReport {
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
        if let mapping, !mapping.invalidRows.isEmpty {
            report.codeMappingRowsNotLoaded = mapping.invalidRows.count
            report.codeMappingRowsNotLoadedFirst = mapping.invalidRows.prefix(5).map(\.description)
            progress("warning: \(mapping.invalidRows.count) code-mapping row(s) not loaded; first: \(mapping.invalidRows[0])")
        }
        var codeMap: (@Sendable (BNFCode) -> BNFCode)? = nil
        if let mapping { codeMap = { code in mapping.map(code) } }

        var orgs = try tx?.view.readOrgs() ?? OrgDirectory()
        var addressRecords: [PracticeRecord] = []
        var names: [BNFCode: String] = [:]
        var written: [YearMonth: Bool] = [:]
        var practicesByMonth: [YearMonth: Set<String>] = [:]
        var listsByMonth: [YearMonth: ListSizeMonth] = [:]
        var rejected: [(String, RejectedLine)] = []
        let reader = PrescribingReader(errorPolicy: options.errorPolicy, codeMap: codeMap, threads: options.threads)

        for (i, path) in options.files.enumerated() {
            defer { steps.step("files", done: i + 1, total: options.files.count) }
            // A stream is read once, so it is never sniffed for a companion file.
            if !InputStreamPath.isStream(path), let companion = try CompanionFile.detect(path: path) {
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
            progress("reading \(InputStreamPath.displayName(path))")
            let file = try reader.read(path: path)
            // Plain files and streams are hashed during the scan; compressed files are hashed here.
            _ = try describe(InputStreamPath.displayName(path), known: file.digest)
            inputs[inputs.count - 1].months = file.months.map(\.month).sorted()
            report.files.append(file.summary)
            rejected += file.rejected.map { (path, $0) }
            orgs.merge(file.orgs)
            for (code, name) in file.presentationNames where names[code] == nil { names[code] = name }
            for (code, name) in file.chemicalNames where names[code] == nil { names[code] = name }
            try checkPartialMonths(file, path: InputStreamPath.displayName(path))
            for var month in file.months {
                if written[month.month] == true, let tx {
                    let earlier = try tx.view.loadMonth(month.month).decode()
                    let dropped = earlier.measures.symmetricDifference(month.measures)
                    month = earlier.merged(with: month)
                    progress("  \(month.month): summed with an earlier file of this run"
                             + (dropped.isEmpty ? "" : "; \(Measure.allCases.filter { dropped.has($0) }.map(\.description).joined(separator: ", ")) not in every file, so not published for the month"))
                }
                practicesByMonth[month.month, default: []].formUnion(month.practiceCodes)
                if let tx {
                    // The month says which code-change table mapped its former BNF codes, if any.
                    try tx.writeMonth(month, notes: options.codeMapping.map { ["code_mapping": URL(fileURLWithPath: $0).lastPathComponent] } ?? [:])
                    progress("  staged \(month.month): \(month.rowCount) rows, \(month.practiceCodes.count) prescribers")
                }
                written[month.month] = true
            }
        }
        try Self.checkReadable(deferredInputs)
        for record in addressRecords { orgs.upsert(record) }

        for path in options.listSizes {
            _ = try describe(path)
            let file = try ListSizeReader.read(path: path, months: options.listSizeMonth.map { [$0] })
            inputs[inputs.count - 1].months = file.coveredMonths
            orgs.merge(file.orgs)
            for read in file.months {
                var month = read
                if let earlier = listsByMonth[read.month] {
                    // A month given by two files of the run (PHS's populations and contact
                    // details, say): every practice of either is kept; where both list one, the
                    // list with age bands wins, and totals that differ are reported.
                    let (merged, note) = Self.mergeLists(earlier, read, file: path)
                    month = merged
                    report.listSizeMerges[read.month.description] = note
                }
                try tx?.writeListSizes(month)
                listsByMonth[month.month] = month
                let prescribing: Set<String>?
                if let known = practicesByMonth[month.month] {
                    prescribing = known
                } else if let tx, try tx.view.months().contains(month.month) {
                    prescribing = Set(try tx.view.loadMonth(month.month).decode().practiceCodes)
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

        // The one standard-practice rule (ListSizeTimeline): a practice with a list size in any
        // month of the store counts as standard in every month.
        var listed = Set<String>()
        for m in listsByMonth.values { listed.formUnion(m.practices.keys) }
        if let tx {
            let timeline = try ListSizeTimeline(store: tx.view, months: practicesByMonth.keys.sorted(), orgs: orgs)
            listed.formUnion(timeline.listed)
            for (m, source) in zip(timeline.months, timeline.sources) { report.listSizeSources[m.description] = source.description }
        }
        for (month, codes) in practicesByMonth {
            var counts = IngestReport.PrescriberCounts()
            for code in codes {
                switch orgs.practices[code]?.kind ?? PrescriberCode.kind(of: code) {
                case .unidentified: counts.unidentified += 1
                case .nonPractice: counts.nonPractice += 1
                case .practice:
                    if orgs.isStandardPractice(code, hasList: listed.contains(code)) {
                        counts.standardPractices += 1
                    } else {
                        counts.otherPractices += 1
                    }
                }
            }
            report.prescribers[month.description] = counts
        }

        if let tx, let committed { try checkReplacements(written.keys.sorted(), staged: tx.view, committed: committed) }
        if case .quarantine(let qpath) = options.errorPolicy {
            try writeQuarantine(rejected, to: qpath)
            report.quarantineFile = qpath
        }
        report.monthsWritten = tx == nil ? [] : written.keys.sorted()
        if let tx {
            if let reference = options.areaReference { orgs.apply(reference) }
            try tx.writeOrgs(orgs)
            try tx.mergePresentationNames(names)
            var notes: [String: String] = [:]
            notes["rows_kept"] = String(report.files.reduce(0) { $0 + $1.rowsKept })
            notes["lines_quarantined"] = String(report.files.reduce(0) { $0 + $1.linesQuarantined })
            if let m = options.codeMapping { notes["code_mapping"] = m }
            tx.appendProvenance(ProvenanceEntry(softwareVersion: options.softwareVersion, inputs: inputs,
                                                       monthsWritten: report.monthsWritten, notes: notes))
        }
        return report
    }

    /// Refuses a month that holds a tiny share of a file's rows (under 1% and under 1,000 rows of
    /// a file that holds other months): one stray row labelled with another month would
    /// otherwise replace that whole month. `allowPartialMonths` lets it through.
    func checkPartialMonths(_ file: PrescribingFile, path: String) throws {
        guard !options.allowPartialMonths, file.months.count > 1 else { return }
        let total = file.months.reduce(0) { $0 + $1.rowCount }
        for m in file.months where m.rowCount < 1_000 && m.rowCount * 100 < total {
            throw InputError(file: path, line: file.summary.firstLines[m.month.description], field: nil,
                             reason: "holds \(m.rowCount) row(s) of \(m.month) among \(total) rows of other months: a stray row "
                                + "would replace that whole month. Check the file, or pass --allow-partial-months if the month really is partial")
        }
    }

    /// Refuses to replace a stored month with far less data (under half its rows or prescribers)
    /// unless `replace` is set; the message gives both counts.
    func checkReplacements(_ months: [YearMonth], staged: Store, committed: StoreManifest) throws {
        guard !options.replace else { return }
        let old = Store(path: staged.path, softwareVersion: nil, manifest: committed)
        for month in months where committed.snapshot(month) != nil {
            let before = StoreInfo.Month(try SnapshotHeader.read(old.snapshotPath(month)))
            let after = StoreInfo.Month(try SnapshotHeader.read(staged.snapshotPath(month)))
            if after.rows * 2 < before.rows || after.practices * 2 < before.practices {
                throw StoreError(path: staged.path, reason: "would replace \(month) (\(before.rows) rows, \(before.practices) prescribers) "
                                 + "with \(after.rows) rows and \(after.practices) prescribers; pass --replace to do so")
            }
        }
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

extension StoreIngest {
    /// Two files' lists for one month combined: every practice of either; where both list a
    /// practice, the list with age bands (else the earlier); with a note of what was added and
    /// how many totals differ.
    static func mergeLists(_ a: ListSizeMonth, _ b: ListSizeMonth, file: String) -> (ListSizeMonth, String) {
        var out = a
        var added = 0, differ = 0, example = ""
        for (code, list) in b.practices {
            guard let existing = a.practices[code] else { out.practices[code] = list; added += 1; continue }
            if existing.total != list.total {
                differ += 1
                if example.isEmpty { example = " (first: \(code), \(existing.total) and \(list.total))" }
            }
            if existing.male.isEmpty && existing.female.isEmpty && !(list.male.isEmpty && list.female.isEmpty) {
                out.practices[code] = list
            }
        }
        var note = "combined with \((file as NSString).lastPathComponent): \(added) practice(s) added"
        if differ > 0 { note += "; \(differ) practice(s) have totals that differ between the files\(example), the list with age bands kept" }
        return (out, note)
    }
}
