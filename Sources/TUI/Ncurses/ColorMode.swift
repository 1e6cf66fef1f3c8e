// How many colours the terminal can show, and how a `TerminalColor` becomes a colour number
// for curses in each case. Pure, so the mapping is tested without a terminal.

public enum ColorMode: Hashable, Sendable {
    /// 24-bit colour (terminfo with the RGB flag, e.g. TERM=xterm-direct): numbers are 0xRRGGBB.
    case direct
    /// The xterm 256-colour palette: RGB goes to the nearest cube or grey-ramp slot.
    case palette256
    /// 8 or 16 system colours.
    case system(Int)
    /// No colour at all: attributes only.
    case monochrome

    /// From what curses reports after start_color().
    public static func detect(colors: Int, hasRGBFlag: Bool) -> ColorMode {
        if hasRGBFlag && colors >= 0x1000000 { return .direct }
        if colors >= 256 { return .palette256 }
        if colors >= 8 { return .system(min(colors, 16)) }
        return .monochrome
    }

    /// The curses colour number for `colour`; -1 is the terminal's default (use_default_colors).
    public func number(for colour: TerminalColor) -> Int32 {
        switch (self, colour) {
        case (_, .default), (.monochrome, _): return -1
        case (.direct, .rgb(let c)):
            // xterm-direct sends numbers below 8 as the eight themed ANSI colours; a near-black
            // that small is nudged to 8 (blue 8/255), which nobody can tell apart.
            let v = Int32(c.r) << 16 | Int32(c.g) << 8 | Int32(c.b)
            return v < 8 ? 8 : v
        case (.direct, .indexed(let i)):
            if i < 8 { return Int32(i) }
            let c = XtermPalette.colour(of: i)
            return max(Int32(c.r) << 16 | Int32(c.g) << 8 | Int32(c.b), 8)
        case (.palette256, .rgb(let c)): return Int32(XtermPalette.nearestSlot(to: c))
        case (.palette256, .indexed(let i)): return Int32(i)
        case (.system(let n), .rgb(let c)): return Int32(XtermPalette.nearestSystemSlot(to: c, count: n))
        case (.system(let n), .indexed(let i)):
            return Int(i) < n ? Int32(i) : Int32(XtermPalette.nearestSystemSlot(to: XtermPalette.colour(of: i), count: n))
        }
    }
}
