#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A snapshot file mapped read-only and private (`MAP_PRIVATE`), unmapped when released.
///
/// Store files are only ever replaced by rename, never rewritten in place, so a mapping stays
/// valid for its lifetime.
final class SnapshotMapping: @unchecked Sendable {
    /// The path mapped.
    let path: String
    /// The file's bytes.
    let bytes: UnsafeRawBufferPointer

    /// Maps the file at `path`; empty files map to an empty buffer.
    init(path: String) throws {
        self.path = path
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreError(path: path, reason: "cannot open: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw StoreError(path: path, reason: "cannot stat: \(String(cString: strerror(errno)))") }
        let size = Int(st.st_size)
        if size == 0 {
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        #if os(Linux)
        let flags = MAP_PRIVATE | MAP_POPULATE
        #else
        let flags = MAP_PRIVATE
        #endif
        let p = mmap(nil, size, PROT_READ, flags, fd, 0)
        guard let p, p != MAP_FAILED else {
            throw StoreError(path: path, reason: "cannot map: \(String(cString: strerror(errno)))")
        }
        bytes = UnsafeRawBufferPointer(start: p, count: size)
    }

    /// Drops the pages this mapping holds resident (`MADV_DONTNEED`): the file's pages stay in
    /// the page cache, and a later read faults them back in from there. A period of many months
    /// then holds only the months being read, not every month it has read.
    func releaseResidentPages() {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        #if os(Linux)
        _ = madvise(UnsafeMutableRawPointer(mutating: base), bytes.count, MADV_DONTNEED)
        #endif
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
