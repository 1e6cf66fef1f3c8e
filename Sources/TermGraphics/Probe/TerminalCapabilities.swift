// What the terminal can show, from the environment, the probe's replies and TIOCGWINSZ. Built
// by a pure initializer so every terminal's recorded answers can be tested without one.
import MammoCore

public struct TerminalCapabilities: Hashable, Sendable {
    public enum Multiplexer: String, Hashable, Sendable { case tmux, screen }

    /// The terminal answered DA1 (every real terminal does; silence means a very old terminal
    /// or a lost reply).
    public var answered = false
    /// Why no probe was sent (not a terminal), when none was.
    public var probeSkipped: String?
    /// DA1 listed attribute 4.
    public var sixel = false
    /// XTSMGRAPHICS colour registers, when reported.
    public var colourRegisters: Int?
    /// XTSMGRAPHICS largest sixel image, when reported.
    public var sixelMaxSize: PixelSize?
    /// One cell in pixels: from `CSI 6;h;w t`, else the text area over the cell count.
    public var cellPixelSize: PixelSize?
    public var textAreaPixels: PixelSize?
    public var windowCells: CellArea?
    /// Mode 2026 reported as known (DECRPM 1, 2 or 3).
    public var synchronizedOutput = false
    /// COLORTERM is truecolor or 24bit.
    public var truecolor = false
    /// 256 colours can be assumed (TERM says so, or an xterm-like TERM, or truecolor).
    public var palette256 = false
    public var multiplexer: Multiplexer?
    /// NO_COLOR is set to something (https://no-color.org).
    public var noColor = false
    /// TERM unset, empty or "dumb".
    public var dumb = false
    /// Over SSH (SSH_CONNECTION, SSH_CLIENT or SSH_TTY): bytes cost time.
    public var remote = false
    /// XTVERSION's answer, e.g. "XTerm(379)" or "tmux 3.3a".
    public var terminalName: String?
    public var term: String?

    public init() {}

    public init(environment: [String: String], replies: [TerminalReply], windowSize: WindowSize? = nil) {
        let term = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 }
        self.term = term
        dumb = term == nil || term == "dumb"
        noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        remote = ["SSH_CONNECTION", "SSH_CLIENT", "SSH_TTY"].contains { !(environment[$0] ?? "").isEmpty }
        let colorterm = (environment["COLORTERM"] ?? "").lowercased()
        truecolor = colorterm == "truecolor" || colorterm == "24bit"
        let t = term ?? ""
        let xtermLike = ["xterm", "tmux", "screen", "rxvt", "foot", "alacritty", "wezterm", "kitty", "mlterm", "contour", "st-"]
        palette256 = truecolor || t.contains("256color") || t.contains("direct") || xtermLike.contains { t.hasPrefix($0) }
        // Screen first: it blocks sixel wherever it sits in a chain (screen inside tmux has
        // both STY and TMUX). tmux's default TERM is screen*, so that alone means screen only
        // without TMUX.
        if !(environment["STY"] ?? "").isEmpty {
            multiplexer = .screen
        } else if !(environment["TMUX"] ?? "").isEmpty || t.hasPrefix("tmux") {
            multiplexer = .tmux
        } else if t.hasPrefix("screen") {
            multiplexer = .screen
        }

        var textArea: PixelSize?, cell: PixelSize?
        for reply in replies {
            switch reply {
            case .primaryDeviceAttributes(let ids):
                answered = true
                // Attribute 4 after the class; tmux 3.4+ with sixel answers `?1;2;4c`.
                sixel = ids.dropFirst().contains(4)
            case .graphicsAttribute(item: 1, status: 0, values: let v) where (v.first ?? 0) > 0:
                colourRegisters = v[0]
            case .graphicsAttribute(item: 2, status: 0, values: let v) where v.count >= 2 && v[0] > 0 && v[1] > 0:
                sixelMaxSize = PixelSize(width: v[0], height: v[1])
            case .windowReport(code: 4, values: let v) where v.count >= 2 && v[0] > 0 && v[1] > 0:
                textArea = PixelSize(width: v[1], height: v[0])
            case .windowReport(code: 6, values: let v) where v.count >= 2 && v[0] > 0 && v[1] > 0:
                cell = PixelSize(width: v[1], height: v[0])
            case .privateModeReport(mode: 2026, value: let v):
                synchronizedOutput = (1...3).contains(v)
            case .terminalVersion(let name):
                terminalName = name
            default:
                break
            }
        }
        // GNU screen answers DA1 itself and passes no sixel through, whatever is behind it.
        if multiplexer == .screen { sixel = false }

        if let w = windowSize, w.columns > 0, w.rows > 0 {
            windowCells = CellArea(columns: w.columns, rows: w.rows)
            if textArea == nil, w.pixelWidth > 0, w.pixelHeight > 0 {
                textArea = PixelSize(width: w.pixelWidth, height: w.pixelHeight)
            }
        }
        textAreaPixels = textArea
        if cell == nil, let area = textArea, let cells = windowCells {
            let size = PixelSize(width: area.width / cells.columns, height: area.height / cells.rows)
            if size.width > 0 && size.height > 0 { cell = size }
        }
        cellPixelSize = cell
    }
}
