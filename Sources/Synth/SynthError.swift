// Synth's one error type: which file, and what a user can do about it.
import MammoCore

public struct SynthError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var reason: String
    public init(path: String, reason: String) { self.path = path; self.reason = reason }
    public var description: String { "\(PrintableText.clean(path)): \(reason)" }
}
