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
    /// `optionalFor`: when that file exists and the lock file cannot be made (a read-only folder
    /// or file system), `body` runs without the lock: the race it guards is creating a new file.
    static func withExclusiveLock<T>(at lockPath: String, optionalFor existing: String? = nil, _ body: () throws -> T) throws -> T {
        var fd = open(lockPath, O_CREAT | O_RDWR | O_CLOEXEC, 0o644)
        if fd < 0 && (errno == EROFS || errno == EACCES) { fd = open(lockPath, O_RDONLY | O_CLOEXEC) }
        if fd < 0, let existing, (errno == EROFS || errno == EACCES || errno == ENOENT), access(existing, F_OK) == 0 {
            return try body()
        }
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
