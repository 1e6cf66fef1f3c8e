// What is wrong with an annotation or an annotation file: the field (or file and line) and why.

public struct AnnotationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where: "shape", "note", "annotations.csv line 12", ...
    public var field: String
    public var reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "\(field): \(reason)" }
}
