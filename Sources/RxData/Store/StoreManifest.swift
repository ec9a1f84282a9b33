import Foundation

/// The store's `store.json`: format and software versions, the generation, every file of the
/// store with its checksum (snapshots and list sizes with their month), and the ingest
/// provenance log.
///
/// The manifest is the authority on what the store holds: readers open files only through it,
/// and a write commits by renaming a new manifest into place (``StoreWrite``). Files are named
/// by the generation that wrote them (`months/2025-01.g7.rxsnap`), so a reader of the previous
/// manifest still finds the files it names.
public struct StoreManifest: Sendable, Equatable, Codable {
    /// The store layout version this build writes. Version 1 stores (fixed file names, no
    /// checksums) are read, and rewritten as version 2 by their next write.
    public static let currentFormatVersion = 2

    /// The store layout version.
    public var formatVersion: Int
    /// The software version that last wrote the store.
    public var softwareVersion: String
    /// The number of the last committed write (0 for a new store).
    public var generation: Int
    /// The months with a snapshot, ascending.
    public var months: [YearMonth]
    /// One record per month's snapshot, ascending by month.
    public var snapshots: [StoreFileRecord]
    /// One record per month's list sizes, ascending by month.
    public var listSizes: [StoreFileRecord]
    /// The other files by role: ``SideFile``.
    public var sideFiles: [String: StoreFileRecord]
    /// Files the last write replaced, kept for readers of the previous manifest and removed by
    /// the next write.
    public var retired: [String]
    /// The ingest runs, oldest first.
    public var ingests: [ProvenanceEntry]

    /// The roles of the files besides snapshots and list sizes.
    public enum SideFile: String, CaseIterable, Sendable {
        /// `presentations.csv`: code, name.
        case presentations
        /// `orgs/practices.csv`: every prescriber with its ancestors.
        case practices = "orgs/practices"
        /// `orgs/names.csv`: organisation names.
        case names = "orgs/names"
    }

    /// Creates a manifest.
    public init(formatVersion: Int = StoreManifest.currentFormatVersion, softwareVersion: String, generation: Int = 0,
                months: [YearMonth] = [], snapshots: [StoreFileRecord] = [], listSizes: [StoreFileRecord] = [],
                sideFiles: [String: StoreFileRecord] = [:], retired: [String] = [], ingests: [ProvenanceEntry] = []) {
        self.formatVersion = formatVersion
        self.softwareVersion = softwareVersion
        self.generation = generation
        self.months = months
        self.snapshots = snapshots
        self.listSizes = listSizes
        self.sideFiles = sideFiles
        self.retired = retired
        self.ingests = ingests
    }

    private enum CodingKeys: String, CodingKey {
        case formatVersion = "format_version"
        case softwareVersion = "software_version"
        case generation
        case months
        case snapshots
        case listSizes = "list_sizes"
        case sideFiles = "side_files"
        case retired
        case ingests
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try c.decode(Int.self, forKey: .formatVersion)
        softwareVersion = try c.decode(String.self, forKey: .softwareVersion)
        generation = try c.decodeIfPresent(Int.self, forKey: .generation) ?? 0
        months = try c.decodeIfPresent([YearMonth].self, forKey: .months) ?? []
        snapshots = try c.decodeIfPresent([StoreFileRecord].self, forKey: .snapshots) ?? []
        listSizes = try c.decodeIfPresent([StoreFileRecord].self, forKey: .listSizes) ?? []
        sideFiles = try c.decodeIfPresent([String: StoreFileRecord].self, forKey: .sideFiles) ?? [:]
        retired = try c.decodeIfPresent([String].self, forKey: .retired) ?? []
        ingests = try c.decodeIfPresent([ProvenanceEntry].self, forKey: .ingests) ?? []
    }

    /// The snapshot record of a month.
    public func snapshot(_ month: YearMonth) -> StoreFileRecord? { snapshots.first { $0.month == month } }

    /// The list-size record of a month.
    public func listSize(_ month: YearMonth) -> StoreFileRecord? { listSizes.first { $0.month == month } }

    /// The record of a side file.
    public func side(_ role: SideFile) -> StoreFileRecord? { sideFiles[role.rawValue] }

    /// Every file the manifest names, relative to the store.
    public var referencedPaths: Set<String> {
        Set(snapshots.map(\.path) + listSizes.map(\.path) + sideFiles.values.map(\.path))
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

/// One file of the store as the manifest records it.
public struct StoreFileRecord: Sendable, Equatable, Codable {
    /// The path relative to the store directory.
    public var path: String
    /// Its size in bytes.
    public var size: Int64
    /// `xxh64:` and 16 hex digits of its bytes; empty for a file of a version 1 store not yet
    /// rewritten (its checksum is unknown).
    public var checksum: String
    /// The month it holds (snapshots and list sizes).
    public var month: YearMonth?

    /// Creates a record.
    public init(path: String, size: Int64, checksum: String, month: YearMonth? = nil) {
        self.path = path
        self.size = size
        self.checksum = checksum
        self.month = month
    }
}
