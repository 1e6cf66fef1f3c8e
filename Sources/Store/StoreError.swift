// The one error type of the Store module: what failed, on which file or library, and why.
// Messages never carry SQL arguments, so patient text cannot leak into logs through them.
import GRDB

public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// The image file or library file concerned, when there is one.
    public var path: String?
    public var reason: String
    /// Set when the library refused an image because its identity contradicts what it holds.
    public var conflict: IdentityConflict?

    public init(path: String? = nil, reason: String, conflict: IdentityConflict? = nil) {
        self.path = path
        self.reason = reason
        self.conflict = conflict
    }

    public var description: String {
        if let path { return "\(path): \(reason)" }
        return reason
    }

    /// Wraps any error thrown by GRDB or SQLite in a `StoreError` with context.
    static func wrap(_ error: any Error, path: String?, doing what: String) -> StoreError {
        if let error = error as? StoreError { return error }
        if let conflict = error as? IdentityConflict { return StoreError(path: path, reason: conflict.message, conflict: conflict) }
        if let error = error as? DatabaseError {
            // `message` is SQLite's own text ("CHECK constraint failed: ..."); never the arguments.
            let message = error.message ?? "\(error.resultCode)"
            return StoreError(path: path, reason: "\(what): SQLite error \(error.extendedResultCode.rawValue): \(message)")
        }
        return StoreError(path: path, reason: "\(what): \(error)")
    }
}

/// Runs `body`, turning any thrown error into a `StoreError` that says what was being done.
func storeGuard<T>(path: String? = nil, doing what: String, _ body: () throws -> T) throws(StoreError) -> T {
    do {
        return try body()
    } catch {
        throw StoreError.wrap(error, path: path, doing: what)
    }
}
