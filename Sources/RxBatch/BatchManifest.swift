import Foundation
import RxData

/// `batch-manifest.json`: what a batch run did, job by job, with inputs, outputs, checksums and
/// timings. Rewritten atomically after every job, so a batch that is stopped can be resumed.
public struct BatchManifest: Codable, Sendable, Equatable {
    /// The file name in the batch output directory.
    public static let fileName = "batch-manifest.json"

    /// The software version that wrote it.
    public var softwareVersion: String
    /// The config file.
    public var config: String
    /// When the run started.
    public var started: Date
    /// When the run finished (nil while running, or when the run was stopped).
    public var finished: Date?
    /// Every job, in plan order.
    public var jobs: [BatchJobRecord]

    /// Creates a manifest.
    public init(softwareVersion: String, config: String, started: Date, finished: Date? = nil, jobs: [BatchJobRecord] = []) {
        self.softwareVersion = softwareVersion
        self.config = config
        self.started = started
        self.finished = finished
        self.jobs = jobs
    }

    enum CodingKeys: String, CodingKey {
        case softwareVersion = "software_version", config, started, finished, jobs
    }

    /// Reads a manifest; nil when there is none.
    public static func read(directory: String) throws -> BatchManifest? {
        let p = directory + "/" + fileName
        guard FileManager.default.fileExists(atPath: p) else { return nil }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        do { return try decoder.decode(BatchManifest.self, from: Data(contentsOf: URL(fileURLWithPath: p))) } catch {
            throw BatchRunError(reason: "\(p): not a readable batch manifest: \(error)")
        }
    }

    /// Writes the manifest into `directory` atomically.
    public func write(directory: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try AtomicFile.write(try encoder.encode(self), to: directory + "/" + Self.fileName)
    }
}

/// One job's entry in the ``BatchManifest``.
public struct BatchJobRecord: Codable, Sendable, Equatable {
    /// How the job ended.
    public enum Status: String, Codable, Sendable {
        /// It ran and wrote its outputs.
        case ok
        /// Its inputs, config and outputs were unchanged since a successful run, so it did not run.
        case skipped
        /// It failed; see ``BatchJobRecord/error``.
        case failed
    }

    /// `<analysis>/<from>_<to>`.
    public var id: String
    /// The analysis name.
    public var analysis: String
    /// The analysis kind.
    public var kind: String
    /// The store directory.
    public var store: String
    /// First month.
    public var from: String
    /// Last month.
    public var to: String
    /// How it ended.
    public var status: Status
    /// The error of a failed job.
    public var error: String?
    /// What the job's coverage warned of (months without list sizes, months without actual
    /// cost, unclassified presentations); nil when nothing.
    public var warnings: [String]?
    /// The checksum over every input file's checksum.
    public var inputChecksum: String
    /// The checksum of the job's settings (see ``BatchAnalysis/parameterLines``).
    public var configChecksum: String
    /// The store files read, with their checksums.
    public var inputs: [BatchFileRecord]
    /// The files written, relative to the batch output directory, with sizes and checksums.
    public var outputs: [BatchFileRecord]
    /// The estimated bytes of snapshots mapped.
    public var memoryEstimate: Int64
    /// Wall time of the run (or of the check, for a skipped job).
    public var seconds: Double
    /// When the job finished.
    public var finished: Date

    enum CodingKeys: String, CodingKey {
        case id, analysis, kind, store, from, to, status, error, warnings, inputs, outputs, seconds, finished
        case inputChecksum = "input_checksum", configChecksum = "config_checksum", memoryEstimate = "memory_estimate"
    }
}

/// A file with its size and XXH64 checksum (`xxh64:` and 16 hex digits): the same record the
/// store's provenance keeps for its inputs.
public typealias BatchFileRecord = ProvenanceEntry.InputFile

/// A batch that cannot run at all (its output directory or manifest is unusable).
public struct BatchRunError: Error, CustomStringConvertible {
    /// What is wrong.
    public var reason: String
    public var description: String { reason }
}
