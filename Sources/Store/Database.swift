// The image library: patients, studies, series, images, AI results, decisions and truth. Either
// one SQLite file (WAL; the embedded default) or a shared PostgreSQL database (a study across
// readers and sites). All reads and writes of the library go through this type, and callers do
// not know which backend they have: the reader-study tables are read and written through
// `SQLSession` in SQL both accept; import, file checks and SQLite's own maintenance are SQLite's.
import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import MammoCore

public final class Database: Sendable {
    /// The GRDB connection(s): a `DatabasePool` for a library file, a `DatabaseQueue` in memory;
    /// nil for a PostgreSQL library.
    let sqlite: (any DatabaseWriter)?
    /// The connection to a PostgreSQL library; nil for SQLite.
    let postgres: PostgresBackend?
    /// The library file, or nil for an in-memory or PostgreSQL library.
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
            // Reads through a memory map instead of a pread and copy per page: the monitor's million-row
            // scan spent a quarter of its time in the kernel copying pages.
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
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
        self.sqlite = pool
        self.postgres = nil
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
        self.sqlite = writer
        self.postgres = nil
        self.path = nil
        self.isReadOnlyFallback = false
    }

    /// Opens the PostgreSQL library at `location` and brings its schema up to date (an
    /// administrator's connection; a reader's role cannot migrate and finds it current).
    public init(postgres location: PostgresLocation) throws(StoreError) {
        let backend = try PostgresBackend(location)
        try PostgresSchema.migrate(backend)
        self.sqlite = nil
        self.postgres = backend
        self.path = nil
        self.isReadOnlyFallback = false
    }

    /// Opens a library by what the user typed: a `postgres://` address or a file path.
    public static func open(_ location: String) throws(StoreError) -> Database {
        if PostgresLocation.isPostgres(location) { return try Database(postgres: PostgresLocation(parsing: location)) }
        return try Database(path: location)
    }

    /// The library for messages: its file, its postgres:// address, or nil in memory.
    public var location: String? { path ?? postgres?.location.description }

    /// True for a shared (PostgreSQL) library.
    public var isShared: Bool { postgres != nil }

    /// The PostgreSQL role this connection acts as (the reader's identity there); nil for SQLite.
    public var role: String? { postgres?.location.user }

    /// SQLite's `PRAGMA quick_check` (page structure, no index contents): throws with the first
    /// problems when a page is damaged. Opening an existing library runs it, and so do audit,
    /// export, report and `checkWritable` before a decision. It costs
    /// about 12 ms on a library of 10,000 images (3.7 MB; integrity_check: 29 ms), measured here.
    public func checkPages() throws(StoreError) {
        guard sqlite != nil else { return }  // the server checks its own pages
        let problems = try read(doing: "cannot check the library file") { db in
            try String.fetchAll(db, sql: "PRAGMA quick_check(5)").filter { $0 != "ok" }
        }
        guard problems.isEmpty else {
            throw StoreError(path: path, reason: "the library file is damaged (SQLite quick_check: \(problems.joined(separator: "; "))): \(LibraryFile.restoreHint)",
                             summary: "the library file is damaged")
        }
    }

    /// The SQLite connection, or an error saying `what` needs a SQLite library.
    func sqliteWriter(doing what: String) throws(StoreError) -> any DatabaseWriter {
        guard let sqlite else {
            throw StoreError(path: location, reason: "\(what): this needs a SQLite library for now; import into a library file, then `mammoterm library copy FILE \(location ?? "postgres://...")`",
                             summary: "needs a SQLite library")
        }
        return sqlite
    }

    /// Reads a SQLite library with its context in any error.
    func read<T>(doing what: String, _ body: (GRDB.Database) throws -> T) throws(StoreError) -> T {
        let writer = try sqliteWriter(doing: what)
        return try storeGuard(path: path, doing: what) { try writer.read(body) }
    }

    /// Writes a SQLite library in one transaction, with its context in any error.
    func write<T>(doing what: String, _ body: (GRDB.Database) throws -> T) throws(StoreError) -> T {
        let writer = try sqliteWriter(doing: what)
        return try storeGuard(path: path, doing: what) { try writer.write(body) }
    }

    /// Reads either backend (one snapshot) through `SQLSession`.
    func readSession<T>(doing what: String, _ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        if let postgres { return try postgres.transaction(readOnly: true, doing: what) { try body($0) } }
        return try read(doing: what) { db in try body(GRDBSession(db: db)) }
    }

    /// Writes either backend in one transaction through `SQLSession`.
    func writeSession<T>(doing what: String, _ body: (any SQLSession) throws -> T) throws(StoreError) -> T {
        if let postgres { return try postgres.transaction(readOnly: false, doing: what) { try body($0) } }
        return try write(doing: what) { db in try body(GRDBSession(db: db)) }
    }
}
