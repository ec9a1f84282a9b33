/// Splits one CSV line into field boundaries, scanning eight bytes at a time.
///
/// The hot loop of every prescribing reader. It finds commas, quotes and the line end with
/// SWAR (SIMD within a register) tests on 64-bit words, so unquoted text is skipped a word at
/// a time. Quoted fields may hold commas and doubled quotes; a newline inside quotes is not
/// allowed (no published prescribing layout has one) and is reported as an unterminated quote.
/// Boundaries are byte offsets from the line start; a quoted field's boundaries exclude its
/// quotes and ``FieldSplitter/Line/escaped`` marks fields whose text still holds doubled quotes.
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
    public var starts: UnsafeMutablePointer<Int32>
    /// End offset (exclusive) of each field.
    public var ends: UnsafeMutablePointer<Int32>
    /// Whether each field held a doubled quote (`""`) that must be unescaped to read its text.
    public var escaped: UnsafeMutablePointer<Bool>

    /// Creates a splitter for lines of up to `capacity` fields.
    public init(capacity: Int) {
        self.capacity = capacity
        starts = .allocate(capacity: capacity)
        ends = .allocate(capacity: capacity)
        escaped = .allocate(capacity: capacity)
    }

    /// Frees the boundary buffers.
    public func deallocate() {
        starts.deallocate()
        ends.deallocate()
        escaped.deallocate()
    }

    @inline(__always)
    private static func specialMask(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let comma = w ^ (ones &* 0x2C)
        let quote = w ^ (ones &* 0x22)
        let newline = w ^ (ones &* 0x0A)
        let c = (comma &- ones) & ~comma
        let q = (quote &- ones) & ~quote
        let n = (newline &- ones) & ~newline
        return (c | q | n) & highs
    }

    /// Splits the line starting at `base[from]`, reading no further than `base[end - 1]`.
    /// A trailing `\r` before the newline is excluded from the last field.
    @inline(__always)
    public func split(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Outcome {
        var i = from
        var field = 0
        var fieldStart = from
        starts[0] = 0
        escaped[0] = false
        while true {
            // Find the next special byte at or after i.
            var found = end
            while i + 8 <= end {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                let m = FieldSplitter.specialMask(w)
                if m != 0 {
                    found = i + (m.trailingZeroBitCount >> 3)
                    break
                }
                i += 8
            }
            if found == end {
                while i < end {
                    let c = base[i]
                    if c == 0x2C || c == 0x22 || c == 0x0A { break }
                    i += 1
                }
                found = i
            }
            i = found
            if i == end || base[i] == 0x0A {
                // End of line.
                var e = i
                if e > fieldStart && base[e - 1] == 0x0D { e -= 1 }
                starts[field] = Int32(fieldStart - from)
                ends[field] = Int32(e - from)
                return .line(fields: field + 1, next: i == end ? end : i + 1)
            }
            let c = base[i]
            if c == 0x2C {
                starts[field] = Int32(fieldStart - from)
                ends[field] = Int32(i - from)
                field += 1
                if field >= capacity { return .tooManyFields(next: lineEnd(base, from: i, end: end)) }
                escaped[field] = false
                i += 1
                fieldStart = i
                continue
            }
            // A quote: only meaningful at the start of a field.
            if i != fieldStart {
                // A stray quote inside an unquoted field is kept as text.
                i += 1
                continue
            }
            var j = i + 1
            var hadEscape = false
            while true {
                while j < end && base[j] != 0x22 && base[j] != 0x0A { j += 1 }
                if j >= end || base[j] == 0x0A {
                    return .unterminatedQuote(field: field, next: j >= end ? end : j + 1)
                }
                if j + 1 < end && base[j + 1] == 0x22 {
                    hadEscape = true
                    j += 2
                    continue
                }
                break
            }
            // base[j] is the closing quote.
            let after = j + 1
            starts[field] = Int32(i + 1 - from)
            ends[field] = Int32(j - from)
            escaped[field] = hadEscape
            var k = after
            if k < end && base[k] == 0x0D { k += 1 }
            if k >= end || base[k] == 0x0A {
                return .line(fields: field + 1, next: k >= end ? end : k + 1)
            }
            guard base[after] == 0x2C else {
                return .textAfterQuote(field: field, next: lineEnd(base, from: after, end: end))
            }
            field += 1
            if field >= capacity { return .tooManyFields(next: lineEnd(base, from: after, end: end)) }
            escaped[field] = false
            i = after + 1
            fieldStart = i
            starts[field] = Int32(fieldStart - from)
        }
    }

    /// Offset just past the newline at or after `from` (or `end`).
    @inline(__always)
    public func lineEnd(_ base: UnsafePointer<UInt8>, from: Int, end: Int) -> Int {
        var i = from
        while i < end && base[i] != 0x0A { i += 1 }
        return i < end ? i + 1 : end
    }
}
