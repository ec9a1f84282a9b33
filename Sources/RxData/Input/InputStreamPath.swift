#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Inputs read as a stream rather than mapped: standard input (`-`) and named pipes (FIFOs),
/// so that `rxatlas synth … | rxatlas ingest - …` builds a store without the CSV touching the
/// disk. A stream is read once, front to back, in constant memory; it is plain CSV (compressed
/// data on a pipe is refused, naming the command that decompresses it).
public enum InputStreamPath {
    /// The path that names standard input.
    public static let standardInput = "-"

    /// Whether `path` is standard input or a named pipe.
    public static func isStream(_ path: String) -> Bool {
        if path == standardInput { return true }
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO
    }

    /// The name a stream is recorded under in summaries and the store's provenance.
    public static func displayName(_ path: String) -> String { path == standardInput ? "(standard input)" : path }
}

extension LineChunks {
    /// Reads a stream front to back into line-aligned chunks (``forEach(digest:_:)`` for `-` and
    /// named pipes), hashing its bytes as they arrive.
    func forEachStream(_ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws -> Pass {
        let fd: Int32 = path == InputStreamPath.standardInput ? 0 : open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError.unreadable(path, "cannot open", errno: errno) }
        defer { if fd != 0 { close(fd) } }
        let name = InputStreamPath.displayName(path)
        let assembler = Assembler(chunkSize: chunkSize, path: name)
        let size = 1 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        var hasher = XXH64()
        var total: Int64 = 0
        var head: [UInt8] = []
        while true {
            let n = read(fd, buffer.baseAddress, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError.unreadable(name, "cannot read", errno: errno)
            }
            if n == 0 { break }
            let piece = UnsafeRawBufferPointer(rebasing: buffer[0..<n])
            if head.count < 4 {
                head += piece.prefix(4 - head.count)
                if head.count >= 2, InputCompression.detect(magic: head) != .none {
                    throw InputError(file: name, reason: "holds compressed data; a stream is read as plain CSV: decompress it on the way "
                                     + "(gunzip -c FILE.gz | rxatlas ingest - …, or unzip -p FILE.zip | rxatlas ingest - …)")
                }
            }
            hasher.update(piece)
            total += Int64(n)
            try assembler.append(piece, body)
        }
        try assembler.finish(body)
        return Pass(fileBytes: total, digest: hasher.finalize())
    }
}
