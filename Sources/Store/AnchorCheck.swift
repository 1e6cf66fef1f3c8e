// What comparing the decision chain's tail with its anchor (`ChainAnchor`) found.

public struct AnchorCheck: Sendable, Hashable, Codable {
    public enum Status: String, Sendable, Hashable, Codable {
        /// The chain ends where the anchor says.
        case matches
        /// The anchored rows are intact and rows were added after them (a process stopped between
        /// its commit and the anchor update): not tampering; `audit anchor` moves the anchor on.
        case behind
        /// No decisions and no anchor: nothing to compare.
        case empty
        /// Rows at the end of the chain are gone: the anchor records more rows or a later row.
        case cut
        /// The anchor's last row is there but its hash (or the rows up to it) differ: changed and rehashed.
        case changed
        /// Decisions but no anchor file: removed, or the library copied without it.
        case missing
        /// The anchor file cannot be read or parsed.
        case unreadable
    }

    public var status: Status
    /// The anchor file compared against.
    public var path: String
    /// The anchor as read (nil when missing or unreadable).
    public var anchor: ChainAnchor?
    /// The chain's own head now.
    public var head: ChainAnchor
    /// Details a person can act on.
    public var message: String

    public init(status: Status, path: String, anchor: ChainAnchor?, head: ChainAnchor, message: String) {
        self.status = status
        self.path = path
        self.anchor = anchor
        self.head = head
        self.message = message
    }

    /// True when nothing points at tampering (matches, behind, empty).
    public var isSound: Bool { [.matches, .behind, .empty].contains(status) }
}
