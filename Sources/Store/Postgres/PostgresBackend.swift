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
            try session.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
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

    /// Runs `body` outside a transaction (statements that cannot run in one, such as CREATE DATABASE).
    func direct<T>(doing what: String, _ body: (PostgresSession) throws -> T) throws(StoreError) -> T {
        let location = self.location
        do {
            lock.lock()
            defer { lock.unlock() }
            return try body(PostgresSession(connection: connection, logger: Self.logger))
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

/// The PostgreSQL side of `SQLSession`: `?` placeholders become `$1, $2, …` and GRDB values
/// become binds; each row comes back as a GRDB `Row` of SQLite-storage values (integers,
/// reals, text, blobs, NULL), so the shared code reads both backends' rows alike.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    var dialect: SQLDialect { .postgres }

    func fetchAll(_ sql: String, _ arguments: SQLArguments) throws -> [Row] {
        let result = try connection.query(try Self.query(sql, arguments), logger: logger).wait()
        return try result.rows.map(Self.row)
    }

    func execute(_ sql: String, _ arguments: SQLArguments) throws {
        _ = try connection.query(try Self.query(sql, arguments), logger: logger).wait()
    }

    func savepoint(_ body: () throws -> Void) throws {
        try execute("SAVEPOINT row_change")
        do {
            try body()
        } catch {
            // The failed statement aborted the transaction; rolling back to the savepoint revives it.
            try execute("ROLLBACK TO SAVEPOINT row_change")
            try execute("RELEASE SAVEPOINT row_change")
            throw error
        }
        try execute("RELEASE SAVEPOINT row_change")
    }

    /// Several statements, without arguments (schema scripts), one after another: the extended
    /// protocol postgres-nio speaks takes one statement per query.
    func executeScript(_ sql: String) throws {
        for statement in Self.statements(sql) { try execute(statement) }
    }

    /// A script's statements: split at `;` ending a line, not inside a `$$ … $$` body; `--` lines dropped.
    static func statements(_ script: String) -> [String] {
        var out: [String] = [], current: [Substring] = [], inBody = false
        for line in script.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if !inBody && trimmed.hasPrefix("--") { continue }
            current.append(line)
            if line.components(separatedBy: "$$").count % 2 == 0 { inBody.toggle() }
            if !inBody && trimmed.hasSuffix(";") {
                out.append(current.joined(separator: "\n"))
                current = []
            }
        }
        let rest = current.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if !rest.isEmpty { out.append(rest) }
        return out
    }

    static func query(_ sql: String, _ arguments: SQLArguments) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch (argument?.databaseValue ?? .null).storage {
            case .null: bindings.appendNull()
            case .int64(let v): bindings.append(v)
            case .double(let v): bindings.append(v)
            case .string(let v): bindings.append(v)
            case .blob(let v): bindings.append(ByteBuffer(bytes: v))
            }
        }
        return PostgresQuery(unsafeSQL: numbered(sql), binds: bindings)
    }

    /// `?` → `$n`, left alone inside quotes ('…' and "…").
    static func numbered(_ sql: String) -> String {
        var out = "", n = 0, quote: Character? = nil
        out.reserveCapacity(sql.count + 16)
        for c in sql {
            if let q = quote {
                if c == q { quote = nil }
                out.append(c)
            } else if c == "'" || c == "\"" {
                quote = c; out.append(c)
            } else if c == "?" {
                n += 1; out += "$\(n)"
            } else {
                out.append(c)
            }
        }
        return out
    }

    static func row(_ row: PostgresRow) throws -> Row {
        var values: [String: (any DatabaseValueConvertible)?] = [:]
        for cell in row {
            guard cell.bytes != nil else { values[cell.columnName] = DatabaseValue.null; continue }
            switch cell.dataType {
            case .int2, .int4, .int8: values[cell.columnName] = try cell.decode(Int64.self)
            case .float4, .float8: values[cell.columnName] = try cell.decode(Double.self)
            case .numeric: values[cell.columnName] = Double(try cell.decode(String.self))
            case .bool: values[cell.columnName] = Int64(try cell.decode(Bool.self) ? 1 : 0)
            case .bytea:
                var buffer = try cell.decode(ByteBuffer.self)
                values[cell.columnName] = Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
            default: values[cell.columnName] = try cell.decode(String.self)
            }
        }
        return Row(values)
    }
}
