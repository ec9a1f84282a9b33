/// A growable byte buffer that formats CSV fields by hand (no `String` per field) and hands
/// full chunks to a ``ByteSink``, so generation runs in flat memory.
public final class RowBuffer {
    private var storage: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private let flushAt: Int
    /// Bytes currently buffered.
    public private(set) var count = 0
    /// Bytes handed to the sink so far (plus those buffered).
    public var totalBytes: Int { flushed + count }
    private var flushed = 0
    private let sink: ByteSink

    /// A buffer of `capacity` bytes in front of `sink`; flushes when 7/8 full.
    public init(sink: ByteSink, capacity: Int = 4 << 20) {
        self.sink = sink
        self.capacity = capacity
        flushAt = capacity - capacity / 8
        storage = .allocate(capacity: capacity)
    }

    deinit { storage.deallocate() }

    /// Hands the buffered bytes to the sink if the buffer is nearly full (call between rows;
    /// one row must fit in the remaining eighth).
    @inline(__always)
    public func flushIfNeeded() throws { if count >= flushAt { try flush() } }

    /// Hands all buffered bytes to the sink.
    public func flush() throws {
        guard count > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(start: storage, count: count))
        flushed += count
        count = 0
    }

    /// Flushes and finishes the sink.
    public func finish() throws {
        try flush()
        try sink.finish()
    }

    /// Appends raw bytes.
    @inline(__always)
    public func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        precondition(count + bytes.count <= capacity, "row longer than the buffer's reserve")
        (storage + count).update(from: bytes.baseAddress!, count: bytes.count)
        count += bytes.count
    }

    /// Appends raw bytes.
    @inline(__always)
    public func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { if $0.count > 0 { append($0) } }
    }

    /// Appends one byte.
    @inline(__always)
    public func append(byte: UInt8) {
        storage[count] = byte
        count += 1
    }

    /// Appends ASCII text.
    public func append(ascii text: String) {
        var t = text
        t.withUTF8 { append($0) }
    }

    /// Appends a field as CSV: quoted (with doubled quotes) when it holds a comma, quote or newline.
    public func append(field bytes: [UInt8]) {
        append(CSVField.encode(bytes))
    }

    /// Appends a decimal integer.
    @inline(__always)
    public func append(int value: Int) {
        var v = value
        if v < 0 { append(byte: 0x2D); v = -v }
        if v < 10 { append(byte: 0x30 &+ UInt8(v)); return }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while v > 0 {
                raw[23 - n] = 0x30 &+ UInt8(v % 10)
                v /= 10
                n += 1
            }
            for i in 0..<n { storage[count + i] = raw[24 - n + i] }
        }
        count += n
    }

    /// Appends `scaled / 10^decimals` as a decimal. With `trim`, trailing zeros are dropped
    /// down to `minimumDecimals` (`84.0`, `69.93852`); without, exactly `decimals` digits.
    @inline(__always)
    public func append(fixed scaled: Int, decimals: Int, trim: Bool = false, minimumDecimals: Int = 1) {
        var v = scaled
        if v < 0 { append(byte: 0x2D); v = -v }
        var p = 1
        for _ in 0..<decimals { p *= 10 }
        append(int: v / p)
        var frac = v % p
        var digits = decimals
        if trim {
            while digits > minimumDecimals && frac % 10 == 0 { frac /= 10; digits -= 1 }
        }
        guard digits > 0 else { return }
        append(byte: 0x2E)
        var q = 1
        for _ in 1..<max(digits, 1) { q *= 10 }
        for _ in 0..<digits {
            append(byte: 0x30 &+ UInt8(frac / q))
            frac %= q
            q = max(q / 10, 1)
        }
    }
}
