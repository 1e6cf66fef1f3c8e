// The colour of a text cell's foreground or background as the encoders choose it, and how many
// colours the terminal takes. Named apart from TUI's `TerminalColor`: TUI imports this module
// and converts (nil here is the terminal's default colour there).
import MammoCore

public enum CellColour: Hashable, Sendable {
    /// 24-bit colour: `38;2;r;g;b` / `48;2;r;g;b`.
    case rgb(RGBColor)
    /// A slot of the xterm 256-colour palette: `38;5;n` / `48;5;n`.
    case indexed(UInt8)

    /// The colour it shows (palette slots at xterm's default values).
    public var rgbValue: RGBColor {
        switch self {
        case .rgb(let c): c
        case .indexed(let slot): Xterm256.colour(of: slot)
        }
    }
}

/// What the text encoders may use for tone.
public enum ColourDepth: String, Sendable, CaseIterable {
    /// 24-bit SGR colours (COLORTERM=truecolor or 24bit).
    case truecolor
    /// The xterm 256-colour palette: a 24-step grey ramp and a 6x6x6 cube.
    case palette256
    /// No colour escapes at all (NO_COLOR, dumb terminals): dot or character patterns only.
    case monochrome
}
