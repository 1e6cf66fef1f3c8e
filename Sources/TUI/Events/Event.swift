// What a backend reports: a key, a mouse action, or the terminal's new size.

public enum Event: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal now has this many columns and rows; the next frame must be drawn whole.
    case resize(Size)

    /// Shorthand for scripts: `.press("q")`, `.press(.down)`.
    public static func press(_ key: Key) -> Event { .key(key) }
    public static func press(_ c: Character) -> Event { .key(.character(c)) }

    /// The events for typing `text`, one character key each.
    public static func typing(_ text: String) -> [Event] { text.map { .key(.character($0)) } }
}
