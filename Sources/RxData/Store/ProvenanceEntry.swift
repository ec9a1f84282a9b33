import Foundation

/// One ingest run, as recorded in the store manifest's `ingests` log: what was read, what was
/// written, when, and by which software version.
public struct ProvenanceEntry: Sendable, Equatable, Codable {
    /// One input file.
    public struct InputFile: Sendable, Equatable, Codable {
        /// The path as given on the command line.
        public var path: String
        /// Its size in bytes.
        public var size: Int64
        /// A content digest, `xxh64:` followed by 16 hex digits (see ``XXH64``).
        public var checksum: String
        /// The months the file holds (prescribing and list-size files), or nil for files that
        /// hold no months (org and code mappings, PDPI companions) and in entries written before
        /// this was recorded.
        public var months: [YearMonth]?

        /// Creates an entry from known values.
        public init(path: String, size: Int64, checksum: String, months: [YearMonth]? = nil) {
            self.path = path
            self.size = size
            self.checksum = checksum
            self.months = months
        }

        /// Describes a file on disk: its size and the XXH64 of its bytes (``FileDigest``, read in
        /// pieces so the file is neither mapped nor held).
        public init(describing path: String) throws {
            let (size, digest) = try FileDigest.xxh64(path: path)
            self.init(path: path, size: size, checksum: InputFile.checksumText(digest))
        }

        /// The manifest's text for a digest: `xxh64:` and 16 lowercase hex digits.
        public static func checksumText(_ digest: UInt64) -> String {
            let hex = String(digest, radix: 16)
            return "xxh64:" + String(repeating: "0", count: 16 - hex.count) + hex
        }

        private enum CodingKeys: String, CodingKey { case path, size, checksum, months }
    }

    /// When the run finished (ISO 8601 in the manifest).
    public var time: Date
    /// The software version that ran it.
    public var softwareVersion: String
    /// The prescribing, list-size and mapping files read.
    public var inputs: [InputFile]
    /// The months whose snapshots the run wrote or replaced.
    public var monthsWritten: [YearMonth]
    /// Free-form notes (options used, counts), shown as given.
    public var notes: [String: String]

    /// Creates an entry.
    public init(time: Date = Date(), softwareVersion: String, inputs: [InputFile], monthsWritten: [YearMonth],
                notes: [String: String] = [:]) {
        self.time = time
        self.softwareVersion = softwareVersion
        self.inputs = inputs
        self.monthsWritten = monthsWritten
        self.notes = notes
    }

    private enum CodingKeys: String, CodingKey {
        case time
        case softwareVersion = "software_version"
        case inputs
        case monthsWritten = "months_written"
        case notes
    }
}
