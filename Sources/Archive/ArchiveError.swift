// The one error type of the Archive module: which archive node, which operation, what failed.
// Messages are one line a user can act on ("orthanc: C-FIND failed: association rejected: called AE title not recognized").
import MammoCore

public struct ArchiveError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The node's name from config.toml, or "host:port" when it has none.
    public var node: String
    /// "C-ECHO", "C-FIND", "C-GET", "C-MOVE", "C-STORE", "QIDO-RS", "WADO-RS", "STOW-RS", "listen", ...
    public var operation: String
    /// What went wrong, already printable (network text is untrusted: cleaned here).
    public var reason: String

    public init(node: String, operation: String, reason: String) {
        self.node = PrintableText.clean(node)
        self.operation = operation
        self.reason = PrintableText.clean(reason)
    }

    public var description: String { "\(node): \(operation) failed: \(reason)" }
}
