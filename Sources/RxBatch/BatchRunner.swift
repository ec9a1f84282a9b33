import Foundation
import RxData

/// Runs a batch: plans its jobs, skips those whose inputs, settings and outputs are unchanged
/// since they last succeeded, runs the rest in parallel within ``BatchConfig/maxParallel`` and
/// ``BatchConfig/memoryLimit``, isolates failures, and records everything in the
/// ``BatchManifest`` (rewritten atomically after every job).
public struct BatchRunner: Sendable {
    /// The configuration.
    public var config: BatchConfig
    /// The config file, recorded in the manifest.
    public var configPath: String
    /// The software version, part of every job's config checksum.
    public var softwareVersion: String
    /// Where progress goes.
    public var progress: ProgressReporter
    /// Run every job even when unchanged.
    public var force: Bool

    /// Creates a runner.
    public init(config: BatchConfig, configPath: String, softwareVersion: String,
                progress: ProgressReporter = .silent, force: Bool = false) {
        self.config = config
        self.configPath = configPath
        self.softwareVersion = softwareVersion
        self.progress = progress
        self.force = force
    }

    /// Runs the batch and returns its manifest. Throws only when the batch cannot run at all
    /// (the output directory cannot be made, the previous manifest is unreadable); a failing job
    /// is recorded as ``BatchJobRecord/Status/failed`` and the others still run.
    @discardableResult
    public func run() throws -> BatchManifest {
        let started = Date()
        try FileManager.default.createDirectory(atPath: config.output, withIntermediateDirectories: true)
        let previous = force ? nil : try BatchManifest.read(directory: config.output)
        let ingestFailures = progress.phase("ingest") { ingestStores() }
        var (jobs, planFailures) = progress.phase("plan") { plan() }
        // Jobs on a store whose ingest failed fail with that error; the others run.
        for (i, job) in jobs.enumerated().reversed() {
            if let error = ingestFailures[job.analysis.storeName] {
                planFailures.append(record(job, status: .failed, error: "ingest: \(error)", outputs: [], seconds: 0))
                jobs.remove(at: i)
            }
        }
        let state = BatchState(manifest: BatchManifest(softwareVersion: softwareVersion, config: configPath, started: started),
                               total: jobs.count + planFailures.count)
        state.manifest.jobs = planFailures
        for f in planFailures { progress.message("failed \(f.id): \(f.error ?? "")", level: .warning) }
        var pending: [(slot: Int, job: BatchJob)] = []
        for job in jobs {
            if let old = previous?.jobs.first(where: { $0.id == job.id }), unchanged(job, old) {
                var r = old
                r.status = .skipped
                r.error = nil
                state.manifest.jobs.append(r)
                state.done += 1
                progress.message("skipped \(job.id) (unchanged)", level: .detail)
            } else {
                state.manifest.jobs.append(record(job, status: .failed, error: "did not finish", outputs: [], seconds: 0))
                pending.append((state.manifest.jobs.count - 1, job))
            }
        }
        try state.manifest.write(directory: config.output)
        progress.step("jobs", done: state.done, total: state.total)
        if !pending.isEmpty {
            var spans: [String: ClosedRange<YearMonth>] = [:]
            for (_, j) in pending where j.analysis.kind == .charts {
                let s = spans[j.analysis.name] ?? j.period
                spans[j.analysis.name] = min(s.lowerBound, j.period.lowerBound)...max(s.upperBound, j.period.upperBound)
            }
            let executor = BatchJobExecutor(softwareVersion: softwareVersion, kernels: BatchKernelCache(spans: spans))
            progress.phase("run") { runAll(pending, executor: executor, state: state) }
        }
        state.lock.lock()
        state.manifest.finished = Date()
        let manifest = state.manifest
        state.lock.unlock()
        try manifest.write(directory: config.output)
        return manifest
    }

    /// Builds the stores the config names by input files (``BatchIngest``); returns the errors by
    /// store name.
    func ingestStores() -> [String: String] {
        var failures: [String: String] = [:]
        for name in config.ingests.keys.sorted() {
            let ingest = config.ingests[name]!
            do {
                let ran = try ingest.run(softwareVersion: softwareVersion, progress: progress)
                progress.message(ran ? "ingested \(ingest.files.count) file(s) into \(ingest.storePath)"
                                     : "store \(name) is up to date with its inputs", level: .detail)
            } catch {
                progress.message("failed to ingest store \(name): \(error)", level: .warning)
                failures[name] = "\(error)"
            }
        }
        return failures
    }

    /// Expands the analyses into jobs; an analysis whose store or period cannot be resolved
    /// becomes one failed record.
    func plan() -> (jobs: [BatchJob], failures: [BatchJobRecord]) {
        var fingerprints: [String: StoreFingerprint] = [:]
        var jobs: [BatchJob] = []
        var failures: [BatchJobRecord] = []
        for a in config.analyses {
            do {
                let fp: StoreFingerprint
                if let f = fingerprints[a.storePath] { fp = f } else {
                    fp = StoreFingerprint(store: try Store.open(at: a.storePath))
                    fingerprints[a.storePath] = fp
                }
                let ranges = try a.period.ranges(storeMonths: try fp.store.months(), defaultMonths: a.kind.defaultMonths)
                for r in ranges {
                    let (inputs, bytes) = try fp.inputs(months: r)
                    var fileLines = inputs.map { "\(($0.path as NSString).lastPathComponent) \($0.size) \($0.checksum)" }
                    for extra in [a.boundaries, a.catalogue].compactMap({ $0 }) + a.definitionFiles {
                        fileLines.append(try fileDigestLines(extra))
                    }
                    let settings = a.parameterLines + ["period=\(r.lowerBound)_\(r.upperBound)", "software=\(softwareVersion)"]
                    jobs.append(BatchJob(id: BatchJob.id(a.name, r), analysis: a, period: r, inputs: inputs,
                                         inputChecksum: StoreFingerprint.checksum(fileLines),
                                         configChecksum: StoreFingerprint.checksum(settings + a.definitions.map { "\($0)" }),
                                         memoryEstimate: bytes))
                }
            } catch {
                failures.append(BatchJobRecord(id: a.name, analysis: a.name, kind: a.kind.rawValue, store: a.storePath, from: "", to: "",
                                               status: .failed, error: "\(error)", inputChecksum: "", configChecksum: "", inputs: [],
                                               outputs: [], memoryEstimate: 0, seconds: 0, finished: Date()))
            }
        }
        return (jobs, failures)
    }

    /// Checksum lines of a file or of every file under a directory.
    private func fileDigestLines(_ path: String) throws -> String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return "\(path) missing" }
        if !isDir.boolValue { return "\(path) \(try StoreFingerprint.digest(path).checksum)" }
        let files = (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
        return try files.map { f in
            var d: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path + "/" + f, isDirectory: &d) else { return "\(f) missing" }
            return d.boolValue ? "" : "\(f) \(try StoreFingerprint.digest(path + "/" + f).checksum)"
        }.joined(separator: "|")
    }

    /// Whether a previous record lets `job` be skipped: it succeeded with the same input and
    /// config checksums, and every output it wrote is still there with the same checksum.
    func unchanged(_ job: BatchJob, _ old: BatchJobRecord) -> Bool {
        guard old.status != .failed, old.inputChecksum == job.inputChecksum, old.configChecksum == job.configChecksum,
              !old.outputs.isEmpty else { return false }
        return old.outputs.allSatisfy { o in
            (try? StoreFingerprint.digest(config.output + "/" + o.path).checksum) == o.checksum
        }
    }

    func record(_ job: BatchJob, status: BatchJobRecord.Status, error: String?, warnings: [String] = [], outputs: [BatchFileRecord],
                seconds: Double) -> BatchJobRecord {
        BatchJobRecord(id: job.id, analysis: job.analysis.name, kind: job.analysis.kind.rawValue, store: job.analysis.storePath,
                       from: job.period.lowerBound.description, to: job.period.upperBound.description, status: status, error: error,
                       warnings: warnings.isEmpty ? nil : warnings,
                       inputChecksum: job.inputChecksum, configChecksum: job.configChecksum, inputs: job.inputs, outputs: outputs,
                       memoryEstimate: job.memoryEstimate, seconds: seconds, finished: Date())
    }

    /// Runs the pending jobs, at most `maxParallel` at once and, beyond the first, only while
    /// their memory estimates fit the limit together.
    private func runAll(_ pending: [(slot: Int, job: BatchJob)], executor: BatchJobExecutor, state: BatchState) {
        let group = DispatchGroup()
        let limit = config.memoryLimit
        for (slot, job) in pending {
            state.lock.lock()
            while state.running >= config.maxParallel
                    || (state.running > 0 && limit.map { state.runningBytes + job.memoryEstimate > $0 } == true) {
                state.lock.wait()
            }
            state.running += 1
            state.runningBytes += job.memoryEstimate
            state.lock.unlock()
            if let limit, job.memoryEstimate > limit {
                progress.message("\(job.id): estimated \(job.memoryEstimate / 1_000_000) MB exceeds memory_limit; running it alone", level: .warning)
            }
            group.enter()
            DispatchQueue.global().async {
                let r = runOne(job, executor: executor)
                state.lock.lock()
                state.running -= 1
                state.runningBytes -= job.memoryEstimate
                state.manifest.jobs[slot] = r
                state.done += 1
                let done = state.done
                let written = Result { try state.manifest.write(directory: config.output) }
                state.lock.broadcast()
                state.lock.unlock()
                if case .failure(let e) = written { progress.message("cannot write the batch manifest: \(e)", level: .warning) }
                if r.status == .failed {
                    progress.message("failed \(job.id): \(r.error ?? "")", level: .warning)
                } else {
                    progress.message("ran \(job.id) in \(String(format: "%.2f", r.seconds)) s", level: .detail)
                }
                progress.step("jobs", done: done, total: state.total)
                group.leave()
            }
        }
        group.wait()
    }

    /// Runs one job into a temporary directory beside its own, then swaps it in, so a job that is
    /// stopped or fails leaves the previous outputs (and the manifest's record of them) intact.
    func runOne(_ job: BatchJob, executor: BatchJobExecutor) -> BatchJobRecord {
        let start = Date()
        let fm = FileManager.default
        let final = config.output + "/" + job.id
        let parent = (final as NSString).deletingLastPathComponent
        let temp = parent + "/." + (final as NSString).lastPathComponent + ".partial-\(getpid())"
        do {
            // Left by this job in a run that was stopped: any `.<leaf>.partial-<pid>`.
            let stale = "." + (final as NSString).lastPathComponent + ".partial-"
            for entry in (try? fm.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(stale) {
                try? fm.removeItem(atPath: parent + "/" + entry)
            }
            let warnings = try executor.run(job, store: try Store.open(at: job.analysis.storePath), into: temp)
            for w in warnings { progress.message("\(job.id): \(w)", level: .warning) }
            if fm.fileExists(atPath: final) { try fm.removeItem(atPath: final) }
            try fm.moveItem(atPath: temp, toPath: final)
            let files = (fm.enumerator(atPath: final)?.allObjects as? [String] ?? []).sorted()
            var outputs: [BatchFileRecord] = []
            for f in files {
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: final + "/" + f, isDirectory: &isDir), !isDir.boolValue else { continue }
                var r = try StoreFingerprint.digest(final + "/" + f)
                r.path = job.id + "/" + f
                outputs.append(r)
            }
            return record(job, status: .ok, error: nil, warnings: warnings, outputs: outputs, seconds: Date().timeIntervalSince(start))
        } catch {
            try? fm.removeItem(atPath: temp)
            return record(job, status: .failed, error: "\(error)", outputs: [], seconds: Date().timeIntervalSince(start))
        }
    }
}

/// The mutable state of a run, guarded by its condition lock.
final class BatchState: @unchecked Sendable {
    let lock = NSCondition()
    var manifest: BatchManifest
    var running = 0
    var runningBytes: Int64 = 0
    var done = 0
    let total: Int

    init(manifest: BatchManifest, total: Int) {
        self.manifest = manifest
        self.total = total
    }
}

extension BatchManifest {
    /// The jobs that failed.
    public var failedJobs: [BatchJobRecord] { jobs.filter { $0.status == .failed } }
}
