import CRxScan

/// Splits one CSV line into field boundaries: the Swift face of the C kernel `rx_split_line`
/// (Sources/CRxScan), which finds commas, quotes and line ends 32 bytes at a time with AVX2
/// (eight at a time elsewhere).
///
/// Quoted fields may hold commas and doubled quotes; a newline inside quotes is not allowed (no
/// published prescribing layout has one) and is reported as an unterminated quote. Boundaries are
/// byte offsets from the line start; a quoted field's boundaries exclude its quotes and
/// ``escaped(_:)`` marks fields whose text still holds doubled quotes.
public struct FieldSplitter {
    /// The result of splitting a line.
    public enum Outcome: Equatable {
        /// The line was split; `next` is the offset just past its terminating newline (or the end
        /// of the buffer for a final line without one).
        case line(fields: Int, next: Int)
        /// A quote was opened and not closed before the end of the line.
        case unterminatedQuote(field: Int, next: Int)
        /// A closing quote was followed by something other than a comma or the line end.
        case textAfterQuote(field: Int, next: Int)
        /// The line has more fields than the splitter can hold.
        case tooManyFields(next: Int)
    }

    /// Field capacity.
    public let capacity: Int
    /// Start offset of each field (relative to the line start).
    public let starts: UnsafeMutablePointer<Int32>
    /// End offset (exclusive) of each field.
    public let ends: UnsafeMutablePointer<Int32>
    /// Per field: 0 unquoted, 1 quoted, 2 quoted with doubled quotes inside.
    public let quoted: UnsafeMutablePointer<UInt8>

    /// Creates a splitter for lines of up to `capacity` fields.
    public init(capacity: Int) {
        self.capacity = capacity
        starts = .allocate(capacity: capacity)
        ends = .allocate(capacity: capacity)
        quoted = .allocate(capacity: capacity)
    }

    /// Frees the boundary buffers.
    public func deallocate() {
        starts.deallocate()
        ends.deallocate()
        quoted.deallocate()
    }

    /// Whether field `i` holds doubled quotes that must be collapsed to read its text.
    public func escaped(_ i: Int) -> Bool { quoted[i] == 2 }

    /// Splits the line starting at `base[from]`, reading no further than `base[end - 1]`.
    /// A trailing `\r` before the newline is excluded from the last field.
    @inline(__always)
    public func split(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Outcome {
        var next = 0
        var bad: Int32 = 0
        let n = rx_split_line(base, from, end, starts, ends, quoted, Int32(capacity), &next, &bad)
        switch n {
        case Int32(RX_SPLIT_UNTERMINATED_QUOTE): return .unterminatedQuote(field: Int(bad), next: next)
        case Int32(RX_SPLIT_TEXT_AFTER_QUOTE): return .textAfterQuote(field: Int(bad), next: next)
        case Int32(RX_SPLIT_TOO_MANY_FIELDS): return .tooManyFields(next: next)
        default: return .line(fields: Int(n), next: next)
        }
    }

    /// Offset just past the newline at or after `from` (or `end`).
    @inline(__always)
    public static func lineEnd(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
        rx_line_end(base, from, end)
    }
}
