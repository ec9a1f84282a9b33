#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

extension AtomicFile {
    /// Creates a new version of `path` of exactly `length` bytes by filling a shared memory map
    /// of its temporary file, then syncs and renames it into place as ``withWriter(_:_:)`` does.
    ///
    /// For large binary files built in place (snapshots): the bytes are written once, straight
    /// into the page cache, with no intermediate buffer and no copy through `write(2)`. The map
    /// starts zero-filled. If `body` throws, the temporary is removed and `path` is untouched.
    @discardableResult
    public static func withMappedFile<R>(_ path: String, length: Int,
                                         _ body: (UnsafeMutableRawBufferPointer) throws -> R) throws -> R {
        let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let temporary = path + ".tmp-\(getpid())-\(suffix)"
        let fd = open(temporary, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw AtomicFileError(path: path, operation: "open temporary", reason: AtomicFileWriter.errnoText()) }
        var committed = false
        var fdOpen = true
        defer {
            if fdOpen { close(fd) }
            if !committed { unlink(temporary) }
        }
        guard ftruncate(fd, off_t(length)) == 0 else {
            throw AtomicFileError(path: path, operation: "size temporary", reason: AtomicFileWriter.errnoText())
        }
        #if canImport(Glibc)
        // Reserve the blocks now, so a full disk is an error here rather than a fault while
        // writing through the map.
        if length > 0 {
            let rc = posix_fallocate(fd, 0, off_t(length))
            guard rc == 0 || rc == EOPNOTSUPP || rc == EINVAL else {
                throw AtomicFileError(path: path, operation: "reserve space", reason: String(cString: strerror(rc)))
            }
        }
        #endif
        let result: R
        if length > 0 {
            #if canImport(Glibc)
            let flags = MAP_SHARED | MAP_POPULATE
            #else
            let flags = MAP_SHARED
            #endif
            guard let map = mmap(nil, length, PROT_READ | PROT_WRITE, flags, fd, 0), map != MAP_FAILED else {
                throw AtomicFileError(path: path, operation: "map temporary", reason: AtomicFileWriter.errnoText())
            }
            defer { munmap(map, length) }
            result = try body(UnsafeMutableRawBufferPointer(start: map, count: length))
        } else {
            result = try body(UnsafeMutableRawBufferPointer(start: nil, count: 0))
        }
        guard fsync(fd) == 0 else { throw AtomicFileError(path: path, operation: "fsync", reason: AtomicFileWriter.errnoText()) }
        fdOpen = false
        guard close(fd) == 0 else { throw AtomicFileError(path: path, operation: "close", reason: AtomicFileWriter.errnoText()) }
        guard rename(temporary, path) == 0 else {
            throw AtomicFileError(path: path, operation: "rename", reason: AtomicFileWriter.errnoText())
        }
        committed = true
        AtomicFileWriter.syncDirectory(of: path)
        return result
    }
}
