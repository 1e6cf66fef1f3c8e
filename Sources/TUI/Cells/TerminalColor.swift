// A cell's foreground or background colour: the terminal's own default, a 24-bit colour, or a
// slot of the 256-colour palette. Backends map it down to what the terminal can show.
import MammoCore

public enum TerminalColor: Hashable, Sendable {
    /// Whatever the terminal uses when nothing is set; keeps the user's own theme and transparency.
    case `default`
    case rgb(RGBColor)
    /// An entry of the xterm 256-colour palette (0–15 follow the user's theme).
    case indexed(UInt8)

    public init(r: UInt8, g: UInt8, b: UInt8) { self = .rgb(RGBColor(r: r, g: g, b: b)) }
    public init(grey: UInt8) { self = .rgb(RGBColor(grey: grey)) }

    /// The 24-bit colour this stands for, nil for the default; palette slots use xterm's values.
    public var rgbValue: RGBColor? {
        switch self {
        case .default: return nil
        case .rgb(let c): return c
        case .indexed(let i): return XtermPalette.colour(of: i)
        }
    }
}
