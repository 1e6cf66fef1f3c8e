// Checks on a library file before SQLite opens it, and the errors a person can act on when it is
// not a library this build can use: empty, not SQLite, damaged, or written by a newer mammoterm.
// SQLite alone would take a zero-byte file for a new empty database and would only notice a
// damaged page when a query happens to read it.
import Foundation
import GRDB

enum LibraryFile {
    /// What to do about a file that cannot be used as it is.
    static let restoreHint = "restore it from a backup (or move it away to start a new, empty library)"

    /// The first 16 bytes of every SQLite 3 database file (https://sqlite.org/fileformat.html §1.3).
    static let sqliteHeader = Array("SQLite format 3\u{0}".utf8)

    /// Throws when an *existing* file at `path` is not an SQLite database: zero bytes (and no WAL
    /// beside it with content), or a header other than SQLite's. A missing file is fine: it is a
    /// new library.
    static func checkExisting(_ path: String) throws(StoreError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw StoreError(path: path, reason: "cannot read the library file: \(String(cString: strerror(errno)))")
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw StoreError(path: path, reason: "is not a library file (it is a folder or a device): name the library's .sqlite file")
        }
        if info.st_size == 0 {
            // SQLite writes page 1 when the first transaction commits; a WAL with content beside a
            // zero-byte file is a library whose first commit is not checkpointed yet.
            var wal = stat()
            if stat(path + "-wal", &wal) == 0 && wal.st_size > 0 { return }
            throw StoreError(path: path, reason: "is empty (0 bytes), not a mammoterm library: \(restoreHint)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(path: path, reason: "cannot read the library file: \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: sqliteHeader.count)) ?? Data()
        guard Array(head) == sqliteHeader else {
            throw StoreError(path: path, reason: "is not an SQLite file, so not a mammoterm library (its first bytes are not \"SQLite format 3\"): \(restoreHint)")
        }
    }

    /// Throws when the library holds schema steps (migrations) this build does not know: a newer
    /// mammoterm wrote it, and this one must neither use nor change it.
    static func checkNotNewer(_ db: GRDB.Database, migrator: DatabaseMigrator, path: String?) throws {
        guard try migrator.hasBeenSuperseded(db) else { return }
        let unknown = try migrator.appliedIdentifiers(db).subtracting(try migrator.appliedMigrations(db)).sorted()
        throw StoreError(path: path, reason: "was written by a newer mammoterm (schema steps unknown to this build: \(unknown.joined(separator: ", "))): use a newer mammoterm; this one left the file as it was")
    }

    /// `path` as an SQLite URI that reads the main file alone and never writes (`immutable=1`):
    /// for checks before GRDB's pool opens it (the pool writes a table and drops it when no WAL
    /// holds content), and for libraries on read-only or full file systems.
    static func immutableURI(_ path: String) -> String {
        let encoded = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#%"))) ?? path
        return "file:\(encoded)?immutable=1"
    }

    /// Whether a WAL with content lies beside `path` (commits the main file does not hold yet).
    static func walHasContent(_ path: String) -> Bool {
        var wal = stat()
        return stat(path + "-wal", &wal) == 0 && wal.st_size > 0
    }

    /// Before the library is opened for writing: a library from a newer mammoterm is refused
    /// without a byte written. Read through `immutableURI` when no WAL holds content (the file
    /// then has every commit); otherwise the check runs on the pool (`checkNotNewer`).
    static func checkBeforeOpening(_ path: String, migrator: DatabaseMigrator) throws {
        guard FileManager.default.fileExists(atPath: path), !walHasContent(path) else { return }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: immutableURI(path), configuration: configuration)
            defer { try? queue.close() }
            try queue.read { db in try checkNotNewer(db, migrator: migrator, path: path) }
        } catch let error as StoreError {
            throw error
        } catch {
            // Anything else is for the pool to find and report: a process that began writing
            // since the WAL was looked at could make this unlocked read see a page mid-change.
        }
    }

    /// The reason for SQLite's "damaged file" result codes, or nil for any other error.
    static func damageReason(_ error: DatabaseError) -> String? {
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return "the library file is damaged (SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "malformed")): \(restoreHint)"
        default:
            return nil
        }
    }
}
