// Can a decision be written now? Asked before a reader types one (the workstation when a case
// opens and when decision entry starts, the CLI's recording commands before they begin), so a
// full disk or a read-only library refuses the decision up front instead of losing it after.
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Database {
    /// Bytes the probe file must take in the library's folder: a decision, the WAL pages it adds
    /// and the chain anchor need far less; below this the disk is too full to trust.
    public static let writeProbeBytes = 256 * 1024

    /// Throws, saying what to do, unless decisions can be written: the library file and folder
    /// are writable (not a read-only file or file system), the folder takes `writeProbeBytes`
    /// (written, fsynced and removed: a full disk fails here), and SQLite commits a write (the
    /// library's header rewritten as it is), and no page of the library is damaged (quick_check:
    /// a decision is not added to a file that needs restoring). In memory: always writable.
    public func checkWritable() throws(StoreError) {
        guard let path else { return }
        let folder = (path as NSString).deletingLastPathComponent
        /// The few words first (they are what a status line shows), then the detail and what to do.
        func words(_ code: Int32) -> (short: String, todo: String) {
            switch code {
            case ENOSPC, EDQUOT: ("the disk is full", "free space there, then try again")
            case EROFS: ("the library is on a read-only file system", "remount it read-write or use a library elsewhere")
            case EACCES, EPERM: ("no permission to write the library", "fix its permissions or use a library elsewhere")
            default: ("the library cannot be written", "fix that, then try again")
            }
        }
        func refuse(_ what: String, _ code: Int32) -> StoreError {
            let (short, todo) = words(code)
            return StoreError(path: path, reason: "\(short): decisions cannot be recorded (\(what): \(String(cString: strerror(code)))); \(todo)",
                              summary: short)
        }
        if isReadOnlyFallback {
            // Whatever the disk is like now, this connection reads the file alone (immutable).
            var (short, todo) = words(access(folder, W_OK) == 0 ? ENOSPC : EROFS)
            if access(folder, W_OK) == 0 { todo = "free space there, then start mammoterm again" }
            throw StoreError(path: path, reason: "\(short): decisions cannot be recorded (the library was opened read-only); \(todo)", summary: short)
        }
        for file in [path, path + "-wal", path + "-shm"] where access(file, F_OK) == 0 {
            if access(file, W_OK) != 0 { throw refuse("cannot write \((file as NSString).lastPathComponent)", errno) }
        }
        if access(folder, W_OK) != 0 { throw refuse("cannot write its folder", errno) }
        let probe = path + ".probe-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = posixOpen(probe, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw refuse("cannot create a file beside it", errno) }
        defer { close(fd); unlink(probe) }
        let chunk = [UInt8](repeating: 0, count: 64 * 1024)
        var left = Self.writeProbeBytes
        while left > 0 {
            let n = chunk.withUnsafeBytes { posixWrite(fd, $0.baseAddress, min(left, $0.count)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw refuse("cannot write \(Self.writeProbeBytes / 1024) KiB beside it", n < 0 ? errno : ENOSPC) }
            left -= n
        }
        if fsync(fd) != 0 { throw refuse("cannot sync a file beside it", errno) }
        do {
            guard let sqlite else { return }
            try sqlite.write { db in
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                try db.execute(sql: "PRAGMA user_version = \(version)")
            }
        } catch let error as DatabaseError {
            let code: Int32 = switch error.resultCode {
            case .SQLITE_FULL: ENOSPC
            case .SQLITE_READONLY: EROFS
            case .SQLITE_PERM, .SQLITE_AUTH: EACCES
            default: EIO
            }
            let (short, todo) = words(code)
            throw StoreError(path: path, reason: "\(short): decisions cannot be recorded (SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "write refused")); \(todo)",
                             summary: short)
        } catch {
            throw StoreError(path: path, reason: "decisions cannot be recorded: \(error)")
        }
        do { try checkPages() } catch {
            var damaged = error
            damaged.summary = "the library file is damaged"
            throw damaged
        }
    }
}

/// open(2), named apart from `Database.open`.
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags, mode)
    #else
    Darwin.open(path, flags, mode)
    #endif
}

/// write(2), named apart from GRDB's `write` methods.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}
