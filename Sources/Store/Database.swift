// The image library: one SQLite file (WAL) holding patients, studies, series, images and
// import issues. All reads and writes of the library go through this type.
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MammoCore

public final class Database: Sendable {
    /// The GRDB connection(s): a `DatabasePool` for a library file, a `DatabaseQueue` in memory.
    let writer: any DatabaseWriter
    /// The library file, or nil for an in-memory library.
    public let path: String?
    /// Opened read-only because its file system was read-only or full (`openReadOnly`): every
    /// write fails until the library is opened again.
    public let isReadOnlyFallback: Bool

    /// Opens the library at `path`, creating it and its parent folders when missing, and brings
    /// its schema up to date. An existing file that is empty, not SQLite, or from a newer
    /// mammoterm is an error naming the file and what to do (`LibraryFile`), never a new library.
    ///
    /// WAL journal: readers never block the writer, and a process killed mid-import leaves the
    /// last committed batch intact. A second process waits up to 5 s for the write lock instead
    /// of failing with "database is locked".
    public init(path: String) throws(StoreError) {
        let url = URL(fileURLWithPath: path)
        do {
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StoreError(path: path, reason: "cannot create the library folder: \(error.localizedDescription)")
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.foreignKeysEnabled = true
        configuration.label = "mammoterm.library"
        configuration.prepareDatabase { db in
            // In WAL mode NORMAL syncs at checkpoints, not at every commit. A killed process still
            // loses nothing committed; a power cut may roll back the last batches, which the next
            // import redoes (it is idempotent). This roughly halved the wall time of an import.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool: any DatabaseWriter
        var readOnlyFallback = false
        let existed = FileManager.default.fileExists(atPath: path)
        do {
            pool = try storeGuard(path: path, doing: "cannot open the library") {
                try FileLock.withExclusiveLock(at: path + ".lock", optionalFor: path) {
                    try LibraryFile.checkExisting(path)
                    let migrator = LibrarySchema.migrator
                    try LibraryFile.checkBeforeOpening(path, migrator: migrator)
                    let pool = try DatabasePool(path: path, configuration: configuration)
                    try pool.read { db in try LibraryFile.checkNotNewer(db, migrator: migrator, path: path) }
                    if try pool.read({ db in try !migrator.hasCompletedMigrations(db) }) {
                        let created = try pool.read { db in try !db.tableExists("read_record") }
                        try migrator.migrate(pool)
                        // A new library starts with an anchor of no rows, so that a later missing
                        // anchor means it was removed (or the library is older than anchors).
                        if created && !FileManager.default.fileExists(atPath: path + ".chain") {
                            try ChainAnchor.writeDurably(ChainAnchor(rows: 0, lastID: 0, lastHash: "").text, to: path + ".chain")
                        }
                    }
                    return pool
                }
            }
        } catch {
            guard let readOnly = try Self.openReadOnly(path, after: error) else { throw error }
            pool = readOnly
            readOnlyFallback = true
        }
        self.writer = pool
        self.path = path
        self.isReadOnlyFallback = readOnlyFallback
        // Every command sees a damaged page, not only those that happen to read it (about 12 ms
        // for 10,000 images; a new library has nothing to check).
        if existed { try checkPages() }
    }

    /// A library SQLite cannot open for writing because its file system is read-only or full
    /// (no `-shm` can be made beside it) opens read-only, so it can still be browsed, verified
    /// and exported; every write then fails, and `checkWritable()` says why before a decision is
    /// typed. Only when no WAL with content lies beside it (the file then holds every commit:
    /// `immutable=1` reads the file alone). Nil: not such a case, `error` stands.
    static func openReadOnly(_ path: String, after error: StoreError) throws(StoreError) -> (any DatabaseWriter)? {
        guard error.reason.contains("SQLite error") else { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        let walHasContent = LibraryFile.walHasContent(path)
        var space = statvfs()
        let full = statvfs(folder, &space) == 0 && UInt64(space.f_bavail) * UInt64(space.f_frsize) < UInt64(writeProbeBytes)
        guard !walHasContent, FileManager.default.fileExists(atPath: path),
              access(path, W_OK) != 0 || access(folder, W_OK) != 0 || full else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "mammoterm.library.readonly"
        return try storeGuard(path: path, doing: "cannot open the library (read-only)") {
            let queue = try DatabaseQueue(path: LibraryFile.immutableURI(path), configuration: configuration)
            let migrator = LibrarySchema.migrator
            try queue.read { db in
                try LibraryFile.checkNotNewer(db, migrator: migrator, path: path)
                guard try migrator.hasCompletedMigrations(db) else {
                    throw StoreError(path: path, reason: "needs its schema brought up to date, but it can only be read here (read-only or full file system): open it once where it can be written")
                }
            }
            return queue
        }
    }

    /// An empty library in memory (tests, previews); gone when the value is released.
    public static func inMemory() throws(StoreError) -> Database {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        let queue = try storeGuard(doing: "cannot create an in-memory library") {
            let queue = try DatabaseQueue(configuration: configuration)
            try LibrarySchema.migrator.migrate(queue)
            return queue
        }
        return Database(writer: queue)
    }

    private init(writer: any DatabaseWriter) {
        self.writer = writer
        self.path = nil
        self.isReadOnlyFallback = false
    }

    /// SQLite's `PRAGMA quick_check` (page structure, no index contents): throws with the first
    /// problems when a page is damaged. Opening an existing library runs it, and so do audit,
    /// export, report and `checkWritable` before a decision. It costs
    /// about 12 ms on a library of 10,000 images (3.7 MB; integrity_check: 29 ms), measured here.
    public func checkPages() throws(StoreError) {
        let problems = try read(doing: "cannot check the library file") { db in
            try String.fetchAll(db, sql: "PRAGMA quick_check(5)").filter { $0 != "ok" }
        }
        guard problems.isEmpty else {
            throw StoreError(path: path, reason: "the library file is damaged (SQLite quick_check: \(problems.joined(separator: "; "))): \(LibraryFile.restoreHint)",
                             summary: "the library file is damaged")
        }
    }

    /// Reads with the library's context in any error.
    func read<T>(doing what: String, _ body: (GRDB.Database) throws -> T) throws(StoreError) -> T {
        try storeGuard(path: path, doing: what) { try writer.read(body) }
    }

    /// Writes in one transaction, with the library's context in any error.
    func write<T>(doing what: String, _ body: (GRDB.Database) throws -> T) throws(StoreError) -> T {
        try storeGuard(path: path, doing: what) { try writer.write(body) }
    }
}
