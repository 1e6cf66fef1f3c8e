// Panel, status bar, modal dialog and help overlay rendered into a buffer, compared whole.
import Testing
import TerminalTestSupport
@testable import TUI

@Suite struct WidgetTests {
    @Test func panelDrawsTitleAndItsInsideIsClear() {
        var b = CellBuffer(width: 14, height: 4)
        b.write("old text here!", at: Point(x: 0, y: 1))
        let panel = Panel(title: "Views")
        panel.render(into: &b, in: b.bounds)
        #expect(panel.contentRect(in: b.bounds) == Rect(x: 1, y: 1, width: 12, height: 2))
        expectBuffer(b, equals: ["╭ Views ─────╮", "│            │", "│            │", "╰────────────╯"])
        Panel(title: "Views", focused: true).render(into: &b, in: b.bounds)
        expectBuffer(b, equals: ["┏ Views ━━━━━┓", "┃            ┃", "┃            ┃", "┗━━━━━━━━━━━━┛"])
    }

    @Test func panelFillsItsInsideWithTheContentStyle() {
        var b = CellBuffer(width: 6, height: 3)
        let inside = CellStyle(background: .indexed(4))
        Panel(style: Panel.Style(content: inside)).render(into: &b, in: b.bounds)
        var expected = CellBuffer(lines: ["╭────╮", "│    │", "╰────╯"])
        expected.setStyle(.dim, in: expected.bounds)
        expected.setStyle(inside, in: Rect(x: 1, y: 1, width: 4, height: 1))
        expectBuffer(b, equals: expected, comparingStyles: true)
    }

    @Test func statusBarShowsMessageAndHints() {
        var b = CellBuffer(width: 40, height: 1)
        StatusBar(message: "3 of 120 exams", hints: [KeyHint("?", "help"), KeyHint("q", "quit")]).render(into: &b, in: b.bounds)
        var expected = CellBuffer(lines: [" 3 of 120 exams          ? help  q quit "])
        expected.setStyle(.reverse, in: expected.bounds)
        for x in [25, 33] { expected.setStyle(CellStyle(attributes: [.reverse, .bold]), in: Rect(x: x, y: 0, width: 1, height: 1)) }
        expectBuffer(b, equals: expected, comparingStyles: true)
    }

    @Test func statusBarDropsHintsThatDoNotFitButKeepsTheFirst() {
        var b = CellBuffer(width: 20, height: 1)
        StatusBar(message: "a long status message", hints: [KeyHint("?", "help"), KeyHint("q", "quit"), KeyHint("Enter", "open")])
            .render(into: &b, in: b.bounds)
        expectBuffer(b, equals: [" a long…     ? help "])
    }

    /// A message takes the room of the hints after the first (up to two thirds of the line), is cut
    /// only at a word, and the hints come back when it is short.
    @Test func statusBarMessageBeforeLaterHintsCutAtAWord() {
        let hints = [KeyHint("?", "help"), KeyHint("q", "worklist"), KeyHint("d", "decide")]
        let message = "Initial decision recorded. The AI is shown now: d for your final decision"
        var b = CellBuffer(width: 60, height: 1)
        StatusBar(message: message, hints: hints).render(into: &b, in: b.bounds)
        expectBuffer(b, equals: [" Initial decision recorded. The AI is…   ? help  q worklist "])
        // At 160 columns (the screen) the whole message and every hint.
        var wide = CellBuffer(width: 160, height: 1)
        StatusBar(message: message, hints: hints).render(into: &wide, in: wide.bounds)
        #expect(wide.text(in: wide.bounds)[0].hasPrefix(" " + message + " "))
        #expect(wide.text(in: wide.bounds)[0].hasSuffix("? help  q worklist  d decide "))
        var short = CellBuffer(width: 60, height: 1)
        StatusBar(message: "Sorted", hints: hints).render(into: &short, in: short.bounds)
        #expect(short.text(in: short.bounds)[0] == " Sorted" + String(repeating: " ", count: 24) + "? help  q worklist  d decide ")
        #expect(StatusBar.cutAtWord("one two three", toWidth: 9) == "one two…")
        #expect(StatusBar.cutAtWord("one two three", toWidth: 13) == "one two three")
    }

    @Test func modalIsCentredAndChoosesButtons() throws {
        var state = ModalState(title: "Quit?", message: "Leave the reading session?",
                               buttons: [.init("Yes", key: .character("y")), .init("No", key: .character("n"))], selectedButton: 1)
        let dialog = ModalDialog()
        var b = CellBuffer(width: 40, height: 11)
        b.fill(b.bounds, with: Cell("."))
        dialog.render(into: &b, in: b.bounds, state: state)
        #expect(dialog.frame(for: state, in: b.bounds) == Rect(x: 5, y: 2, width: 30, height: 7))
        // Centred (odd rows go below), the buttons a row apart from the message; outside, nothing changes.
        expectBuffer(b, equals: [
            "........................................",
            "........................................",
            ".....╔══════════ Quit? ═══════════╗.....",
            ".....║                            ║.....",
            ".....║ Leave the reading session? ║.....",
            ".....║                            ║.....",
            ".....║                            ║.....",
            ".....║      [ Yes ]  [ No ]       ║.....",
            ".....╚════════════════════════════╝.....",
            "........................................",
            "........................................",
        ])
        // The chosen button is reversed, the other plain.
        #expect((21..<27).allSatisfy { b[$0, 7].attributes == [.reverse, .bold] })
        #expect((12..<19).allSatisfy { b[$0, 7].attributes == [] })

        #expect(state.handle(.left) == .moved)
        #expect(state.selectedButton == 0)
        #expect(state.handle(.tab) == .moved)
        #expect(state.handle(.enter) == .chosen(1))
        #expect(state.handle(.character("y")) == .chosen(0))
        #expect(state.handle(.escape) == .cancelled)
        #expect(state.handle(.character("x")) == .ignored)
    }

    @Test func modalWrapsLongMessagesAndFitsSmallScreens() {
        let state = ModalState(title: "Note", message: String(repeating: "word ", count: 40))
        let dialog = ModalDialog(maxWidth: 30)
        let frame = dialog.frame(for: state, in: Rect(x: 0, y: 0, width: 80, height: 24))
        #expect(frame.width == 30)
        #expect(frame.height > 6)
        let small = dialog.frame(for: state, in: Rect(x: 0, y: 0, width: 20, height: 5))
        #expect(small.width <= 20 && small.height <= 5)
        var b = CellBuffer(width: 20, height: 5)
        dialog.render(into: &b, in: b.bounds, state: state)  // must not trap
    }

    @Test func wrapsText() {
        #expect("the quick brown fox".wrapped(toWidth: 10) == ["the quick", "brown fox"])
        #expect("abcdefghij".wrapped(toWidth: 4) == ["abcd", "efgh", "ij"])
        #expect("one\n\ntwo".wrapped(toWidth: 10) == ["one", "", "two"])
        #expect("日本語テキスト".wrapped(toWidth: 5) == ["日本", "語テ", "キス", "ト"])
    }

    @Test func helpOverlayListsKeysBySection() {
        let help = HelpOverlay(sections: [
            .init("Worklist", [KeyHint("j k", "move"), KeyHint("Enter", "open exam")]),
            .init("Anywhere", [KeyHint("?", "this help"), KeyHint("q", "back / quit")]),
        ])
        var b = CellBuffer(width: 30, height: 12)
        help.render(into: &b, in: b.bounds)
        #expect(help.frame(in: b.bounds) == Rect(x: 4, y: 1, width: 22, height: 10))
        expectBuffer(b, equals: [
            "",
            "    ╔═══════ Keys ═══════╗",
            "    ║ Worklist           ║",
            "    ║ j k    move        ║",
            "    ║ Enter  open exam   ║",
            "    ║                    ║",
            "    ║ Anywhere           ║",
            "    ║ ?      this help   ║",
            "    ║ q      back / quit ║",
            "    ║  Esc or ? closes   ║",
            "    ╚════════════════════╝",
            "",
        ])
        // On a short screen the entries flow into a second column.
        var small = CellBuffer(width: 44, height: 7)
        help.render(into: &small, in: small.bounds)
        #expect(help.frame(in: small.bounds).height <= 7)
        expectBuffer(small, equals: [
            "╔═════════════════ Keys ══════════════════╗",
            "║ Worklist             Anywhere           ║",
            "║ j k    move          ?      this help   ║",
            "║ Enter  open exam     q      back / quit ║",
            "║                                         ║",
            "║             Esc or ? closes             ║",
            "╚═════════════════════════════════════════╝",
        ])
    }
}
