import Dispatch
import Foundation
import ZIPFoundation

/// Reads an input file (plain, `.gz` or `.zip`) as a sequence of chunks that each end on a
/// line boundary, so a chunk can be split and scanned in parallel without losing a line.
///
/// Plain files are memory-mapped and handed out in place (no copy), and pages already scanned
/// are released; compressed files are inflated into one reused buffer. Either way memory stays
/// flat however large the file.
public struct LineChunks: Sendable {
    /// The file read.
    public let path: String
    /// Target chunk size in bytes.
    public let chunkSize: Int
    /// Whether standard input (`-`) and named pipes are read as streams (prescribing files);
    /// otherwise they are refused, as every other input is mapped.
    public let allowsStreams: Bool

    /// The longest line accepted from a compressed file, in bytes (1 MiB; the widest real row is
    /// under 2 KB). A longer line is an error found in constant memory, not a buffer that grows
    /// with it.
    public static let maximumLineLength = 1 << 20

    /// The reason given for a line longer than ``maximumLineLength`` (readers that count lines
    /// add the line number).
    public static let lineTooLongReason = "a line is longer than 1 MiB (1,048,576 bytes): not a prescribing or list-size file, or a damaged one"

    /// Prepares to read `path` in chunks of about `chunkSize` bytes.
    public init(path: String, chunkSize: Int = 32 << 20, allowsStreams: Bool = false) {
        self.path = path
        self.chunkSize = chunkSize
        self.allowsStreams = allowsStreams
    }

    /// What a pass over the file saw.
    public struct Pass: Sendable {
        /// The file's size on disk.
        public var fileBytes: Int64
        /// XXH64 of the file's bytes, computed alongside the scan of a plain file when asked for
        /// (nil for compressed files, whose chunks are not the file's bytes).
        public var digest: UInt64?
    }

    /// Calls `body` with each chunk in order. With ``allowsStreams``, standard input (`-`) and
    /// named pipes are read as a stream (``InputStreamPath``), hashed whether or not `digest` asks. Every chunk but the last ends with `\n`; the last
    /// holds whatever follows the final newline (possibly a line without one), and `isLast`
    /// is true for it. An empty file yields one empty last chunk. With `digest`, a plain file's
    /// XXH64 is computed on another thread while `body` works on each chunk.
    @discardableResult
    public func forEach(digest: Bool = false, _ body: (_ chunk: UnsafeRawBufferPointer, _ isLast: Bool) throws -> Void) throws -> Pass {
        if allowsStreams && InputStreamPath.isStream(path) { return try forEachStream(body) }
        let mapped = try MappedFile(path: path)
        let magic = Array(mapped.bytes.prefix(4))
        var pass = Pass(fileBytes: Int64(mapped.bytes.count), digest: nil)
        switch InputCompression.detect(magic: magic) {
        case .none:
            pass.digest = try forEachMapped(mapped, digest: digest, body)
        case .gzip:
            try forEachGzip(mapped, body)
        case .zip:
            try forEachZip(body)
        }
        return pass
    }

    /// Hashes chunks on a background queue, one at a time, in order.
    private final class BackgroundDigest: @unchecked Sendable {
        var hasher = XXH64()
        let group = DispatchGroup()
        func add(_ chunk: UnsafeRawBufferPointer) {
            group.wait()
            nonisolated(unsafe) let c = chunk
            DispatchQueue.global().async(group: group) { self.hasher.update(c) }
        }
        func finish() -> UInt64 {
            group.wait()
            return hasher.finalize()
        }
    }

    /// Reads the whole file, decompressed, into memory (for small reference files).
    public static func readAll(path: String) throws -> [UInt8] {
        var out: [UInt8] = []
        try LineChunks(path: path, chunkSize: 4 << 20).forEach { chunk, _ in out.append(contentsOf: chunk) }
        return out
    }

    private func forEachMapped(_ mapped: MappedFile, digest: Bool, _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws -> UInt64? {
        let all = mapped.bytes
        let hasher = digest ? BackgroundDigest() : nil
        defer { _ = hasher?.finish() }
        var start = 0
        while all.count - start > chunkSize {
            var end = start + chunkSize
            while end > start && all[end - 1] != 0x0A { end -= 1 }
            if end == start {
                // A single line longer than a chunk: extend to its end.
                end = start + chunkSize
                while end < all.count && all[end - 1] != 0x0A { end += 1 }
                if end == all.count && all[end - 1] != 0x0A { break }
            }
            let chunk = UnsafeRawBufferPointer(rebasing: all[start..<end])
            hasher?.add(chunk)
            try body(chunk, false)
            hasher?.group.wait()
            start = end
            mapped.release(upTo: start)
        }
        let last = UnsafeRawBufferPointer(rebasing: all[start..<all.count])
        hasher?.add(last)
        try body(last, true)
        return hasher?.finish()
    }

    /// Gathers decompressed bytes into a line-aligned buffer and emits full chunks. A line longer
    /// than ``maximumLineLength`` is an error; the search for the last newline never rescans
    /// bytes already known to hold none, so a long line costs linear time.
    final class Assembler {
        var buffer: UnsafeMutableRawBufferPointer
        var used = 0
        /// Bytes from here to `used` are known to hold no newline.
        var noNewlineFrom = 0
        let chunkSize: Int
        let path: String
        init(chunkSize: Int, path: String) {
            self.chunkSize = chunkSize
            self.path = path
            buffer = .allocate(byteCount: chunkSize * 2, alignment: 64)
        }
        deinit { buffer.deallocate() }

        func append(_ bytes: UnsafeRawBufferPointer, _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
            var src = bytes
            while !src.isEmpty {
                if used == buffer.count { grow() }
                let n = min(src.count, buffer.count - used)
                UnsafeMutableRawBufferPointer(rebasing: buffer[used..<used + n]).copyMemory(from: UnsafeRawBufferPointer(rebasing: src[0..<n]))
                used += n
                src = UnsafeRawBufferPointer(rebasing: src[n...])
                if used >= chunkSize { try flush(body) }
            }
        }

        /// Emits everything up to the last newline and keeps the remainder.
        func flush(_ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
            var end = used
            while end > noNewlineFrom && buffer[end - 1] != 0x0A { end -= 1 }
            guard end > noNewlineFrom else {
                // No newline yet: keep gathering, within the line limit.
                if used - noNewlineFrom > LineChunks.maximumLineLength {
                    throw InputError(file: path, reason: LineChunks.lineTooLongReason)
                }
                noNewlineFrom = used
                return
            }
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<end]), false)
            let rest = used - end
            if rest > 0 {
                UnsafeMutableRawBufferPointer(rebasing: buffer[0..<rest]).copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[end..<used]))
            }
            used = rest
            noNewlineFrom = 0
            if rest > LineChunks.maximumLineLength { throw InputError(file: path, reason: LineChunks.lineTooLongReason) }
        }

        func finish(_ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
            try body(UnsafeRawBufferPointer(rebasing: buffer[0..<used]), true)
            used = 0
        }

        private func grow() {
            let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 64)
            bigger.copyMemory(from: UnsafeRawBufferPointer(buffer))
            buffer.deallocate()
            buffer = bigger
        }
    }

    private func forEachGzip(_ mapped: MappedFile, _ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
        let inflater = try GzipInflater(path: path)
        let assembler = Assembler(chunkSize: chunkSize, path: path)
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { out.deallocate() }
        let ended = try inflater.inflate(mapped.bytes, output: out) { piece in
            try assembler.append(piece, body)
        }
        guard ended else {
            throw InputError(file: path, reason: "gzip stream is truncated (the file ends before the compressed data does)")
        }
        try assembler.finish(body)
    }

    private func forEachZip(_ body: (UnsafeRawBufferPointer, Bool) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let archive: Archive
        do {
            archive = try Archive(url: url, accessMode: .read)
        } catch {
            throw InputError(file: path, reason: "not a readable zip archive: \(error)")
        }
        let members = archive.filter { $0.type == .file && !$0.path.hasPrefix("__MACOSX") }
        let csvs = members.filter { $0.path.lowercased().hasSuffix(".csv") }
        let chosen = csvs.count == 1 ? csvs : members
        guard chosen.count == 1, let entry = chosen.first else {
            let names = members.map(\.path).joined(separator: ", ")
            throw InputError(file: path, reason: "zip archive must hold exactly one CSV file; it holds: \(names.isEmpty ? "nothing" : names)")
        }
        let assembler = Assembler(chunkSize: chunkSize, path: path)
        // An error thrown by the consumer (a bad line, or a reader that has read enough) is the
        // consumer's and passes through unchanged; only the archive's own errors are wrapped.
        var consumerError: Error? = nil
        let crc: CRC32
        do {
            crc = try archive.extract(entry, bufferSize: 1 << 20, skipCRC32: false) { data in
                do { try data.withUnsafeBytes { try assembler.append($0, body) } } catch {
                    consumerError = error
                    throw error
                }
            }
        } catch {
            if let consumerError { throw consumerError }
            if let e = error as? InputError { throw e }
            throw InputError(file: "\(path)!\(entry.path)", reason: "cannot extract: \(error)")
        }
        // The reader returns the CRC-32 of what it inflated without comparing it: a damaged
        // member would otherwise be read as data.
        guard crc == entry.checksum else {
            throw InputError(file: "\(path)!\(entry.path)",
                             reason: "the archive member is damaged: CRC-32 \(String(crc, radix: 16)) where the archive records \(String(entry.checksum, radix: 16))")
        }
        try assembler.finish(body)
    }
}
