// The image library: one SQLite file (WAL) holding patients, studies, series, images and
// import issues. All reads and writes of the library go through this type.
import Foundation
import GRDB
import MammoCore

public final class Database: Sendable {
    /// The GRDB connection(s): a `DatabasePool` for a library file, a `DatabaseQueue` in memory.
    let writer: any DatabaseWriter
    /// The library file, or nil for an in-memory library.
    public let path: String?

    /// Opens the library at `path`, creating it and its parent folders when missing, and brings
    /// its schema up to date.
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
        let pool = try storeGuard(path: path, doing: "cannot open the library") {
            try FileLock.withExclusiveLock(at: path + ".lock") {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try LibrarySchema.migrator.migrate(pool)
                return pool
            }
        }
        self.writer = pool
        self.path = path
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
