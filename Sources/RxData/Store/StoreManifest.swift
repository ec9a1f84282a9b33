import Foundation

/// The store's `store.json`: format and software versions, the months held, and the ingest
/// provenance log.
public struct StoreManifest: Sendable, Equatable, Codable {
    /// The store layout version this build writes and reads.
    public static let currentFormatVersion = 1

    /// The store layout version.
    public var formatVersion: Int
    /// The software version that last wrote the store.
    public var softwareVersion: String
    /// The months with a snapshot, ascending (mirrors `months/`, which is authoritative).
    public var months: [YearMonth]
    /// The ingest runs, oldest first.
    public var ingests: [ProvenanceEntry]

    /// Creates a manifest.
    public init(formatVersion: Int = StoreManifest.currentFormatVersion, softwareVersion: String,
                months: [YearMonth] = [], ingests: [ProvenanceEntry] = []) {
        self.formatVersion = formatVersion
        self.softwareVersion = softwareVersion
        self.months = months
        self.ingests = ingests
    }

    private enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case softwareVersion = "software_version"
        case months
        case ingests
    }

    /// The manifest as pretty-printed JSON with sorted keys and ISO 8601 dates.
    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(self)
    }

    /// Reads a manifest written by ``encoded()``.
    static func decode(_ data: Data) throws -> StoreManifest {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(StoreManifest.self, from: data)
    }
}
