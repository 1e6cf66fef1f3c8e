// Keys and mouse reports decoded from raw bytes and from curses codes; colour mapping and
// colour pair allocation. No terminal needed.
import Testing
import CNcurses
import MammoCore
@testable import TUI

@Suite struct EventTests {
    @Test func rawBytesBecomeKeys() {
        #expect(Key(scalar: "\u{01}") == .control("a"))
        #expect(Key(scalar: "\u{17}") == .control("w"))
        #expect(Key(scalar: "\u{03}") == .control("c"))
        #expect(Key(scalar: "\t") == .tab)
        #expect(Key(scalar: "\r") == .enter)
        #expect(Key(scalar: "\n") == .enter)
        #expect(Key(scalar: "\u{7F}") == .backspace)
        #expect(Key(scalar: "\u{08}") == .backspace)
        #expect(Key(scalar: "\u{1B}") == .escape)
        #expect(Key(scalar: "q") == .character("q"))
        #expect(Key(scalar: "日") == .character("日"))
        #expect(Key.ctrl("A") == .control("a"))
    }

    @Test func keysNameThemselvesForHelp() {
        #expect(Key.control("a").description == "Ctrl-A")
        #expect(Key.function(12).description == "F12")
        #expect(Key.pageDown.description == "PgDn")
        #expect(Key.character(" ").description == "Space")
        #expect(KeyHint(.escape, "close").keys == "Esc")
    }

    @Test func cursesKeyCodesBecomeKeys() {
        #expect(NcursesInput.key(forKeyCode: KEY_UP) == .up)
        #expect(NcursesInput.key(forKeyCode: KEY_NPAGE) == .pageDown)
        #expect(NcursesInput.key(forKeyCode: KEY_PPAGE) == .pageUp)
        #expect(NcursesInput.key(forKeyCode: KEY_HOME) == .home)
        #expect(NcursesInput.key(forKeyCode: KEY_END) == .end)
        #expect(NcursesInput.key(forKeyCode: KEY_DC) == .delete)
        #expect(NcursesInput.key(forKeyCode: KEY_BACKSPACE) == .backspace)
        #expect(NcursesInput.key(forKeyCode: KEY_BTAB) == .backTab)
        #expect(NcursesInput.key(forKeyCode: KEY_ENTER) == .enter)
        #expect(NcursesInput.key(forKeyCode: mt_key_f0() + 1) == .function(1))
        #expect(NcursesInput.key(forKeyCode: mt_key_f0() + 12) == .function(12))
        #expect(NcursesInput.key(forKeyCode: KEY_RESIZE) == nil)
    }

    @Test func cursesMouseReportsBecomeMouseEvents() {
        let press = NcursesInput.mouse(state: mt_button_pressed(1), x: 4, y: 7, held: nil)
        #expect(press == MouseEvent(.press(.left), x: 4, y: 7))
        #expect(NcursesInput.mouse(state: mt_button_released(3), x: 0, y: 0, held: .right)?.kind == .release(.right))
        #expect(NcursesInput.mouse(state: mt_button_pressed(4), x: 1, y: 1, held: nil)?.kind == .wheelUp)
        #expect(NcursesInput.mouse(state: mt_button_pressed(5), x: 1, y: 1, held: nil)?.kind == .wheelDown)
        // Motion: the held button from the report, else the one we remember.
        #expect(NcursesInput.mouse(state: mt_report_mouse_position() | mt_button_pressed(1), x: 2, y: 3, held: nil)?.kind == .move(.left))
        #expect(NcursesInput.mouse(state: mt_report_mouse_position(), x: 2, y: 3, held: .middle)?.kind == .move(.middle))
        let shifted = NcursesInput.mouse(state: mt_button_pressed(1) | mt_button_shift() | mt_button_ctrl(), x: 0, y: 0, held: nil)
        #expect(shifted?.modifiers == [.shift, .control])
        #expect(NcursesInput.mouse(state: 0, x: 0, y: 0, held: nil) == nil)
    }

    @Test func coloursMapToWhatTheTerminalHas() {
        let red = TerminalColor.rgb(RGBColor(r: 255, g: 0, b: 0))
        #expect(ColorMode.direct.number(for: red) == 0xFF0000)
        #expect(ColorMode.direct.number(for: .default) == -1)
        // Near-black stays out of the ANSI range xterm-direct reserves.
        #expect(ColorMode.direct.number(for: .rgb(RGBColor(r: 0, g: 0, b: 3))) == 8)
        #expect(ColorMode.palette256.number(for: red) == 196)
        #expect(ColorMode.palette256.number(for: .indexed(42)) == 42)
        // Greys land on the 24-step ramp, not the 6-step cube diagonal.
        #expect(ColorMode.palette256.number(for: .rgb(RGBColor(grey: 128))) == 244)
        #expect(ColorMode.palette256.number(for: .rgb(RGBColor(grey: 0))) == 16)
        #expect(ColorMode.palette256.number(for: .rgb(RGBColor(grey: 255))) == 231)
        #expect(ColorMode.system(8).number(for: red) == 1)
        #expect(ColorMode.system(16).number(for: red) == 9)
        #expect(ColorMode.monochrome.number(for: red) == -1)
        #expect(ColorMode.detect(colors: 256, hasRGBFlag: false) == .palette256)
        #expect(ColorMode.detect(colors: 0x1000000, hasRGBFlag: true) == .direct)
        #expect(ColorMode.detect(colors: 8, hasRGBFlag: false) == .system(8))
        #expect(ColorMode.detect(colors: 0, hasRGBFlag: false) == .monochrome)
    }

    @Test func paletteSlotsRoundTrip() {
        for slot in 16...255 {
            let c = XtermPalette.colour(of: UInt8(slot))
            let back = XtermPalette.nearestSlot(to: c)
            #expect(XtermPalette.colour(of: back) == c, "slot \(slot)")
        }
    }

    @Test func colourPairsAreMadeOnceAndResetWhenFull() {
        var cache = ColorPairCache(limit: 5, reserved: 1)
        var defined: [(Int32, Int32, Int32)] = []
        var resets = 0
        func pair(_ f: Int32, _ b: Int32) -> (Int32, Bool) {
            let r = cache.pair(foreground: f, background: b, define: { defined.append(($0, $1, $2)); return true }, resetAll: { resets += 1 })
            return (r.pair, r.reset)
        }
        #expect(pair(-1, -1) == (0, false))  // the default pair needs no definition
        #expect(pair(1, -1) == (2, false))
        #expect(pair(2, 3) == (3, false))
        #expect(pair(1, -1) == (2, false))
        #expect(defined.count == 2)
        #expect(pair(4, 4) == (4, false))
        // Pairs 2...4 used: the next one starts over.
        #expect(pair(5, 5) == (2, true))
        #expect(resets == 1)
        #expect(cache.count == 1)
    }
}
