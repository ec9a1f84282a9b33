import CGzip

/// Streaming gzip decompression on zlib (`inflate` with automatic gzip header detection).
/// Concatenated gzip members are read one after another, as `gzip -dc` does.
final class GzipInflater {
    private var stream = z_stream()
    private var open = false
    private let path: String

    init(path: String) throws {
        self.path = path
        let rc = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else { throw InputError(file: path, reason: "zlib initialisation failed (\(rc))") }
        open = true
    }

    deinit { if open { inflateEnd(&stream) } }

    /// Decompresses all of `input`, handing each decompressed piece to `sink`.
    /// - Returns: true when the final gzip member ended exactly at the end of `input`.
    func inflate(_ input: UnsafeRawBufferPointer, output: UnsafeMutableRawBufferPointer,
                 sink: (UnsafeRawBufferPointer) throws -> Void) throws -> Bool {
        guard let inBase = input.baseAddress, input.count > 0 else { return false }
        stream.next_in = UnsafeMutablePointer(mutating: inBase.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        var ended = false
        while true {
            stream.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
            stream.avail_out = uInt(output.count)
            let rc = CGzip.inflate(&stream, Z_NO_FLUSH)
            let produced = output.count - Int(stream.avail_out)
            if produced > 0 { try sink(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(output)[0..<produced])) }
            switch rc {
            case Z_STREAM_END:
                ended = true
                if stream.avail_in == 0 { return true }
                // Another gzip member follows.
                guard inflateReset(&stream) == Z_OK else { throw InputError(file: path, reason: "gzip: cannot read the next member") }
                ended = false
            case Z_OK:
                if stream.avail_in == 0 && stream.avail_out != 0 { return ended }
            case Z_BUF_ERROR:
                if stream.avail_in == 0 { return ended }
                throw InputError(file: path, reason: "gzip data is corrupt (buffer error)")
            default:
                let msg = stream.msg.map { String(cString: $0) } ?? "code \(rc)"
                throw InputError(file: path, reason: "gzip data is corrupt: \(msg)")
            }
        }
    }
}
