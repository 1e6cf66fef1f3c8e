// The real terminal, through ncursesw: wide characters, colour pairs on demand (24-bit where
// terminfo allows, else the nearest of 256), mouse reports, resize events, sixel images written
// beside curses, and the terminal given back on exit, Ctrl-C and fatal signals.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcurses
import TermGraphics

public final class NcursesBackend: Backend {
    /// Which mouse motion the terminal reports.
    public enum MouseReporting: Hashable, Sendable {
        case off
        /// Presses, releases and the wheel.
        case buttons
        /// Also motion while a button is held (mode 1002): drawing and dragging.
        case drag
        /// Also motion with no button held (mode 1003); chatty over SSH.
        case all
    }

    public struct Options: Hashable, Sendable {
        public var mouse: MouseReporting
        /// Milliseconds to wait after Esc for the rest of an escape sequence.
        public var escapeDelay: Int32
        /// nil: detect from terminfo.
        public var colorMode: ColorMode?
        public init(mouse: MouseReporting = .drag, escapeDelay: Int32 = 25, colorMode: ColorMode? = nil) {
            self.mouse = mouse
            self.escapeDelay = escapeDelay
            self.colorMode = colorMode
        }
    }

    public private(set) var size: Size
    public let colorMode: ColorMode
    public let options: Options

    private let window: UnsafeMutablePointer<WINDOW>
    private var screenHandle: OpaquePointer?
    private var shownBuffer: CellBuffer?
    private var staged: CellBuffer?
    private var stagedImages: [ImagePlacement] = []
    private var images = ImageLayer()
    private var pairs: ColorPairCache
    private var needsFullRedraw = true
    private var heldButton: MouseEvent.Button?
    private var emptyReads = 0
    private var isShutDown = false
    /// Pair 1: default colours, used only for cells under images so curses sees them as
    /// different from ordinary blanks (see ImageLayer).
    private static let backdropPair: Int32 = 1

    /// Takes over the terminal on stdin/stdout. Throws when they are not a terminal, TERM is
    /// unknown, or no UTF-8 locale is available (braille and box drawing need one).
    public init(options: Options = Options()) throws {
        setlocale(LC_ALL, "")
        if !Self.isUTF8Locale() && setlocale(LC_CTYPE, "C.UTF-8") == nil {
            throw TUIError.terminalUnavailable("no UTF-8 locale; run with LANG=C.UTF-8 (or another UTF-8 locale)")
        }
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw TUIError.terminalUnavailable("standard input and output must be a terminal")
        }
        // Before newterm: curses then leaves SIGINT/SIGTERM to us (it only takes default ones).
        TerminalRestore.install()
        guard let screen = newterm(nil, mt_stdout(), mt_stdin()) else {
            TerminalRestore.uninstall()
            let term = getenv("TERM").map { String(cString: $0) } ?? "(unset)"
            throw TUIError.terminalUnavailable("curses does not know TERM=\(term)")
        }
        screenHandle = screen
        set_term(screen)
        guard let w = mt_stdscr() else {
            TerminalRestore.uninstall()
            throw TUIError.terminalUnavailable("curses has no screen")
        }
        window = w
        self.options = options
        raw()
        noecho()
        nonl()
        keypad(w, true)
        meta(w, true)
        intrflush(w, false)
        // No hardware scrolling or character insert/delete: they would move sixel pictures
        // that curses does not know are there.
        idlok(w, false)
        idcok(w, false)
        scrollok(w, false)
        leaveok(w, true)
        curs_set(0)
        set_escdelay(options.escapeDelay)

        var mode = ColorMode.monochrome
        if has_colors() {
            start_color()
            use_default_colors()
            mode = ColorMode.detect(colors: Int(mt_colors()), hasRGBFlag: tigetflag("RGB") > 0)
        }
        colorMode = options.colorMode ?? mode
        pairs = ColorPairCache(limit: Int32(max(mt_color_pairs(), 0)), reserved: Self.backdropPair)
        if colorMode != .monochrome { init_extended_pair(Self.backdropPair, -1, -1) }

        switch options.mouse {
        case .off: break
        case .buttons, .drag, .all:
            let motion = options.mouse == .buttons ? 0 : mt_report_mouse_position()
            mousemask(mt_all_mouse_events() | motion, nil)
            // Report presses and releases at once, not held back to detect clicks.
            mouseinterval(0)
        }
        size = Size(width: Int(mt_getmaxx(w)), height: Int(mt_getmaxy(w)))
        // curses turns on basic mouse reporting (1000) itself; motion needs 1002/1003 on top.
        switch options.mouse {
        case .drag: writeAll(Array("\u{1B}[?1002h".utf8))
        case .all: writeAll(Array("\u{1B}[?1003h".utf8))
        default: break
        }
    }

    deinit { shutdown() }

    static func isUTF8Locale() -> Bool {
        guard let cs = mt_codeset() else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    // MARK: Output

    public func draw(_ buffer: CellBuffer) throws { staged = buffer }

    public func writeImage(_ image: TerminalImage, at origin: Point) throws {
        stagedImages.append(ImagePlacement(image, at: origin))
    }

    public func flush() throws {
        guard !isShutDown, let staged else { return }
        let shown = ImageLayer.applyBackdrops(stagedImages, to: fitted(staged))
        var full = needsFullRedraw || shownBuffer?.size != shown.size
        var changes = shown.changes(from: full ? nil : shownBuffer)
        if !put(changes, of: shown) {
            // The colour pairs ran out and were reset: every cell on screen has a stale pair.
            full = true
            changes = shown.changes(from: nil)
            _ = put(changes, of: shown)
        }
        if full { clearok(window, true) }
        wrefresh(window)
        shownBuffer = shown
        needsFullRedraw = false
        self.staged = nil
        let send = images.plan(stagedImages, changes: changes, fullRedraw: full)
        stagedImages = []
        // After curses has finished: one write per image, framed so the cursor comes back
        // where curses left it and the picture appears at once.
        for placement in send {
            let bytes = TerminalSequence.place(placement.image.bytes, row: placement.origin.y + 1,
                                               column: placement.origin.x + 1)
            if !writeAll(bytes) { throw TUIError.writeFailed(errno: errno, context: "sixel image") }
        }
    }

    public func invalidate() {
        needsFullRedraw = true
        images.reset()
    }

    /// Writes the cells of `runs` into curses' screen. False when the pair cache was reset
    /// part way (the caller then redraws everything).
    private func put(_ runs: [CellRun], of buffer: CellBuffer) -> Bool {
        var chars = [wchar_t](repeating: 0, count: 6)
        for run in runs {
            for x in run.range {
                let cell = buffer[x, run.y]
                if cell.isContinuation { continue }
                var pair: Int32 = 0
                var attrs = attributes(cell.attributes)
                if cell.isImageBackdrop {
                    if colorMode == .monochrome { attrs |= mt_a_invis() } else { pair = Self.backdropPair }
                } else if colorMode != .monochrome {
                    let (p, reset) = pairs.pair(
                        foreground: colorMode.number(for: cell.foreground),
                        background: colorMode.number(for: cell.background),
                        define: { init_extended_pair($0, $1, $2) == OK },
                        resetAll: { reset_color_pairs(); init_extended_pair(Self.backdropPair, -1, -1) })
                    if reset { return false }
                    pair = p
                }
                var n = 0
                for scalar in cell.character.unicodeScalars where n < 5 {
                    chars[n] = wchar_t(bitPattern: scalar.value)
                    n += 1
                }
                chars[n] = 0
                if mt_put_cell(window, Int32(run.y), Int32(x), chars, attrs, pair) == ERR && n > 1 {
                    // A cluster curses cannot hold (an emoji sequence): its first scalar alone.
                    chars[1] = 0
                    _ = mt_put_cell(window, Int32(run.y), Int32(x), chars, attrs, pair)
                }
            }
        }
        return true
    }

    private func attributes(_ a: CellAttributes) -> attr_t {
        var out = mt_a_normal()
        if a.contains(.bold) { out |= mt_a_bold() }
        if a.contains(.dim) { out |= mt_a_dim() }
        if a.contains(.underline) { out |= mt_a_underline() }
        if a.contains(.reverse) { out |= mt_a_reverse() }
        return out
    }

    private func fitted(_ buffer: CellBuffer) -> CellBuffer {
        guard buffer.size != size else { return buffer }
        var out = CellBuffer(size: size)
        out.blit(buffer, at: .zero)
        return out
    }

    /// Writes all of `bytes` to the terminal, retrying short writes and interruptions.
    @discardableResult
    private func writeAll(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { raw in
            guard var p = raw.baseAddress else { return true }
            var left = raw.count
            while left > 0 {
                let n = write(STDOUT_FILENO, p, left)
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    return false
                }
                p += n
                left -= n
            }
            return true
        }
    }

    // MARK: Input

    public func readEvent(timeout: Duration?) throws -> Event? {
        guard !isShutDown else { throw TUIError.inputClosed }
        let ms: Int32
        if let timeout {
            let (seconds, attoseconds) = timeout.components
            ms = Int32(clamping: max(seconds * 1000 + attoseconds / 1_000_000_000_000_000, 0))
        } else {
            ms = -1
        }
        wtimeout(window, ms)
        var ch: wint_t = 0
        let clock = ContinuousClock()
        let started = clock.now
        let result = wget_wch(window, &ch)
        if result == ERR {
            // A timeout, or a terminal that went away: get_wch then fails at once, every time.
            // Many early failures in a row mean the latter; give up instead of spinning.
            let early = ms < 0 || clock.now - started < .milliseconds(Int(ms) / 2)
            emptyReads = early && ms != 0 ? emptyReads + 1 : 0
            if emptyReads > 50 || isatty(STDIN_FILENO) != 1 { throw TUIError.inputClosed }
            return nil
        }
        emptyReads = 0
        if result == mt_key_code_yes() { return functionKeyEvent(Int32(ch)) }
        guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
        return .key(Key(scalar: scalar))
    }

    private func functionKeyEvent(_ code: Int32) -> Event? {
        switch code {
        case KEY_RESIZE:
            size = Size(width: Int(mt_getmaxx(window)), height: Int(mt_getmaxy(window)))
            invalidate()
            return .resize(size)
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK,
                  let mouse = NcursesInput.mouse(state: event.bstate, x: event.x, y: event.y, held: heldButton) else { return nil }
            switch mouse.kind {
            case .press(let b): heldButton = b
            case .release: heldButton = nil
            default: break
            }
            return .mouse(mouse)
        default:
            return NcursesInput.key(forKeyCode: code).map { .key($0) }
        }
    }

    // MARK: Shutdown

    public func shutdown() {
        guard !isShutDown else { return }
        isShutDown = true
        if options.mouse == .drag || options.mouse == .all { writeAll(Array("\u{1B}[?1002l\u{1B}[?1003l".utf8)) }
        if options.mouse != .off { mousemask(0, nil) }
        curs_set(1)
        endwin()
        if let screenHandle { delscreen(screenHandle) }
        screenHandle = nil
        TerminalRestore.uninstall()
    }
}
