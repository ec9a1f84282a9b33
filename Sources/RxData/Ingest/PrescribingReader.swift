import Dispatch

/// Everything read from one prescribing file.
public struct PrescribingFile: Sendable {
    /// The layout detected.
    public var format: PrescribingFormat
    /// One table per month in the file, rows summed per (practice, presentation).
    public var months: [MonthTable]
    /// Prescribers and organisations named in the file.
    public var orgs: OrgDirectory
    /// Presentation names as published (first spelling seen), keyed by the mapped code.
    public var presentationNames: [BNFCode: String]
    /// Chemical substance names, when the layout carries them.
    public var chemicalNames: [BNFCode: String]
    /// Line accounting.
    public var summary: IngestSummary
    /// Lines rejected under the quarantine policy, in line order.
    public var rejected: [RejectedLine]
    /// The file's size and XXH64, computed during the scan for plain files (nil for compressed).
    public var digest: (size: Int64, xxh64: UInt64)?
}

/// Reads a prescribing file of any supported layout (EPD, PDPI, PHS; plain, `.gz` or `.zip`).
///
/// The file is scanned in line-aligned chunks; each chunk is split between worker threads that
/// parse, dictionary-encode and sum rows independently, and the workers' rows are merged into
/// sorted month tables at the end.
public struct PrescribingReader: Sendable {
    /// What to do with bad lines.
    public var errorPolicy: ErrorPolicy
    /// Maps old BNF codes to new ones before summing (see the `--code-mapping` option).
    public var codeMap: (@Sendable (BNFCode) -> BNFCode)?
    /// Worker threads (default: the active processor count).
    public var threads: Int
    /// Bytes per chunk.
    public var chunkSize: Int

    /// Creates a reader.
    public init(errorPolicy: ErrorPolicy = .fail, codeMap: (@Sendable (BNFCode) -> BNFCode)? = nil,
                threads: Int = ProcessInfoThreads.active, chunkSize: Int = 32 << 20) {
        self.errorPolicy = errorPolicy
        self.codeMap = codeMap
        self.threads = max(1, threads)
        self.chunkSize = chunkSize
    }

    /// Reads `path` (`-` for standard input; a named pipe is read as a stream too).
    public func read(path source: String) throws -> PrescribingFile {
        let path = InputStreamPath.displayName(source)
        var layout: PrescribingLayout?
        var workers: [ScanWorker] = []
        defer { for i in workers.indices { workers[i].free() } }
        var linesSoFar = 0        // lines fully accounted for before the current chunk
        var rejected: [RejectedLine] = []
        var firstLines: [YearMonth: Int] = [:]
        var sawAnyByte = false
        let stop = errorPolicy == .fail

        let pass: LineChunks.Pass
        do {
            pass = try readChunks()
        } catch var e as InputError where e.reason == LineChunks.lineTooLongReason && e.line == nil {
            e.line = linesSoFar + 1   // every line before it was read whole
            throw e
        }
        /// Reads every chunk, splitting, parsing and summing in the workers.
        func readChunks() throws -> LineChunks.Pass {
            return try LineChunks(path: source, chunkSize: chunkSize, allowsStreams: true).forEach(digest: true) { chunk, isLast in
                guard let base = chunk.baseAddress?.assumingMemoryBound(to: UInt8.self), chunk.count > 0 else { return }
                sawAnyByte = true
                var start = 0
                if layout == nil {
                    // The header line.
                    if chunk.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { start = 3 }
                    let headerSplitter = FieldSplitter(capacity: 256)
                    defer { headerSplitter.deallocate() }
                    let names: [String]
                    switch headerSplitter.split(base, from: start, end: chunk.count) {
                    case .line(let fields, let next):
                        names = (0..<fields).map { f in
                            let s = Int(headerSplitter.starts[f]), e = Int(headerSplitter.ends[f])
                            return FieldText.string(base + start + s, count: e - s)
                        }
                        start = next
                    default:
                        throw InputError(file: path, line: 1, reason: "the header line cannot be read as CSV")
                    }
                    let detected = try PrescribingLayout.detect(header: names, file: path)
                    layout = detected
                    workers = (0..<threads).map { _ in ScanWorker(layout: detected, stopAtFirstProblem: stop) }
                    linesSoFar = 1
                }
                // Split the chunk at line boundaries, one part per worker.
                var bounds = [start]
                for t in 1..<workers.count {
                    var cut = max(bounds[t - 1], start + (chunk.count - start) * t / workers.count)
                    while cut > start && cut < chunk.count && base[cut - 1] != 0x0A { cut += 1 }
                    bounds.append(cut)
                }
                bounds.append(chunk.count)
                nonisolated(unsafe) let b = base
                let parts = bounds
                workers.withUnsafeMutableBufferPointer { wp in
                    nonisolated(unsafe) let ws = wp
                    DispatchQueue.concurrentPerform(iterations: ws.count) { t in
                        if parts[t] < parts[t + 1] {
                            // Scan a copy on this thread's stack so workers never share a cache line.
                            var local = ws[t]
                            _ = local.scan(b, from: parts[t], to: parts[t + 1])
                            ws[t] = local
                        } else {
                            ws[t].lines = 0
                            ws[t].problems = []
                        }
                    }
                }
                var lineBase = linesSoFar
                for w in workers {
                    for (k, l) in w.monthFirstLine.enumerated() where l >= 0 {
                        firstLines[w.months[k]] = min(firstLines[w.months[k]] ?? .max, lineBase + l + 1)
                    }
                    for p in w.problems {
                        let r = RejectedLine(line: lineBase + p.localLine + 1, field: p.field, reason: p.reason, text: p.text)
                        if stop { throw InputError(file: path, line: r.line, field: r.field, reason: r.reason) }
                        rejected.append(r)
                    }
                    lineBase += w.lines
                }
                linesSoFar = lineBase
                _ = isLast
            }
        }
        guard sawAnyByte, let layout else { throw InputError(file: path, reason: "the file is empty") }

        var summary = IngestSummary(file: path, format: layout.format)
        summary.linesRead = linesSoFar
        summary.rowsKept = workers.reduce(0) { $0 + $1.rowsKept }
        summary.blankLines = workers.reduce(0) { $0 + $1.blankLines }
        summary.linesQuarantined = rejected.count
        summary.roundedValues = workers.reduce(0) { $0 + $1.rounded }
        summary.emptyADQValues = workers.reduce(0) { $0 + $1.emptyADQ }
        for m in Measure.allCases {
            let n = workers.reduce(0) { $0 + $1.negatives[m.rawValue] }
            if n > 0 { summary.negativeValues[m.description] = n }
        }
        if summary.rowsKept == 0 && rejected.isEmpty {
            throw InputError(file: path, line: linesSoFar, reason: "the file has a header but no data rows")
        }

        var assembler = MonthAssembler(workers: workers, codeMap: codeMap)
        workers = []
        defer { for i in assembler.workers.indices { assembler.workers[i].free() } }
        let months = assembler.assemble(measures: layout.measures)
        if let o = assembler.overflows.first {
            throw InputError(file: path, field: layout.columnName(for: o.measure),
                             reason: "the sum of \(o.measure) for one practice and presentation in \(o.month) leaves the fixed-point range (±92,233,720,368,547.75807)")
        }
        for m in months {
            for measure in Measure.allCases where layout.measures.has(measure) {
                var total: Int64 = 0
                for v in m.columns[measure.rawValue] {
                    let (s, f) = total.addingReportingOverflow(v)
                    guard !f else {
                        throw InputError(file: path, field: layout.columnName(for: measure),
                                         reason: "the \(m.month) total of \(measure) leaves the fixed-point range (±92,233,720,368,547.75807)")
                    }
                    total = s
                }
            }
        }
        summary.months = months.map(\.month)
        for (m, line) in firstLines { summary.firstLines[m.description] = line }
        summary.rowsOut = months.reduce(0) { $0 + $1.rowCount }
        let (orgs, names, chemicals) = collectReferenceData(layout: layout, workers: assembler.workers)
        return PrescribingFile(format: layout.format, months: months, orgs: orgs, presentationNames: names,
                               chemicalNames: chemicals, summary: summary, rejected: rejected,
                               digest: pass.digest.map { (pass.fileBytes, $0) })
    }

    private func collectReferenceData(layout: PrescribingLayout, workers: [ScanWorker])
        -> (OrgDirectory, [BNFCode: String], [BNFCode: String]) {
        var orgs = OrgDirectory()
        let nation = layout.format.nation
        orgs.setName(nation.name, level: .nation, code: nation.code)
        var names: [BNFCode: String] = [:]
        var chemicals: [BNFCode: String] = [:]
        for w in workers {
            for (i, key) in w.practiceKeys.enumerated() where !w.invalidPractices.contains(Int32(i)) {
                let code = String(decoding: CodeDictionary.unpack(key), as: UTF8.self)
                let meta = w.practiceMeta[i]
                var kind = PrescriberCode.kind(of: code)
                if meta.unidentified { kind = .unidentified }
                var parents: [OrgLevel: String] = [.nation: nation.code]
                if let v = meta.subICB { parents[.subICB] = v }
                if let v = meta.icb { parents[.icb] = v }
                if let v = meta.region { parents[.region] = v }
                var name = meta.name
                if kind == .unidentified { name = "Unidentified prescribing" + (meta.subICBName.map { " (\($0))" } ?? "") }
                if kind == .nonPractice, let label = PrescriberCode.scottishNonPracticeLabel(code) { name = name ?? "Non-practice: \(label)" }
                orgs.upsert(PracticeRecord(code: code, name: name, kind: kind, postcode: kind == .practice ? meta.postcode : nil, parents: parents))
                if let v = meta.subICB { orgs.setName(meta.subICBName, level: .subICB, code: v) }
                if let v = meta.icb { orgs.setName(meta.icbName, level: .icb, code: v) }
                if let v = meta.region { orgs.setName(meta.regionName, level: .region, code: v) }
            }
            for (i, key) in w.presentationKeys.enumerated() {
                guard var code = BNFCode(bytes: CodeDictionary.unpack(key)), let name = w.presentationNames[i] else { continue }
                if let codeMap { code = codeMap(code) }
                if names[code] == nil { names[code] = name }
            }
            chemicals.merge(w.chemicalNames) { a, _ in a }
        }
        return (orgs, names, chemicals)
    }
}

/// The number of threads to use by default.
public enum ProcessInfoThreads {
    /// The active processor count (at least 1).
    public static var active: Int {
        #if canImport(Glibc)
        return max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        #else
        return 2
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
