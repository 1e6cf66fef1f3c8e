// Why a reader decision or read record is not acceptable: the field concerned and what is wrong.

public struct ReadingError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The field, e.g. "decision.suspicion" or "marks[2].view".
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
