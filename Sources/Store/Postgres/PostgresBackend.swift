// One connection to a shared PostgreSQL library, used synchronously like GRDB's: each read and
// each write runs in its own transaction on the connection, one at a time (a lock), while
// NIO's event loop does the I/O. Commands and screens call the library off the event loop, so
// blocking on a future here is safe. Errors carry the server's SQLSTATE and message (never the
// bound values: patient text stays out of messages and logs).
import Foundation
import GRDB
import Logging
import PostgresNIO

final class PostgresBackend: Sendable {
    let location: PostgresLocation
    private let connection: PostgresConnection
    private let lock = NSLock()
    private static let logger = Logger(label: "mammoterm.library.postgres")

    init(_ location: PostgresLocation) throws(StoreError) {
        self.location = location
        let password = try location.password()
        let tls: PostgresConnection.Configuration.TLS
        switch location.tls {
        case .disable: tls = .disable
        case .prefer, .require:
            do {
                let context = try NIOSSLContext(configuration: .makeClientConfiguration())
                tls = location.tls == .require ? .require(context) : .prefer(context)
            } catch {
                throw StoreError(path: location.description, reason: "cannot set up TLS: \(error)")
            }
        }
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password,
            database: location.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        do {
            connection = try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration, id: 1, logger: Self.logger).wait()
        } catch {
            throw Self.wrap(error, location: location, doing: "cannot connect to the library")
        }
    }

    deinit {
        _ = try? connection.close().wait()
    }

    /// Runs `body` in one transaction; `readOnly` ones see one snapshot and cannot write.
    func transaction<T>(readOnly: Bool, doing what: String, _ body: (PostgresSession) throws -> T) throws(StoreError) -> T {
        let location = self.location
        do {
            lock.lock()
            defer { lock.unlock() }
            let session = PostgresSession(connection: connection, logger: Self.logger)
            // READ COMMITTED whatever the server's default: the chain head's FOR UPDATE then queues
            // appenders instead of failing them with a serialization error.
            try session.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN ISOLATION LEVEL READ COMMITTED READ WRITE")
            do {
                let value = try body(session)
                try session.execute("COMMIT")
                return value
            } catch {
                try? session.execute("ROLLBACK")
                throw error
            }
        } catch {
            throw Self.wrap(error, location: location, doing: what)
        }
    }

    /// A server error as a StoreError: its SQLSTATE and message, with the words a reader needs for
    /// the refusals row-level security and grants give.
    static func wrap(_ error: any Error, location: PostgresLocation, doing what: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let conflict = error as? IdentityConflict { return StoreError(path: location.description, reason: conflict.message, conflict: conflict) }
        if let error = error as? PSQLError {
            if let info = error.serverInfo {
                let state = info[.sqlState] ?? "?"
                let message = info[.message] ?? "error"
                if state == "42501" {
                    return StoreError(path: location.description,
                                      reason: "\(what): role \(location.user) may not do this (\(message)); a reader sees only their own decisions and never the ground truth, an administrator sees all",
                                      summary: "not allowed for this reader")
                }
                if state == "28P01" || state == "28000" {
                    return StoreError(path: location.description,
                                      reason: "\(what): the server refused role \(location.user) (\(message)); put its password in ~/.pgpass (chmod 600)",
                                      summary: "login refused")
                }
                return StoreError(path: location.description, reason: "\(what): PostgreSQL error \(state): \(message)")
            }
            return StoreError(path: location.description, reason: "\(what): \(error.code) (is the server running at \(location.host):\(location.port)?)",
                              summary: "the library server cannot be reached")
        }
        return StoreError(path: location.description, reason: "\(what): \(error)")
    }
}
