// What the harness throws when a tool fails or a screen never shows what a test waits for:
// the message carries what was seen (the last screen, the tool's stderr).

public struct TerminalTestError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
