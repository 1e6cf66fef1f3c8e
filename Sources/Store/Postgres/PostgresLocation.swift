// Where a shared library lives: `postgres://USER@HOST[:PORT]/DATABASE[?sslmode=disable|prefer|require]`
// (also `postgresql://`). USER is the PostgreSQL role, which is the reader's identity in a study.
// A password is never part of the address (it would sit in shell history, `ps` and the config):
// it comes from the password file libpq uses (PGPASSFILE, else ~/.pgpass, lines
// `host:port:database:user:password`, `*` matching anything, the file readable by its owner
// only) or from PGPASSWORD; none at all suits `trust` or peer setups.
import Foundation

public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    public enum TLSMode: String, Sendable { case disable, prefer, require }

    public var user: String
    public var host: String
    public var port: Int
    public var database: String
    public var tls: TLSMode

    /// True for text that names a PostgreSQL library rather than a file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(user: String, host: String, port: Int = 5432, database: String, tls: TLSMode? = nil) {
        self.user = user; self.host = host; self.port = port; self.database = database
        self.tls = tls ?? (Self.isLoopback(host) ? .disable : .prefer)
    }

    public init(parsing text: String) throws(StoreError) {
        func bad(_ why: String) -> StoreError {
            StoreError(reason: "\(Self.redacted(text)) is not a PostgreSQL library address (\(why)); the form is postgres://USER@HOST:PORT/DATABASE")
        }
        if let query = text.firstIndex(of: "?"), text[query...].lowercased().contains("password") {
            throw bad("it holds a password: put the password in ~/.pgpass (chmod 600), never in the address")
        }
        guard Self.isPostgres(text), let parts = URLComponents(string: text) else { throw bad("not a URL") }
        if parts.password != nil {
            throw bad("it holds a password: put the password in ~/.pgpass (chmod 600), never in the address")
        }
        guard let user = parts.user, !user.isEmpty else { throw bad("no user: the user is the reader's PostgreSQL role") }
        guard let host = parts.host, !host.isEmpty else { throw bad("no host") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw bad("no database name") }
        var tls: TLSMode?
        for item in parts.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else { throw bad("sslmode must be disable, prefer or require") }
                tls = mode
            default: throw bad("unknown option \(item.name)")
            }
        }
        self.init(user: user.removingPercentEncoding ?? user, host: host, port: parts.port ?? 5432,
                  database: database.removingPercentEncoding ?? database, tls: tls)
    }

    /// The address as typed, safe to show and log (it never holds a password).
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// The password for this address: the first matching line of the password file, else
    /// PGPASSWORD, else nil. A password file others can read is refused, as libpq refuses it.
    public func password(environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreError) -> String? {
        let file = environment["PGPASSFILE"] ?? environment["HOME"].map { $0 + "/.pgpass" }
        if let file, FileManager.default.fileExists(atPath: file) {
            if let attributes = try? FileManager.default.attributesOfItem(atPath: file),
               let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
                throw StoreError(path: file, reason: "the password file can be read by others: chmod 600 it (libpq refuses such a file too)")
            }
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw StoreError(path: file, reason: "cannot read the password file")
            }
            for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
                let fields = Self.passwordFileFields(String(line))
                guard fields.count == 5 else { continue }
                let wanted = [host, String(port), database, user]
                if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 || ($1 == "127.0.0.1" && $0 == "localhost") }) {
                    return fields[4]
                }
            }
        }
        return environment["PGPASSWORD"]
    }

    /// A password-file line's fields: `:` separates, `\:` and `\\` escape.
    static func passwordFileFields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", escaped = false
        for c in line {
            if escaped { current.append(c); escaped = false }
            else if c == "\\" { escaped = true }
            else if c == ":" && fields.count < 4 { fields.append(current); current = "" }
            else { current.append(c) }
        }
        fields.append(current)
        return fields
    }

    static func isLoopback(_ host: String) -> Bool { ["127.0.0.1", "localhost", "::1"].contains(host) }

    /// What of an address may be shown when it failed to parse: the scheme, the host part after
    /// the last `@` of the authority, and the path, never a user's password or the query string.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return "the address given" }
        let rest = text[scheme.upperBound...].prefix { $0 != "?" && $0 != "#" }
        let authority = rest.prefix { $0 != "/" }, path = rest.dropFirst(authority.count)
        var host = authority.lastIndex(of: "@").map { authority[authority.index(after: $0)...] } ?? authority
        // "user:password" without an "@" reads as host:port; a port that is not a number is cut.
        if let colon = host.lastIndex(of: ":"), !host[host.index(after: colon)...].allSatisfy(\.isNumber) { host = host[..<colon] }
        let user = authority.lastIndex(of: "@").map { _ in "USER@" } ?? ""
        return String(text[..<scheme.upperBound]) + user + host + path
    }
}
