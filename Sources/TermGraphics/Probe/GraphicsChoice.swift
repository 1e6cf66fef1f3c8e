// Which encoding to use for this terminal, and why in words the user can check: probed once at
// start, overridable with --graphics, shown in the status line.

public enum GraphicsOverride: String, Sendable, CaseIterable {
    case auto, sixel, braille, blocks, ascii
}

public struct GraphicsChoice: Hashable, Sendable {
    public var mode: GraphicsMode
    /// Colours for the text modes (sixel ignores it).
    public var depth: ColourDepth
    /// Colour registers to build the sixel palette for (at most 256).
    public var sixelRegisters: Int
    /// Greys of the sixel palette: by default the 34-grey ramp (3 % steps, 47.6 dB on a
    /// windowed mammogram), which sends fewer bytes than img2sixel; up to 101 when asked
    /// (--sixel-greys, config `sixel_greys`). BENCHMARKS.md has the trade-off measured.
    public var sixelGreyLevels: Int
    public var reason: String
}

/// Decides how to draw images. Automatic: ASCII for dumb terminals and NO_COLOR, sixel where
/// the terminal reports it (never through GNU screen), else braille in the best colours the
/// terminal takes, or ASCII without 256 colours. An override is followed, with a note when it
/// contradicts what the terminal said.
public func chooseGraphics(_ caps: TerminalCapabilities, override: GraphicsOverride = .auto,
                           sixelGreys: Int? = nil) -> GraphicsChoice {
    let depth: ColourDepth = caps.noColor ? .monochrome : caps.truecolor ? .truecolor : caps.palette256 ? .palette256 : .monochrome
    let registers = min(max(caps.colourRegisters ?? 256, 2), 256)
    let greys = sixelGreys.map { min(max($0, 2), SixelPalette.maximumGreyLevels) } ?? SixelPalette.defaultGreyLevels
    func choice(_ mode: GraphicsMode, _ reason: String) -> GraphicsChoice {
        GraphicsChoice(mode: mode, depth: mode == .ascii ? .monochrome : depth, sixelRegisters: registers,
                       sixelGreyLevels: greys, reason: reason)
    }
    let colours: String = switch depth {
    case .truecolor: "24-bit colour (COLORTERM)"
    case .palette256: "256 colours"
    case .monochrome: caps.noColor ? "no colour (NO_COLOR)" : "no colour"
    }
    switch override {
    case .sixel:
        return choice(.sixel, caps.sixel ? "sixel, as asked" : "sixel, as asked (the terminal did not report sixel support)")
    case .braille: return choice(.braille, "braille, as asked, \(colours)")
    case .blocks: return choice(.blocks, "half blocks, as asked, \(colours)")
    case .ascii: return choice(.ascii, "ASCII, as asked")
    case .auto: break
    }
    if caps.dumb { return choice(.ascii, "ASCII: TERM is \(caps.term ?? "unset")") }
    if caps.noColor { return choice(.ascii, "ASCII: NO_COLOR is set (--graphics overrides)") }
    if caps.sixel {
        if registers >= 16 {
            let via = caps.multiplexer == .tmux ? " through tmux" : ""
            let name = caps.terminalName.map { " (\($0))" } ?? ""
            return choice(.sixel, "sixel\(via): the terminal\(name) reports it, \(registers) colour registers")
        }
    }
    let why: String
    if let skipped = caps.probeSkipped {
        why = "not probed: \(skipped)"
    } else if !caps.answered {
        why = "the terminal did not answer within the probe's time"
    } else if caps.sixel {
        why = "only \(registers) sixel colour registers"
    } else if caps.multiplexer == .screen {
        why = "GNU screen does not pass it through"
    } else if caps.multiplexer == .tmux {
        why = "tmux did not report it; tmux 3.4+ built with sixel does"
    } else {
        why = "the terminal did not report it"
    }
    if depth == .monochrome {
        return choice(.ascii, "ASCII: no sixel (\(why)) and no 256 colours (TERM=\(caps.term ?? "unset"))")
    }
    return choice(.braille, "braille, \(colours): no sixel (\(why))")
}
