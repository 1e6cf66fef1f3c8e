// The PostgreSQL side of `SQLSession`, on one connection inside a PostgresBackend transaction.
import Foundation
import GRDB
import Logging
import PostgresNIO

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

    /// `?` → `$n`, left alone inside quotes ('…', "…"), `$$ … $$` bodies and comments (`--` to the
    /// end of the line, `/* … */`).
    static func numbered(_ sql: String) -> String {
        enum Inside { case code, quote(Character), dollar, line, block }
        var out = "", n = 0, inside = Inside.code
        out.reserveCapacity(sql.count + 16)
        let chars = Array(sql)
        var i = 0
        func take(_ count: Int) { out.append(contentsOf: chars[i..<min(i + count, chars.count)]); i += count }
        while i < chars.count {
            let c = chars[i], next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            switch inside {
            case .quote(let q):
                if c == q { inside = .code }
                take(1)
            case .dollar:
                if c == "$" && next == "$" { inside = .code; take(2) } else { take(1) }
            case .line:
                if c == "\n" { inside = .code }
                take(1)
            case .block:
                if c == "*" && next == "/" { inside = .code; take(2) } else { take(1) }
            case .code:
                if c == "'" || c == "\"" { inside = .quote(c); take(1) }
                else if c == "$" && next == "$" { inside = .dollar; take(2) }
                else if c == "-" && next == "-" { inside = .line; take(2) }
                else if c == "/" && next == "*" { inside = .block; take(2) }
                else if c == "?" { n += 1; out += "$\(n)"; i += 1 }
                else { take(1) }
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
            case .numeric: values[cell.columnName] = NSDecimalNumber(decimal: try cell.decode(Decimal.self)).doubleValue
            case .bool: values[cell.columnName] = Int64(try cell.decode(Bool.self) ? 1 : 0)
            case .bytea:
                var buffer = try cell.decode(ByteBuffer.self)
                values[cell.columnName] = Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
            case .text, .varchar, .name, .bpchar: values[cell.columnName] = try cell.decode(String.self)
            default:
                // Binary formats of other types are not text: refuse rather than misread them.
                throw StoreError(reason: "internal: column \(cell.columnName) has PostgreSQL type \(cell.dataType), which the library does not read")
            }
        }
        return Row(values)
    }
}
