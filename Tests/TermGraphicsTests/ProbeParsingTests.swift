// Capability probing: the reply parser on answers recorded from real terminals (xterm 379 in
// several modes, tmux 3.3a, GNU screen 4.9.0), on answers in the style foot and WezTerm
// document, on silence and on garbage; and the mode decision for each.
import Foundation
import MammoCore
import Testing
@testable import TermGraphics

@Suite("Terminal probing: replies and the choice of graphics")
struct ProbeParsingTests {
    static let xtermEnvironment = ["TERM": "xterm-256color"]

    static func capabilities(_ replies: [UInt8], _ environment: [String: String] = xtermEnvironment,
                             window: WindowSize? = nil) -> TerminalCapabilities {
        TerminalCapabilities(environment: environment, replies: TerminalReply.parse(replies).replies, windowSize: window)
    }

    static func escaped(_ text: String) -> [UInt8] { Array(text.replacingOccurrences(of: "^[", with: "\u{1B}").utf8) }

    @Test func xtermInVT340ModeWith256Registers() throws {
        let bytes = try Fixtures.bytes("replies/xterm-379-vt340-256.bin")
        let parsed = TerminalReply.parse(bytes)
        #expect(parsed.replies == [
            .graphicsAttribute(item: 1, status: 0, values: [256]),
            .graphicsAttribute(item: 2, status: 0, values: [960, 650]),
            .privateModeReport(mode: 2026, value: 0),
            .terminalVersion("XTerm(379)"),
            .primaryDeviceAttributes([63, 1, 2, 4, 6, 9, 15, 16, 22, 28]),
        ])
        #expect(parsed.unconsumed.isEmpty && !parsed.incomplete)
        let caps = Self.capabilities(bytes, window: WindowSize(columns: 160, rows: 50, pixelWidth: 964, pixelHeight: 654))
        #expect(caps.answered && caps.sixel && caps.colourRegisters == 256 && !caps.synchronizedOutput)
        #expect(caps.sixelMaxSize == PixelSize(width: 960, height: 650))
        #expect(caps.cellPixelSize == PixelSize(width: 6, height: 13), "from TIOCGWINSZ: xterm does not answer 16t by default")
        let choice = chooseGraphics(caps)
        #expect(choice.mode == .sixel && choice.sixelRegisters == 256)
        #expect(choice.sixelGreyLevels == SixelPalette.compactGreyLevels, "the compact ramp on every link unless asked")
        #expect(chooseGraphics(caps, sixelGreys: 101).sixelGreyLevels == 101)
        #expect(chooseGraphics(caps, sixelGreys: 500).sixelGreyLevels == 101, "clamped to what sixel can name")
        #expect(choice.reason.contains("XTerm(379)"))
    }

    @Test func xtermDefaultRegistersAndWindowOps() throws {
        let caps = Self.capabilities(try Fixtures.bytes("replies/xterm-379-vt340.bin"))
        #expect(caps.colourRegisters == 1024)
        #expect(chooseGraphics(caps).sixelRegisters == 256, "never more than 256 registers")
        let ops = Self.capabilities(try Fixtures.bytes("replies/xterm-379-vt340-windowops.bin"),
                                    window: WindowSize(columns: 80, rows: 24, pixelWidth: 1, pixelHeight: 1))
        #expect(ops.cellPixelSize == PixelSize(width: 6, height: 13), "16t wins over TIOCGWINSZ")
        #expect(ops.textAreaPixels == PixelSize(width: 480, height: 312))
    }

    @Test func xtermWithoutSixelFallsBackToBraille() throws {
        let bytes = try Fixtures.bytes("replies/xterm-379-vt420.bin")
        #expect(TerminalReply.parse(bytes).replies.contains(.graphicsAttribute(item: 1, status: 3, values: [])))
        let caps = Self.capabilities(bytes)
        #expect(caps.answered && !caps.sixel && caps.colourRegisters == nil)
        let choice = chooseGraphics(caps)
        #expect(choice.mode == .braille && choice.depth == .palette256)
        #expect(choice.reason.contains("did not report"))
    }

    @Test func tmux33AnswersItselfWithoutSixel() throws {
        let bytes = try Fixtures.bytes("replies/tmux-3.3a.bin")
        #expect(TerminalReply.parse(bytes).replies == [.terminalVersion("tmux 3.3a"), .primaryDeviceAttributes([1, 2])])
        let caps = Self.capabilities(bytes, ["TERM": "tmux-256color", "TMUX": "/tmp/tmux-0/default,1,0"])
        #expect(caps.multiplexer == .tmux && !caps.sixel)
        let choice = chooseGraphics(caps)
        #expect(choice.mode == .braille && choice.reason.contains("tmux"))
        // tmux 3.4+ built with sixel answers `?1;2;4c`: accepted.
        let newer = Self.capabilities(Self.escaped("^[P>|tmux 3.4^[\\^[[?1;2;4c"), ["TERM": "tmux-256color", "TMUX": "x"])
        #expect(newer.sixel && chooseGraphics(newer).mode == .sixel)
        #expect(chooseGraphics(newer).reason.contains("through tmux"))
    }

    @Test func screenNeverGetsSixel() throws {
        let bytes = try Fixtures.bytes("replies/screen-4.9.0.bin")
        #expect(TerminalReply.parse(bytes).replies == [.primaryDeviceAttributes([1, 2])])
        let caps = Self.capabilities(bytes, ["TERM": "screen.xterm-256color", "STY": "1234.pts-0.host"])
        #expect(caps.multiplexer == .screen && chooseGraphics(caps).mode == .braille)
        // Even a sixel-capable answer from behind screen is not believed.
        let claimed = Self.capabilities(Self.escaped("^[[?63;4c"), ["TERM": "screen", "STY": "1", "TMUX": "x"])
        #expect(claimed.multiplexer == .screen && !claimed.sixel)
        #expect(chooseGraphics(claimed).reason.contains("screen"))
    }

    /// Not recorded here (neither terminal is installed): the answers their documentation
    /// describes, foot with 2026 and XTSMGRAPHICS, WezTerm with a VT525-class DA1.
    @Test func footAndWezTermStyleAnswers() {
        let foot = Self.capabilities(Self.escaped("^[[?1;0;1024S^[[?2;0;1920;1080S^[[?2026;2$y^[P>|foot(1.16.2)^[\\^[[?62;4;22;28c"),
                                     ["TERM": "foot", "COLORTERM": "truecolor"])
        #expect(foot.sixel && foot.synchronizedOutput && foot.truecolor && foot.terminalName == "foot(1.16.2)")
        #expect(chooseGraphics(foot).mode == .sixel)
        let wezterm = Self.capabilities(Self.escaped("^[[?2026;2$y^[[?65;4;6;18;22c"), ["TERM": "xterm-256color"])
        #expect(wezterm.sixel && wezterm.synchronizedOutput && wezterm.colourRegisters == nil)
        #expect(chooseGraphics(wezterm).sixelRegisters == 256)
    }

    @Test func silenceAndEnvironment() {
        let silent = Self.capabilities([])
        #expect(!silent.answered && !silent.sixel)
        let choice = chooseGraphics(silent)
        #expect(choice.mode == .braille && choice.reason.contains("did not answer"))
        #expect(chooseGraphics(Self.capabilities([], ["TERM": "dumb"])).mode == .ascii)
        #expect(chooseGraphics(Self.capabilities([], [:])).reason.contains("unset"))
        #expect(chooseGraphics(Self.capabilities([], ["TERM": "linux"])).mode == .ascii, "no 256 colours")
        let truecolor = chooseGraphics(Self.capabilities([], ["TERM": "xterm-256color", "COLORTERM": "truecolor"]))
        #expect(truecolor.mode == .braille && truecolor.depth == .truecolor)
        // NO_COLOR: ASCII, even where sixel works; an override still gets its mode, colourless.
        let noColor = Self.capabilities(Self.escaped("^[[?63;4c"), ["TERM": "xterm-256color", "NO_COLOR": "1"])
        #expect(chooseGraphics(noColor).mode == .ascii && chooseGraphics(noColor).reason.contains("NO_COLOR"))
        let forced = chooseGraphics(noColor, override: .braille)
        #expect(forced.mode == .braille && forced.depth == .monochrome)
        #expect(!Self.capabilities([], ["TERM": "xterm", "NO_COLOR": ""]).noColor, "an empty NO_COLOR does not count")
        // Over SSH the sixel palette takes the compact grey ramp.
        let remote = chooseGraphics(Self.capabilities(Self.escaped("^[[?63;4c"), ["TERM": "xterm", "SSH_CONNECTION": "1 2 3 4"]))
        #expect(remote.mode == .sixel && remote.sixelGreyLevels == SixelPalette.compactGreyLevels)
    }

    @Test func overridesAreFollowedWithANote() {
        let plain = Self.capabilities(Self.escaped("^[[?64;1;2c"))
        let sixel = chooseGraphics(plain, override: .sixel)
        #expect(sixel.mode == .sixel && sixel.reason.contains("did not report"))
        #expect(chooseGraphics(plain, override: .blocks).mode == .blocks)
        #expect(chooseGraphics(plain, override: .ascii).mode == .ascii)
        #expect(chooseGraphics(plain, override: .auto).mode == .braille)
        #expect(GraphicsOverride(rawValue: "blocks") == .blocks)
    }

    @Test func cellSizeFromTheWindowWhenNotReported() {
        let caps = Self.capabilities([], window: WindowSize(columns: 100, rows: 40, pixelWidth: 1000, pixelHeight: 800))
        #expect(caps.cellPixelSize == PixelSize(width: 10, height: 20) && caps.windowCells == CellArea(columns: 100, rows: 40))
        let textArea = Self.capabilities(Self.escaped("^[[4;800;1000t"), window: WindowSize(columns: 100, rows: 40))
        #expect(textArea.cellPixelSize == PixelSize(width: 10, height: 20))
        #expect(Self.capabilities([], window: WindowSize(columns: 80, rows: 24)).cellPixelSize == nil)
    }

    @Test func keysTypedDuringTheProbeAreKept() {
        let parsed = TerminalReply.parse(Self.escaped("ab^[[?62;4c^[[Aq"))
        #expect(parsed.replies == [.primaryDeviceAttributes([62, 4]), .other("^[[A")])
        #expect(parsed.unconsumed == Array("abq".utf8))
        // 8-bit CSI and ST, sub-parameters, empty fields.
        #expect(TerminalReply.parse([0x9B] + Array("?1;0;256S".utf8)).replies == [.graphicsAttribute(item: 1, status: 0, values: [256])])
        #expect(TerminalReply.parse(Self.escaped("^[[?2026;$y")).replies == [.privateModeReport(mode: 2026, value: 0)])
        #expect(TerminalReply.parse(Self.escaped("^[[6;13:1;6t")).replies == [.windowReport(code: 6, values: [13, 6])])
        #expect(TerminalReply.parse([0x90] + Array(">|x".utf8) + [0x9C]).replies == [.terminalVersion("x")])
    }

    @Test func incompleteAndGarbageInput() {
        #expect(TerminalReply.parse(Self.escaped("^[[?63;4")).incomplete)
        #expect(TerminalReply.parse(Self.escaped("^[P>|xterm")).incomplete)
        #expect(TerminalReply.parse([0x1B]).incomplete)
        let huge = TerminalReply.parse(Self.escaped("^[[?1;0;" + String(repeating: "9", count: 400) + "S"))
        #expect(huge.replies.isEmpty && !huge.unconsumed.isEmpty, "an over-long sequence is not a reply")
        let big = TerminalReply.parse(Self.escaped("^[[?1;0;99999999999999999999S"))
        #expect(big.replies == [.graphicsAttribute(item: 1, status: 0, values: [1_000_000_000])])
        // A control byte inside a sequence ends it; what follows is parsed again.
        let broken = TerminalReply.parse(Self.escaped("^[[?63\n^[[?62;4c"))
        #expect(broken.replies == [.primaryDeviceAttributes([62, 4])] && broken.unconsumed == Self.escaped("^[[?63\n"))
        // Random bytes, with and without escape-heavy mixes: never a crash, always finite.
        var rng = TestRasters.Seeded(state: 99)
        let alphabet: [UInt8] = [0x1B, 0x5B, 0x50, 0x3F, 0x3B, 0x24, 0x79, 0x63, 0x53, 0x74, 0x9B, 0x90, 0x9C, 0x5C, 0x31, 0x34, 0x3E, 0x7C]
        for round in 0..<3000 {
            let length = rng.below(64)
            let bytes = (0..<length).map { _ in round % 2 == 0 ? UInt8(rng.below(256)) : alphabet[rng.below(alphabet.count)] }
            let parsed = TerminalReply.parse(bytes)
            #expect(parsed.unconsumed.count <= bytes.count)
            _ = TerminalCapabilities(environment: ["TERM": "xterm"], replies: parsed.replies)
        }
    }
}
