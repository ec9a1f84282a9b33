import CGzip
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming gzip writer on zlib's `deflate`: bytes go in, a `.gz` file comes out, with memory
/// bounded by zlib's window and one output buffer whatever the input size.
///
/// The gzip header carries no file name and a zero modification time, so the same bytes always
/// compress to the same file (zlib's default header when `windowBits` is 16 + 15).
public final class GzipWriter {
    /// Why a gzip write failed.
    public struct Failure: Error, CustomStringConvertible {
        /// The file being written.
        public let path: String
        /// What went wrong.
        public let reason: String
        public var description: String { "\(path): \(reason)" }
    }

    /// The file being written.
    public let path: String
    private let fd: Int32
    private let stream: UnsafeMutablePointer<z_stream>
    private let out: UnsafeMutablePointer<UInt8>
    private let outCapacity = 1 << 20
    private var finished = false
    /// Uncompressed bytes written so far.
    public private(set) var bytesIn: Int = 0
    /// Compressed bytes written so far.
    public private(set) var bytesOut: Int = 0

    /// Creates (or truncates) `path` and starts a gzip stream at compression `level` (1 fastest …
    /// 9 smallest; 6 is zlib's default).
    public init(path: String, level: Int32 = 6) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        out = .allocate(capacity: outCapacity)
        let status = deflateInit2_(stream, level, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY,
                                   zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            close(fd)
            stream.deallocate(); out.deallocate()
            throw Failure(path: path, reason: "deflateInit2 failed (\(status))")
        }
    }

    deinit {
        if !finished {
            deflateEnd(stream)
            close(fd)
        }
        stream.deallocate()
        out.deallocate()
    }

    /// Compresses and writes `bytes`.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !finished else { throw Failure(path: path, reason: "write after finish") }
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        bytesIn += bytes.count
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = UInt32(bytes.count)
        try pump(flush: Z_NO_FLUSH)
    }

    /// Compresses and writes `bytes`.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Flushes the stream, writes the gzip trailer and closes the file. Idempotent.
    public func finish() throws {
        guard !finished else { return }
        stream.pointee.avail_in = 0
        try pump(flush: Z_FINISH)
        finished = true
        deflateEnd(stream)
        guard close(fd) == 0 else { throw Failure(path: path, reason: String(cString: strerror(errno))) }
    }

    private func pump(flush: Int32) throws {
        while true {
            stream.pointee.next_out = out
            stream.pointee.avail_out = UInt32(outCapacity)
            let status = deflate(stream, flush)
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw Failure(path: path, reason: "deflate failed (\(status))")
            }
            let produced = outCapacity - Int(stream.pointee.avail_out)
            try writeAll(out, produced)
            if flush == Z_FINISH {
                if status == Z_STREAM_END { return }
            } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 {
                return
            }
        }
    }

    private func writeAll(_ pointer: UnsafeMutablePointer<UInt8>, _ count: Int) throws {
        var done = 0
        while done < count {
            let n = systemWrite(fd, pointer + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(path: path, reason: String(cString: strerror(errno)))
            }
            done += n
        }
        bytesOut += count
    }
}

@inline(__always)
private func systemWrite(_ fd: Int32, _ p: UnsafeMutablePointer<UInt8>, _ n: Int) -> Int {
    write(fd, p, n)
}
