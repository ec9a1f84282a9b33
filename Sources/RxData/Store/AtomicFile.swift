#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes files so that readers see either the old content or the new, never a part.
///
/// Every output RxAtlas produces goes through here: the bytes go to
/// `path + ".tmp-<pid>-<random>"` in the destination's directory, are flushed to disk with
/// `fsync`, and the temporary is renamed over `path` (an atomic replace on POSIX file systems);
/// the directory is then synced so the rename itself is durable. If anything fails — including
/// the caller's own code inside ``withWriter(_:_:)`` — the temporary is removed and the previous
/// file, if any, is untouched.
///
/// Analysis results (CSV tables, reports) are written with ``Durability/renameOnly``: still
/// all-or-nothing through the rename, but without waiting for the disk, since a result can
/// always be recomputed from the store. The store's own files are ``Durability/synced``.
public enum AtomicFile {
    /// Whether a commit waits for the bytes to reach the disk.
    public enum Durability: Sendable {
        /// `fsync` the file before the rename and the directory after it (the default).
        case synced
        /// Rename only: readers still see the old file or the whole new one, but after a power
        /// loss the newest result may be missing.
        case renameOnly
    }

    /// Replaces `path` with `data`.
    public static func write(_ data: Data, to path: String) throws {
        try withWriter(path) { w in try data.withUnsafeBytes { try w.write($0) } }
    }

    /// Replaces `path` with `bytes`.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try withWriter(path) { w in try bytes.withUnsafeBytes { try w.write($0) } }
    }

    /// Replaces `path` with the UTF-8 encoding of `text`.
    public static func write(_ text: String, to path: String) throws {
        try withWriter(path) { w in try w.write(text) }
    }

    /// Replaces `path` with a file another library writes by name (a SQLite database, say):
    /// `body` gets a fresh temporary path in the destination's directory and writes it; when
    /// `body` returns, the temporary is synced and renamed over `path`, and the directory synced.
    /// When `body` throws, the temporary (and any `-journal`/`-wal`/`-shm` companions) is removed
    /// and `path` keeps its previous content.
    @discardableResult
    public static func replace<R>(_ path: String, _ body: (_ temporaryPath: String) throws -> R) throws -> R {
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary = path + ".tmp-\(getpid())-\(suffix)"
        func removeTemporaries() {
            for name in [temporary, temporary + "-journal", temporary + "-wal", temporary + "-shm"] { unlink(name) }
        }
        do {
            let result = try body(temporary)
            let fd = open(temporary, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else {
                throw AtomicFileError(path: path, operation: "open temporary", reason: AtomicFileWriter.errnoText())
            }
            let synced = fsync(fd) == 0
            let reason = synced ? "" : AtomicFileWriter.errnoText()
            close(fd)
            guard synced else { throw AtomicFileError(path: path, operation: "fsync", reason: reason) }
            guard rename(temporary, path) == 0 else {
                throw AtomicFileError(path: path, operation: "rename", reason: AtomicFileWriter.errnoText())
            }
            AtomicFileWriter.syncDirectory(of: path)
            return result
        } catch {
            removeTemporaries()
            throw error
        }
    }

    /// Streams a new version of `path`: `body` writes through the writer; when it returns the file
    /// is committed, and when it throws the temporary is removed and the error rethrown.
    @discardableResult
    public static func withWriter<R>(_ path: String, durability: Durability = .synced,
                                     _ body: (AtomicFileWriter) throws -> R) throws -> R {
        let writer = try AtomicFileWriter(destination: path)
        do {
            let result = try body(writer)
            try writer.commit(sync: durability == .synced)
            return result
        } catch {
            writer.abandon()
            throw error
        }
    }
}

extension AtomicFile {
    /// Streams new versions of several files at once: `body` gets one writer per path, in order;
    /// when it returns every file is committed, and when it (or a commit) throws every
    /// uncommitted temporary is removed and the error rethrown.
    @discardableResult
    public static func withWriters<R>(_ paths: [String], durability: Durability = .synced,
                                      _ body: ([AtomicFileWriter]) throws -> R) throws -> R {
        var writers: [AtomicFileWriter] = []
        do {
            for p in paths { writers.append(try AtomicFileWriter(destination: p)) }
            let result = try body(writers)
            for w in writers { try w.commit(sync: durability == .synced) }
            return result
        } catch {
            for w in writers { w.abandon() }
            throw error
        }
    }
}

/// The writer handed out by ``AtomicFile/withWriter(_:_:)``: buffered sequential writes to the
/// temporary file, plus positioned rewrites of bytes already written (for headers that are only
/// known at the end). Use it only inside the closure; it is not thread-safe.
public final class AtomicFileWriter {
    /// The destination path.
    public let path: String
    /// The temporary file the bytes go to until commit.
    public let temporaryPath: String
    private var fd: Int32
    private var buffer: UnsafeMutableRawBufferPointer
    private var buffered = 0
    private var flushedBytes = 0
    private var finished = false
    private static let bufferSize = 1 << 20

    /// Creates the temporary next to `destination`.
    init(destination: String) throws {
        path = destination
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        temporaryPath = destination + ".tmp-\(getpid())-\(suffix)"
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw AtomicFileError(path: destination, operation: "open temporary", reason: AtomicFileWriter.errnoText())
        }
        buffer = .allocate(byteCount: AtomicFileWriter.bufferSize, alignment: 64)
    }

    deinit {
        buffer.deallocate()
        if !finished { abandon() }
    }

    /// Bytes written so far (the offset the next write lands at).
    public var offset: Int { flushedBytes + buffered }

    /// Appends raw bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if buffered + bytes.count <= buffer.count {
            (buffer.baseAddress! + buffered).copyMemory(from: base, byteCount: bytes.count)
            buffered += bytes.count
            return
        }
        try flush()
        if bytes.count >= buffer.count {
            try writeAll(base, bytes.count)
            flushedBytes += bytes.count
        } else {
            buffer.baseAddress!.copyMemory(from: base, byteCount: bytes.count)
            buffered = bytes.count
        }
    }

    /// Appends a byte array.
    public func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    /// Appends `Data`.
    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    /// Appends the UTF-8 encoding of `text`.
    public func write(_ text: String) throws {
        var t = text
        try t.withUTF8 { try write(UnsafeRawBufferPointer($0)) }
    }

    /// Appends zero bytes until ``offset`` is a multiple of `alignment`.
    public func pad(toAlignment alignment: Int) throws {
        let rem = offset % alignment
        guard rem != 0 else { return }
        try write([UInt8](repeating: 0, count: alignment - rem))
    }

    /// Overwrites bytes already written, at `position ..< position + bytes.count` (which must lie
    /// within ``offset``).
    public func overwrite(at position: Int, with bytes: UnsafeRawBufferPointer) throws {
        precondition(position >= 0 && position + bytes.count <= offset, "overwrite beyond the written bytes")
        try flush()
        var done = 0
        while done < bytes.count {
            let n = pwrite(fd, bytes.baseAddress! + done, bytes.count - done, off_t(position + done))
            if n < 0 {
                if errno == EINTR { continue }
                throw AtomicFileError(path: path, operation: "write", reason: AtomicFileWriter.errnoText())
            }
            done += n
        }
    }

    private func flush() throws {
        guard buffered > 0 else { return }
        try writeAll(UnsafeRawPointer(buffer.baseAddress!), buffered)
        flushedBytes += buffered
        buffered = 0
    }

    private func writeAll(_ base: UnsafeRawPointer, _ count: Int) throws {
        var done = 0
        while done < count {
            let n = systemWrite(fd, base + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw AtomicFileError(path: path, operation: "write", reason: AtomicFileWriter.errnoText())
            }
            done += n
        }
    }

    /// Flushes, syncs (when `sync`) and renames the temporary over the destination, then syncs
    /// the directory (when `sync`).
    func commit(sync: Bool = true) throws {
        try flush()
        guard !sync || fsync(fd) == 0 else {
            throw AtomicFileError(path: path, operation: "fsync", reason: AtomicFileWriter.errnoText())
        }
        let closed = close(fd)
        fd = -1
        guard closed == 0 else {
            throw AtomicFileError(path: path, operation: "close", reason: AtomicFileWriter.errnoText())
        }
        guard rename(temporaryPath, path) == 0 else {
            throw AtomicFileError(path: path, operation: "rename", reason: AtomicFileWriter.errnoText())
        }
        finished = true
        if sync { AtomicFileWriter.syncDirectory(of: path) }
    }

    /// Syncs the directory holding `path`, so that a rename into it is durable.
    static func syncDirectory(of path: String) {
        let dir = (path as NSString).deletingLastPathComponent
        let dfd = open(dir.isEmpty ? "." : dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            _ = fsync(dfd)
            close(dfd)
        }
    }

    /// Closes and removes the temporary; the destination keeps its previous content.
    func abandon() {
        guard !finished else { return }
        finished = true
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryPath)
    }

    static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// `write(2)`, named apart from the writer's own `write` methods.
@inline(__always)
private func systemWrite(_ fd: Int32, _ base: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, base, count)
    #elseif canImport(Musl)
    return Musl.write(fd, base, count)
    #else
    return Darwin.write(fd, base, count)
    #endif
}
