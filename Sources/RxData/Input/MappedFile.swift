#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only memory mapping of a whole file.
///
/// Pages already read can be released with ``release(upTo:)`` so that scanning a file far
/// larger than memory keeps the resident set flat.
public final class MappedFile: @unchecked Sendable {
    /// The mapped bytes (empty for an empty file).
    public let bytes: UnsafeRawBufferPointer
    /// The path mapped.
    public let path: String
    private let base: UnsafeMutableRawPointer?
    private let length: Int

    /// Maps `path` read-only.
    public init(path: String) throws {
        self.path = path
        // Checked before opening: opening a pipe would wait for a writer.
        var pre = stat()
        if stat(path, &pre) == 0, let e = InputError.notRegularFile(path, mode: pre.st_mode) { throw e }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError.unreadable(path, "cannot open", errno: errno) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw InputError.unreadable(path, "cannot stat", errno: errno) }
        length = Int(st.st_size)
        if length == 0 {
            base = nil
            bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let p = mmap(nil, length, PROT_READ, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw InputError.unreadable(path, "cannot map", errno: errno)
        }
        _ = madvise(p, length, Int32(MADV_SEQUENTIAL))
        base = p
        bytes = UnsafeRawBufferPointer(start: p, count: length)
    }

    /// Tells the kernel the first `offset` bytes will not be read again, so their pages can
    /// leave the resident set.
    public func release(upTo offset: Int) {
        guard let base else { return }
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = (min(offset, length) / page) * page
        if end > 0 { _ = madvise(base, end, Int32(MADV_DONTNEED)) }
    }

    deinit {
        if let base { munmap(base, length) }
    }
}
