// Panel, status bar, modal dialog and help overlay drawn into a buffer.
import Testing
@testable import TUI

@Suite struct WidgetTests {
    @Test func panelDrawsTitleAndReturnsTheInside() {
        var b = CellBuffer(width: 14, height: 4)
        b.write("old text here!", at: Point(x: 0, y: 1))
        let inner = Panel().draw(title: "Views", into: &b, in: b.bounds)
        #expect(inner == Rect(x: 1, y: 1, width: 12, height: 2))
        #expect(b.lines == ["╭ Views ─────╮", "│            │", "│            │", "╰────────────╯"])
        Panel().draw(title: "Views", focused: true, into: &b, in: b.bounds)
        #expect(b.line(0) == "┏ Views ━━━━━┓")
    }

    @Test func statusBarShowsMessageAndHints() {
        var b = CellBuffer(width: 40, height: 1)
        StatusBar().draw(message: "3 of 120 exams", hints: [KeyHint("?", "help"), KeyHint("q", "quit")], into: &b, in: b.bounds)
        #expect(b.line(0) == " 3 of 120 exams" + String(repeating: " ", count: 10) + "? help  q quit ")
        #expect(b[0, 0].attributes == .reverse)
        let keyCell = b.line(0).count - "? help  q quit ".count
        #expect(b[keyCell, 0].attributes == [.reverse, .bold])
    }

    @Test func statusBarDropsHintsThatDoNotFitButKeepsTheFirst() {
        var b = CellBuffer(width: 20, height: 1)
        StatusBar().draw(message: "a long status message", hints: [KeyHint("?", "help"), KeyHint("q", "quit"), KeyHint("Enter", "open")], into: &b, in: b.bounds)
        #expect(b.line(0).hasSuffix("? help "))
        #expect(!b.line(0).contains("quit"))
        #expect(b.line(0) == " a long sta… ? help ")
        #expect(b.line(0).contains("…"))
    }

    @Test func modalIsCentredAndChoosesButtons() {
        var state = ModalState(title: "Quit?", message: "Leave the reading session?",
                               buttons: [.init("Yes", key: .character("y")), .init("No", key: .character("n"))], selectedButton: 1)
        let dialog = ModalDialog()
        let screen = Rect(x: 0, y: 0, width: 60, height: 20)
        let frame = dialog.frame(for: state, in: screen)
        #expect(frame.x + frame.width / 2 == 30 || frame.x + (frame.width + 1) / 2 == 30)
        #expect(frame.y == (20 - frame.height) / 2)
        var b = CellBuffer(width: 60, height: 20)
        b.fill(b.bounds, with: Cell("."))
        let drawn = dialog.draw(state, into: &b, in: screen)
        #expect(drawn == frame)
        let text = b.text(in: drawn)
        #expect(text.first?.contains("Quit?") == true)
        #expect(text.first?.hasPrefix("╔") == true)
        #expect(text.contains { $0.contains("Leave the reading session?") })
        #expect(text.contains { $0.contains("[ Yes ]  [ No ]") })
        // The chosen button is reversed.
        let row = drawn.y + text.firstIndex { $0.contains("[ No ]") }!
        let col = drawn.x + (text[row - drawn.y].firstRange(of: "[ No ]").map { text[row - drawn.y].distance(from: text[row - drawn.y].startIndex, to: $0.lowerBound) } ?? 0)
        #expect(b[col, row].attributes.contains(.reverse))
        // Outside the dialog, the screen is untouched.
        #expect(b[0, 0].character == "." && b[59, 19].character == ".")

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
        dialog.draw(state, into: &b, in: b.bounds)  // must not trap
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
        var b = CellBuffer(width: 50, height: 20)
        let box = help.draw(into: &b, in: b.bounds)
        let text = b.text(in: box)
        #expect(text.first?.contains("Keys") == true)
        #expect(text.contains { $0.contains("Worklist") })
        #expect(text.contains { $0.contains("j k    move") })
        #expect(text.contains { $0.contains("Enter  open exam") })
        #expect(text.contains { $0.contains("?      this help") })
        #expect(text.contains { $0.contains("Esc or ? closes") })
        // On a short screen the entries flow into a second column.
        var small = CellBuffer(width: 60, height: 9)
        let smallBox = help.draw(into: &small, in: small.bounds)
        #expect(smallBox.height <= 9)
        let smallText = small.text(in: smallBox).joined(separator: "\n")
        #expect(smallText.contains("Enter  open exam") && smallText.contains("q      back / quit"))
    }
}
