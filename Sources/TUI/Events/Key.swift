// A key press, decoded from whatever the terminal sent: a printable character, a named key,
// a function key or a control letter. Keymaps and help screens name keys with `description`.

public enum Key: Hashable, Sendable, CustomStringConvertible {
    /// A printable character (letters keep their case: "q" and "Q" differ).
    case character(Character)
    case up, down, left, right
    case enter, escape, tab, backTab, backspace, delete, insert
    case home, end, pageUp, pageDown
    /// F1–F12 (and beyond, where a terminal sends them).
    case function(Int)
    /// Ctrl with a letter, lowercase "a"..."z". Ctrl-I, Ctrl-M and Ctrl-H arrive as `.tab`,
    /// `.enter` and `.backspace`: terminals send the same byte for both.
    case control(Character)

    /// Shorthand for `.character`, so keymaps read `.char("q")`.
    public static func char(_ c: Character) -> Key { .character(c) }
    public static func ctrl(_ c: Character) -> Key { .control(Character(c.lowercased())) }

    /// Decodes one byte or scalar as a raw terminal sends it (no escape sequences): C0
    /// controls become named keys or Ctrl-letters, DEL is Backspace, anything else a character.
    public init(scalar: Unicode.Scalar) {
        switch scalar.value {
        case 0x09: self = .tab
        case 0x0A, 0x0D: self = .enter
        case 0x08, 0x7F: self = .backspace
        case 0x1B: self = .escape
        case 0x01...0x1A:
            self = .control(Character(Unicode.Scalar(UInt8(scalar.value) + 0x60)))
        case 0x00: self = .control("@")
        case 0x1C...0x1F: self = .control(Character(Unicode.Scalar(UInt8(scalar.value) + 0x40)))
        default: self = .character(Character(scalar))
        }
    }

    /// As help screens show it: "q", "Enter", "Ctrl-A", "F1", "PgDn", "Space".
    public var description: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .enter: return "Enter"
        case .escape: return "Esc"
        case .tab: return "Tab"
        case .backTab: return "Shift-Tab"
        case .backspace: return "Backspace"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        case .function(let n): return "F\(n)"
        case .control(let c): return "Ctrl-" + c.uppercased()
        }
    }
}
