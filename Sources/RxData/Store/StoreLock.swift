import Foundation

/// The writer lock of a store: an exclusive `flock` on `store.lock`, holding the writer's
/// process id. One process writes a store at a time; readers take no lock (they read a committed
/// manifest and the files it names, which a writer never changes).
///
/// The lock is released when the value is released or the process ends, so a killed writer
/// never leaves the store locked.
public final class StoreLock: @unchecked Sendable {
    /// The lock file.
    public let path: String
    private var fd: Int32

    /// Takes the lock of the store at `storePath`, waiting up to `wait` seconds for another
    /// writer (nil or 0: fail at once).
    /// - Throws: ``StoreError`` "the store is being written by process N" when it stays taken.
    public init(store storePath: String, wait: TimeInterval? = nil) throws {
        path = storePath + "/store.lock"
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(path: path, reason: "cannot open the lock file: \(String(cString: strerror(errno)))")
        }
        let deadline = Date().addingTimeInterval(wait ?? 0)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let reason = String(cString: strerror(errno))
                close(fd)
                throw StoreError(path: path, reason: "cannot lock: \(reason)")
            }
            if Date() >= deadline {
                let holder = Self.holder(path)
                close(fd)
                throw StoreError(path: storePath, reason: "the store is being written by process \(holder ?? "unknown")"
                                 + ((wait ?? 0) > 0 ? " (waited \(Int(wait!)) s)" : "") + "; try again when it has finished, or pass --wait SECONDS")
            }
            usleep(50_000)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
    }

    /// The process id written in a lock file, if any.
    static func holder(_ path: String) -> String? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let pid = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return pid.isEmpty ? nil : pid
    }

    /// Releases the lock (also done on release of the value).
    public func release() {
        guard fd >= 0 else { return }
        _ = ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }
}
