// One text cell of an encoded image: a character and the colours that carry its tone.

public struct ImageCell: Hashable, Sendable {
    public var character: Character
    /// nil: the terminal's default colour (monochrome output, missing pixels).
    public var foreground: CellColour?
    public var background: CellColour?

    public init(_ character: Character, foreground: CellColour? = nil, background: CellColour? = nil) {
        self.character = character
        self.foreground = foreground
        self.background = background
    }

    /// A space (or blank braille) shows no foreground, so its foreground need not be sent.
    public var showsForeground: Bool { character != " " && character != "\u{2800}" }
}
