// Readers of a shared library: on PostgreSQL each reader is a login role in the readers' group,
// whose row-level security shows them only their own decisions (PostgresSchema). A SQLite
// library is one machine's; its readers are login names and it has no roles.
import Foundation
import GRDB
import MammoCore

extension Database {
    /// True when this connection may see every reader's rows: always on SQLite; on PostgreSQL
    /// when the role owns the library's tables (the study's administrator) or is a superuser.
    public func isAdministrator() throws(StoreError) -> Bool {
        guard let postgres else { return true }
        return try postgres.transaction(readOnly: true, doing: "cannot read this role's rights") { session in
            try session.fetchInt("""
                SELECT CASE WHEN pg_has_role(current_user, tableowner, 'MEMBER') OR
                    (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN 1 ELSE 0 END
                FROM pg_tables WHERE schemaname = 'public' AND tablename = 'read_record'
                """) ?? 0
        } != 0
    }

    /// True when the server has a role `name` (roles are the whole server's, not one library's).
    public func roleExists(_ name: String) throws(StoreError) -> Bool {
        guard let postgres else { return false }
        return try postgres.transaction(readOnly: true, doing: "cannot look up role \(PrintableText.clean(name))") { session in
            try session.fetchInt("SELECT COUNT(*) FROM pg_roles WHERE rolname = ?", [name]) ?? 0
        } > 0
    }

    /// Makes `name` a reader of this PostgreSQL library: a new login role in the readers' group
    /// with `password`, sent to the server only as a SCRAM verifier; a role the server has already
    /// (a reader of another study there) joins the group and keeps its password (`password` may
    /// then be nil). The administrator's connection only.
    public func addReader(_ name: String, password: String?) throws(StoreError) {
        guard let postgres else {
            throw StoreError(path: location, reason: "readers are PostgreSQL roles: a SQLite library has none (its readers are login names, or --reader)")
        }
        guard name.range(of: #"^[a-z_][a-z0-9_.-]{0,62}\z"#, options: .regularExpression) != nil else {
            throw StoreError(path: location, reason: "\"\(PrintableText.clean(name))\" cannot be a reader's role: use lower-case letters, digits, _ . - (at most 63), starting with a letter")
        }
        let location = self.location
        let group = PostgresSchema.identifier(PostgresSchema.readerGroup(database: postgres.location.database))
        try postgres.transaction(readOnly: false, doing: "cannot add reader \(name)") { session in
            // Role names and verifiers cannot be bound parameters; both are checked text here.
            let exists = try session.fetchInt("SELECT COUNT(*) FROM pg_roles WHERE rolname = ?", [name]) ?? 0
            if exists > 0 {
                try session.execute("GRANT \(group) TO \(PostgresSchema.identifier(name))")
                return
            }
            guard let password, password.count >= 8 else {
                throw StoreError(path: location, reason: "a new reader needs a password of at least 8 characters")
            }
            try session.execute("CREATE ROLE \(PostgresSchema.identifier(name)) LOGIN PASSWORD '\(ScramVerifier.make(password: password))' IN ROLE \(group)")
        }
    }

    /// The readers' roles of a PostgreSQL library (its own group's members), by name; empty for SQLite.
    public func readerRoles() throws(StoreError) -> [String] {
        guard let postgres else { return [] }
        let group = PostgresSchema.readerGroup(database: postgres.location.database)
        return try postgres.transaction(readOnly: true, doing: "cannot list the readers") { session in
            try session.fetchStrings("""
                SELECT m.rolname FROM pg_auth_members AS a JOIN pg_roles AS g ON g.oid = a.roleid
                JOIN pg_roles AS m ON m.oid = a.member WHERE g.rolname = ? ORDER BY m.rolname
                """, [group])
        }
    }
}
