// Keys bound to a screen's commands, with the words help shows for them; a keymap is a list of
// these, so a key can never work without being listed.
import TUI

public struct KeyBinding<Command: Hashable & Sendable>: Hashable, Sendable {
    public var keys: [Key]
    /// How help shows the keys ("h j k l", "1-4").
    public var label: String
    public var action: String
    public var section: String
    public var commands: [Command]

    public init(_ keys: [Key], _ label: String, _ action: String, section: String, _ commands: [Command]) {
        self.keys = keys; self.label = label; self.action = action; self.section = section; self.commands = commands
    }
}

extension Array {
    /// The command a key is bound to in this keymap, nil when the key does nothing here.
    public func command<Command>(for key: Key) -> Command? where Element == KeyBinding<Command> {
        for binding in self {
            if let i = binding.keys.firstIndex(of: key), i < binding.commands.count { return binding.commands[i] }
        }
        return nil
    }

    /// Help sections in keymap order.
    public func helpSections<Command>() -> [HelpOverlay.Section] where Element == KeyBinding<Command> {
        var order: [String] = []
        var hints: [String: [KeyHint]] = [:]
        for b in self {
            if hints[b.section] == nil { order.append(b.section) }
            hints[b.section, default: []].append(KeyHint(b.label, b.action))
        }
        return order.map { HelpOverlay.Section($0, hints[$0] ?? []) }
    }
}
