#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CSV table built straight into bytes: the fast path for large outputs.
///
/// Fields are appended one by one; commas go in between and ``endRow()`` ends a line with LF.
/// Text fields are quoted exactly as ``CSVWriter/field(_:)`` quotes them; numbers are written by
/// ``DecimalText``. The bytes live in one growing block of memory and nothing is allocated per
/// field, so tables of millions of rows format at memory speed. A buffer is filled by one thread;
/// several can be filled on separate threads and written one after another
/// (``CSVWriter/write(path:header:chunks:)``).
public final class CSVBuffer: @unchecked Sendable {
    /// The buffer's state, behind a pointer so that the per-field hot path does no dynamic
    /// exclusivity checks (class stored properties would).
    private struct State {
        var base: UnsafeMutablePointer<UInt8>
        var capacity: Int
        var count: Int
        var rowStart: Bool
    }
    private let state: UnsafeMutablePointer<State>

    /// Bytes so far.
    public var count: Int { state.pointee.count }

    /// Creates an empty buffer with room for `capacity` bytes.
    public init(capacity: Int = 4096) {
        let c = max(capacity, 64)
        state = .allocate(capacity: 1)
        state.initialize(to: State(base: .allocate(capacity: c), capacity: c, count: 0, rowStart: true))
    }

    deinit {
        state.pointee.base.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// The bytes so far, valid during `body`.
    public func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: state.pointee.base, count: state.pointee.count))
    }

    /// Empties the buffer, keeping its memory for the next table.
    public func reset() {
        state.pointee.count = 0
        state.pointee.rowStart = true
    }

    /// The bytes so far, copied.
    public var bytes: [UInt8] { withBytes { Array($0) } }

    /// Makes room for `n` more bytes.
    @inline(__always)
    private func reserve(_ n: Int) {
        if state.pointee.count + n > state.pointee.capacity { grow(state.pointee.count + n) }
    }

    private func grow(_ needed: Int) {
        var c = state.pointee.capacity * 2
        while c < needed { c *= 2 }
        let b = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        b.update(from: state.pointee.base, count: state.pointee.count)
        state.pointee.base.deallocate()
        state.pointee.base = b
        state.pointee.capacity = c
    }

    @inline(__always)
    private func separator() {
        if state.pointee.rowStart { state.pointee.rowStart = false } else { put(0x2C) }
    }

    /// Appends one byte.
    @inline(__always)
    private func put(_ b: UInt8) {
        reserve(1)
        state.pointee.base[state.pointee.count] = b
        state.pointee.count += 1
    }

    /// The write position, after making room for `n` bytes.
    @inline(__always)
    private func cursor(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        reserve(n)
        return state.pointee.base + state.pointee.count
    }

    @inline(__always)
    private func raw(_ p: UnsafeRawBufferPointer) {
        let c = cursor(p.count)
        if let a = p.baseAddress { c.update(from: a.assumingMemoryBound(to: UInt8.self), count: p.count) }
        state.pointee.count += p.count
    }

    /// Appends a text field, quoted when it holds a comma, quote or line break or starts or
    /// ends with a space.
    public func text(_ value: String) {
        separator()
        var s = value
        s.withUTF8 { u in
            let needsQuotes = u.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
                || u.first == 0x20 || u.last == 0x20
            guard needsQuotes else { raw(UnsafeRawBufferPointer(u)); return }
            put(0x22)
            for b in u {
                if b == 0x22 { put(0x22) }
                put(b)
            }
            put(0x22)
        }
    }

    /// Appends an empty field.
    public func empty() {
        separator()
    }

    /// Appends a whole number.
    public func integer(_ value: Int64) {
        separator()
        state.pointee.count += DecimalText.write(value, to: cursor(DecimalText.maximumLength))
    }

    /// Appends a number (``DecimalText``); NaN and infinities are an empty field.
    public func number(_ value: Double) {
        separator()
        state.pointee.count += DecimalText.write(value, to: cursor(DecimalText.maximumLength))
    }

    /// Appends a number, or an empty field for nil.
    public func number(_ value: Double?) {
        guard let value else { return empty() }
        number(value)
    }

    /// Appends pounds to the penny (half a penny rounds away from zero: `-12.30`, `-2.01`), an
    /// empty field for NaN or an infinity, and amounts of 10¹⁵ or more as ``number(_:)`` writes
    /// them (beyond whole pence in an `Int64`).
    public func money(_ value: Double) {
        guard value.magnitude < 1e15 else { return number(value) }
        separator()
        guard value.isFinite else { return }
        let p = cursor(DecimalText.maximumLength + 4)
        let pence = (value * 100).rounded()
        var a = Int64(pence.magnitude)
        var n = 0
        if pence < 0 && a > 0 { p[0] = 0x2D; n = 1 }
        n += DecimalText.write(a / 100, to: p + n)
        a %= 100
        p[n] = 0x2E
        p[n + 1] = 0x30 + UInt8(a / 10)
        p[n + 2] = 0x30 + UInt8(a % 10)
        state.pointee.count += n + 3
    }

    /// Appends fields formatted earlier (``preformatted(_:)``), e.g. a prefix repeated on many
    /// rows.
    public func fields(_ preformatted: [UInt8]) {
        separator()
        preformatted.withUnsafeBytes { raw($0) }
    }

    /// Text fields formatted once, comma-separated, for ``fields(_:)``.
    public static func preformatted(_ texts: [String]) -> [UInt8] {
        let b = CSVBuffer()
        for t in texts { b.text(t) }
        return b.bytes
    }

    /// Appends a field of ASCII text that needs no quoting.
    public func ascii(_ value: StaticString) {
        separator()
        value.withUTF8Buffer { raw(UnsafeRawBufferPointer($0)) }
    }

    /// Appends a typed result value as ``ResultValue/text(as:)`` spells it (pounds to the penny
    /// in a ``ResultColumnType/pounds`` column, null as an empty field).
    public func value(_ v: ResultValue, as type: ResultColumnType) {
        switch v {
        case .null: empty()
        case .text(let s): text(s)
        case .integer(let i): integer(i)
        case .real(let d): if type == .pounds { money(d) } else { number(d) }
        case .boolean(let b): ascii(b ? "true" : "false")
        }
    }

    /// Ends the row.
    public func endRow() {
        put(0x0A)
        state.pointee.rowStart = true
    }

    /// Appends a whole row of text fields.
    public func row(_ fields: [String]) {
        for f in fields { text(f) }
        endRow()
    }
}
