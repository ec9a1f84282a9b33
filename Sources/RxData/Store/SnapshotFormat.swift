/// The on-disk layout of a month snapshot (`months/YYYY-MM.rxsnap`), format version 1.
///
/// All integers are little-endian. Sections start on 64-byte boundaries so that packed columns
/// can be decoded in place from a read-only memory map.
///
/// ```
/// offset  size  preamble (64 bytes)
///      0     8  magic 89 52 58 53 4E 41 50 1A  ("\x89RXSNAP\x1A")
///      8     4  format version (1)
///     12     4  header length H (bytes after the preamble, padded so 64 + H is 64-aligned)
///     16     8  file length (a shorter file is truncated)
///     24     8  header checksum: XXH64 of bytes 0 ..< 64 + H with this field zeroed
///     32    32  reserved, zero
///
/// offset  size  header (at 64, H bytes)
///      0     4  month (YearMonth ordinal)
///      4     1  measures published (MeasureSet bits); 3 bytes zero
///      8     8  rows
///     16     4  practices in the code table      20  4  presentations in the code table
///     24     4  practices with rows              28  4  presentations with rows
///     32     4  rows per block                   36  4  log2 of the checksum chunk size
///     40    40  exact totals per measure (Int64, Measure.rawValue order; 0 when unpublished)
///     80     8  payload offset P = 64 + H (the first byte the chunk checksums cover)
///     88     4  section count S                  92  4  chunk count C
///     96  32·S  section directory: kind u16, measure u8, encoding u8, element count u32,
///               offset u64, byte length u64, reserved u64
///      …   8·C  XXH64 of each chunk of the payload P ..< file length (the last may be short)
/// ```
///
/// Sections: the month's practice-code table (`u32` offsets then UTF-8 text), its
/// presentation-code table (16-byte records: length, then up to 15 ASCII bytes), the CSR
/// practice offsets (`u32`, practices + 1), the per-block presentation anchors (`i32`: the id
/// before the block's first row when that row continues a practice, else −1), the presentation
/// column as gaps within each practice (`id − previous id − 1`, the first row of a practice
/// counting from −1), one packed column per published measure, and a small JSON object of
/// source notes. Packed columns use ``PackedColumn``'s block encoding. A month whose sources
/// publish quantity per item (EPD) has four more packed sections, its
/// ``QuantityPerItemBreakdown`` (rows, quantities per item, items, quantities; the section's
/// element count is the number of entries); a build that predates them refuses such a file as
/// having an unknown section.
public enum SnapshotFormat {
    /// The file's first eight bytes.
    public static let magic: [UInt8] = [0x89, 0x52, 0x58, 0x53, 0x4E, 0x41, 0x50, 0x1A]
    /// The format version this build writes and reads.
    public static let version: UInt32 = 1
    /// The file-name extension of snapshots.
    public static let fileExtension = "rxsnap"
    /// Rows per packed block.
    public static let blockRows = 1024
    /// Bytes per payload checksum chunk, as a power of two.
    static let chunkShift = 20
    /// Size of the preamble.
    static let preambleBytes = 64
    /// Size of the fixed part of the header.
    static let fixedHeaderBytes = 96
    /// Size of one section directory entry.
    static let sectionEntryBytes = 32
    /// Alignment of every section.
    static let alignment = 64

    /// What a section holds.
    enum SectionKind: UInt16 {
        case practiceCodes = 1
        case presentationCodes = 2
        case practiceStart = 3
        case presentationAnchors = 4
        case presentationGaps = 5
        case measure = 6
        case notes = 7
        /// ``QuantityPerItemBreakdown``: the entries' rows, quantities per item, items and
        /// quantities, one packed section each, holding the entry count. Absent when the month's
        /// sources publish no quantity per item (and in months written before RxAtlas kept it).
        case quantityPerItemRows = 8
        case quantityPerItemValues = 9
        case quantityPerItemItems = 10
        case quantityPerItemQuantities = 11

        /// The four sections of the quantity-per-item breakdown, in order.
        static let quantityPerItem: [SectionKind] = [.quantityPerItemRows, .quantityPerItemValues, .quantityPerItemItems, .quantityPerItemQuantities]
    }

    /// How a section's bytes are laid out.
    enum Encoding: UInt8 {
        /// Plain arrays or text, as described for the section kind.
        case raw = 0
        /// ``PackedColumn`` blocks.
        case packed = 1
    }

    /// One entry of the section directory.
    struct Section {
        var kind: SectionKind
        var measure: UInt8
        var encoding: Encoding
        var count: UInt32
        var offset: UInt64
        var length: UInt64
    }

    /// Rounds `n` up to a multiple of `a` (a power of two).
    @inline(__always)
    static func align(_ n: Int, _ a: Int) -> Int { (n + a - 1) & ~(a - 1) }
}
