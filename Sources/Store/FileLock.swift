// An exclusive advisory lock (flock) on a sidecar file, held while a library is opened.
// Two processes creating a new library at the same instant otherwise race on
// `PRAGMA journal_mode = WAL` and the first migration (PLATFORM.md).
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum FileLock {
    /// Runs `body` while holding an exclusive lock on `lockPath` (created if missing).
    static func withExclusiveLock<T>(at lockPath: String, _ body: () throws -> T) throws -> T {
        let fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw StoreError(path: lockPath, reason: "cannot open lock file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            throw StoreError(path: lockPath, reason: "cannot lock: \(String(cString: strerror(errno)))")
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
