// Monitor's one error type: which figure was being computed and why it could not be.
import MammoCore

public struct MonitorError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What was being done: "population stability index", "alarm limits", "config", ...
    public var context: String
    public var reason: String

    public init(context: String, reason: String) {
        self.context = context
        self.reason = reason
    }

    public var description: String { "\(context): \(PrintableText.clean(reason))" }
}
