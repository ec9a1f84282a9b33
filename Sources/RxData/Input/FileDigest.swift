#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Content digests of input files, read in fixed-size pieces so that hashing a file of many
/// gigabytes neither maps it nor grows the resident set.
public enum FileDigest {
    /// The file's size and XXH64 digest.
    public static func xxh64(path: String) throws -> (size: Int64, digest: UInt64) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError.unreadable(path, "cannot open", errno: errno) }
        defer { close(fd) }
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        let size = 4 << 20
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: size, alignment: 64)
        defer { buffer.deallocate() }
        var hasher = XXH64()
        var total: Int64 = 0
        while true {
            let n = read(fd, buffer.baseAddress, size)
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError.unreadable(path, "cannot read", errno: errno)
            }
            if n == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            total += Int64(n)
        }
        return (total, hasher.finalize())
    }
}
