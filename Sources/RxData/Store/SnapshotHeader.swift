#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a snapshot's header says about its month: counts, the measures published and their
/// exact totals. Reading it costs one small read and a checksum, so store summaries are instant.
public struct SnapshotHeader: Sendable, Equatable {
    /// The snapshot format version of the file.
    public var formatVersion: UInt32
    /// The month.
    public var month: YearMonth
    /// Number of rows (practice × presentation pairs).
    public var rowCount: Int
    /// Entries in the month's practice-code table.
    public var practiceCount: Int
    /// Entries in the month's presentation-code table.
    public var presentationCount: Int
    /// Practices with at least one row.
    public var practicesWithRows: Int
    /// Presentations with at least one row.
    public var presentationsWithRows: Int
    /// The measures the month's sources published.
    public var measures: MeasureSet
    /// Exact totals (fixed-point, see ``Measure/scale``) indexed by `Measure.rawValue`; zero for
    /// unpublished measures.
    public var totals: [Int64]
    /// The file's length in bytes.
    public var fileLength: Int

    /// The exact total of a measure, or nil when the month's sources did not publish it.
    public func total(_ m: Measure) -> Int64? { measures.has(m) ? totals[m.rawValue] : nil }

    /// Reads and checks only the header of the snapshot at `path`: magic, version, length and
    /// header checksum (the payload is not read; ``Snapshot/open(_:)`` verifies it).
    public static func read(_ path: String) throws -> SnapshotHeader {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError(path: path, reason: "cannot open snapshot: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError(path: path, reason: "cannot stat snapshot: \(String(cString: strerror(errno)))") }
        let size = Int(st.st_size)
        var preamble = [UInt8](repeating: 0, count: SnapshotFormat.preambleBytes)
        let got = preamble.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, 0) }
        guard got == SnapshotFormat.preambleBytes else {
            throw StoreError(path: path, reason: "truncated snapshot: \(size) bytes, shorter than the \(SnapshotFormat.preambleBytes)-byte preamble")
        }
        let headerLength = try preamble.withUnsafeBytes { try SnapshotParser.checkPreamble($0, fileSize: size, path: path) }
        var bytes = [UInt8](repeating: 0, count: SnapshotFormat.preambleBytes + headerLength)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, 0) }
        guard n == bytes.count else { throw StoreError(path: path, reason: "truncated snapshot: header cut short") }
        return try bytes.withUnsafeBytes { try SnapshotParser.parseHeader($0, fileSize: size, path: path).header }
    }
}
