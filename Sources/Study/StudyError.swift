// Study's one error type: what was being computed or read, where, and what to do about it.
import MammoCore

public struct StudyError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was being done: "normal-triage threshold", "CSV", "bootstrap", ...
    public var context: String
    /// A file, when the input came from one.
    public var path: String?
    /// A 1-based line number in that file, when one line is to blame.
    public var line: Int?
    public var reason: String

    public init(context: String, path: String? = nil, line: Int? = nil, reason: String) {
        self.context = context
        self.path = path
        self.line = line
        self.reason = reason
    }

    public var description: String {
        var place = ""
        if let path { place += PrintableText.clean(path) }
        if let line { place += place.isEmpty ? "line \(line)" : ":\(line)" }
        return place.isEmpty ? "\(context): \(reason)" : "\(place): \(context): \(reason)"
    }
}
