// Keys bound to commands, with the words help shows for them.
import TUI

public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    /// How help shows the keys ("h j k l", "1-4").
    public var label: String
    public var action: String
    public var section: String
    public var commands: [ReadingCommand]

    public init(_ keys: [Key], _ label: String, _ action: String, section: String, _ commands: [ReadingCommand]) {
        self.keys = keys; self.label = label; self.action = action; self.section = section; self.commands = commands
    }
}
