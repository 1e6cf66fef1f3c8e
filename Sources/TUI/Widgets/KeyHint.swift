// A key and what it does ("q" "quit"), as the status bar and the help overlay show them.

public struct KeyHint: Hashable, Sendable {
    /// How the key is written: "q", "Enter", "↑↓ j k"; `Key.description` gives the usual names.
    public var keys: String
    public var action: String

    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
    public init(_ key: Key, _ action: String) { self.init(key.description, action) }
}
