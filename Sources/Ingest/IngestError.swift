// The one error type of Ingest: the file or folder involved and what went wrong.
import MammoCore

public struct IngestError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(PrintableText.clean(path)): \(PrintableText.clean(reason))" }
}
