// The text field: readline editing keys, wide characters, and drawing with the cursor in view.
import Testing
@testable import TUI

@Suite struct TextInputTests {
    func type(_ keys: [Key], into state: inout TextInputState) -> [TextInputState.Outcome] {
        keys.map { state.handle($0) }
    }

    @Test func insertsAtTheCursorAndMoves() {
        var s = TextInputState()
        _ = type("mamo".map { .character($0) }, into: &s)
        _ = type([.left, .left], into: &s)
        #expect(s.handle(.character("m")) == .edited)
        #expect(s.text == "mammo" && s.cursor == 3)
        _ = type([.home, .character(">")], into: &s)
        #expect(s.text == ">mammo" && s.cursor == 1)
        _ = type([.end], into: &s)
        #expect(s.cursor == 6)
        #expect(s.handle(.right) == .ignored)
        #expect(s.handle(.left) == .moved)
    }

    @Test func deletesAndCutsReadlineStyle() {
        var s = TextInputState("left breast mass")
        #expect(s.handle(.control("w")) == .edited)
        #expect(s.text == "left breast ")
        _ = s.handle(.control("w"))
        #expect(s.text == "left ")
        _ = s.handle(.backspace)
        #expect(s.text == "left")
        _ = type([.control("a"), .delete], into: &s)
        #expect(s.text == "eft" && s.cursor == 0)
        #expect(s.handle(.backspace) == .ignored)
        _ = type([.control("e"), .left, .control("u")], into: &s)
        #expect(s.text == "t" && s.cursor == 0)
        _ = type([.control("k")], into: &s)
        #expect(s.text == "")
        #expect(s.handle(.delete) == .ignored)
    }

    @Test func submitAndCancel() {
        var s = TextInputState("BI-RADS 4A")
        #expect(s.handle(.enter) == .submitted("BI-RADS 4A"))
        #expect(s.handle(.escape) == .cancelled)
        #expect(s.handle(.function(5)) == .ignored)
    }

    @Test func keepsGraphemesWholeAndRespectsMaxLength() {
        var s = TextInputState(maxLength: 4)
        _ = s.insert("e\u{301}日本xyz")
        #expect(s.characters.count == 4)
        #expect(s.text == "e\u{301}日本x")
        #expect(s.cursorColumn == 6)
        _ = s.handle(.backspace)
        _ = s.handle(.backspace)
        #expect(s.text == "e\u{301}日")
        // Control characters are not inserted.
        #expect(s.insert("\u{1B}") == .ignored)
    }

    @Test func drawsPromptTextAndCursor() {
        var b = CellBuffer(width: 16, height: 1)
        var s = TextInputState("abc")
        _ = s.handle(.left)
        let view = TextInputView(prompt: "Find: ")
        view.render(into: &b, in: b.bounds, state: s)
        let cursor = view.cursorCell(for: s, in: b.bounds)
        #expect(b.line(0) == "Find: abc       ")
        #expect(cursor == Point(x: 8, y: 0))
        #expect(b[8, 0].attributes == .reverse && b[8, 0].character == "c")
        #expect(b[0, 0].attributes == .bold)
    }

    @Test func scrollsLongTextToKeepTheCursorVisible() {
        var b = CellBuffer(width: 10, height: 1)
        var s = TextInputState("0123456789abcdef")
        let view = TextInputView(prompt: "> ")
        view.render(into: &b, in: b.bounds, state: s)
        var cursor = view.cursorCell(for: s, in: b.bounds)
        // 8 columns for text: the last 7 characters and the cursor cell.
        #expect(b.line(0) == "> 9abcdef ")
        #expect(cursor == Point(x: 9, y: 0))
        _ = s.handle(.home)
        view.render(into: &b, in: b.bounds, state: s)
        cursor = view.cursorCell(for: s, in: b.bounds)
        #expect(b.line(0) == "> 01234567")
        #expect(cursor == Point(x: 2, y: 0))
        // Wide characters scroll by columns.
        s = TextInputState("日本語テキスト")
        view.render(into: &b, in: b.bounds, state: s)
        cursor = view.cursorCell(for: s, in: b.bounds)
        // テ is cut by the left edge: its visible half shows as a space.
        #expect(b.line(0) == ">  キスト ")
        #expect(cursor == Point(x: 9, y: 0))
    }

    @Test func placeholderWhileEmpty() {
        var b = CellBuffer(width: 20, height: 1)
        TextInputView(prompt: "/", placeholder: "patient ID", focused: false).render(into: &b, in: b.bounds, state: TextInputState())
        #expect(b.line(0) == "/patient ID         ")
        #expect(b[1, 0].attributes.contains(.dim))
    }
}
