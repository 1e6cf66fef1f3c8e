// One character cell of the screen: a grapheme with its colours and attributes. A wide
// character (East Asian wide, most emoji) fills two cells: itself, then a continuation cell.

public struct Cell: Hashable, Sendable {
    /// One grapheme cluster; a space for an empty cell.
    public var character: Character
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: CellAttributes
    /// True for the right half of a wide character: backends draw nothing here, the character
    /// in the cell to the left covers it.
    public var isContinuation: Bool
    /// Set by backends on cells under a placed image: the cell is sent as a blank that the
    /// terminal library must not treat as "empty" (see `ImageLayer`). Widgets never set it.
    var isImageBackdrop: Bool = false

    public init(_ character: Character = " ", foreground: TerminalColor = .default,
                background: TerminalColor = .default, attributes: CellAttributes = [],
                isContinuation: Bool = false) {
        self.character = character
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
        self.isContinuation = isContinuation
    }

    public init(_ character: Character, style: CellStyle) {
        self.init(character, foreground: style.foreground, background: style.background,
                  attributes: style.attributes)
    }

    public static let blank = Cell()

    public var style: CellStyle {
        get { CellStyle(foreground: foreground, background: background, attributes: attributes) }
        set {
            foreground = newValue.foreground
            background = newValue.background
            attributes = newValue.attributes
        }
    }

    /// Columns the character takes: 2 for wide characters, else 1 (continuations report 0).
    public var width: Int { isContinuation ? 0 : max(character.terminalWidth, 1) }
}
