// The SQLite side of `SQLSession`: a GRDB connection inside `read` or `write`; statements cached.
import GRDB

/// The SQLite side: a GRDB connection inside `read` or `write`.
struct GRDBSession: SQLSession {
    let db: GRDB.Database
    var dialect: SQLDialect { .sqlite }

    func fetchAll(_ sql: String, _ arguments: SQLArguments) throws -> [Row] {
        try Row.fetchAll(db.cachedStatement(sql: sql), arguments: StatementArguments(arguments))
    }

    func execute(_ sql: String, _ arguments: SQLArguments) throws {
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments))
    }

    func savepoint(_ body: () throws -> Void) throws {
        try db.inSavepoint {
            try body()
            return .commit
        }
    }
}
