// Cell buffer: clipped text, wide characters, box drawing, fills, and frame diffs.
import Testing
@testable import TUI

@Suite struct CellBufferTests {
    @Test func writesTextClippedToARect() {
        var b = CellBuffer(width: 10, height: 3)
        let end = b.write("hello world", at: Point(x: 2, y: 1), clip: Rect(x: 0, y: 0, width: 8, height: 3))
        #expect(b.lines == ["          ", "  hello   ", "          "])
        #expect(end == 8)
        // Left clipping and rows outside the clip draw nothing there.
        b.write("abcdef", at: Point(x: -3, y: 0))
        b.write("zzz", at: Point(x: 0, y: 5))
        #expect(b.line(0) == "def       ")
    }

    @Test func wideCharactersTakeTwoCellsAndNeverSplit() {
        var b = CellBuffer(width: 7, height: 1)
        let end = b.write("日本x", at: .zero)
        #expect(end == 5)
        #expect(b[0, 0].character == "日" && b[1, 0].isContinuation)
        #expect(b[2, 0].character == "本" && b[3, 0].isContinuation)
        #expect(b.line(0) == "日本x  ")
        // A wide character that would straddle the right edge becomes a space.
        var c = CellBuffer(width: 3, height: 1)
        c.write("a日本", at: .zero)
        #expect(c.line(0) == "a日")
        var d = CellBuffer(width: 4, height: 1)
        d.write("ab日", at: Point(x: 1, y: 0))
        #expect(d.line(0) == " ab ")
        #expect(!d[3, 0].isContinuation)
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var b = CellBuffer(width: 6, height: 1)
        b.write("日本", at: .zero)
        b.write("x", at: Point(x: 1, y: 0))  // right half of 日
        #expect(b.line(0) == " x本  ")
        #expect(!b[1, 0].isContinuation)
        b.write("y", at: Point(x: 2, y: 0))  // left half of 本
        #expect(b.line(0) == " xy   ")
        #expect(b.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func emojiAndCombiningMarksAreMeasuredLikeATerminal() {
        #expect(Character("é").terminalWidth == 1)           // precomposed
        #expect(Character("e\u{301}").terminalWidth == 1)    // e + combining acute, one grapheme
        #expect(Character("🙂").terminalWidth == 2)
        #expect(Character("한").terminalWidth == 2)
        #expect(Character("Ａ").terminalWidth == 2)          // fullwidth A
        #expect(Character("⠿").terminalWidth == 1)           // braille
        #expect(Character("─").terminalWidth == 1)
        #expect("naïve 日本".terminalWidth == 10)
        var b = CellBuffer(width: 6, height: 1)
        b.write("e\u{301}🙂!", at: .zero)
        #expect(b.line(0) == "e\u{301}🙂!  ")
    }

    @Test func controlCharactersAreMadeVisible() {
        var b = CellBuffer(width: 8, height: 1)
        b.write("a\u{1B}[2Jb\tc", at: .zero)
        #expect(b.line(0) == "a?[2Jb c")
    }

    @Test func truncatesWithAnEllipsis() {
        #expect("mammography".truncated(toWidth: 6) == "mammo…")
        #expect("short".truncated(toWidth: 6) == "short")
        #expect("日本語テキスト".truncated(toWidth: 6) == "日本…")
        #expect("abc".truncated(toWidth: 0) == "")
    }

    @Test func writesAlignedInARow() {
        var b = CellBuffer(width: 9, height: 3)
        b.write("left", in: Rect(x: 0, y: 0, width: 9, height: 1))
        b.write("right", in: Rect(x: 0, y: 1, width: 9, height: 1), alignment: .right)
        b.write("mid", in: Rect(x: 0, y: 2, width: 9, height: 1), alignment: .center)
        #expect(b.lines == ["left     ", "    right", "   mid   "])
    }

    @Test func drawsBoxesWithTitles() {
        var b = CellBuffer(width: 12, height: 4)
        b.drawBox(b.bounds, title: "Worklist")
        #expect(b.lines == [
            "┌ Worklist ┐",
            "│          │",
            "│          │",
            "└──────────┘",
        ])
        var r = CellBuffer(width: 8, height: 3)
        r.drawBox(r.bounds, box: .rounded, title: "Long title here")
        #expect(r.lines == ["╭ Lon… ╮", "│      │", "╰──────╯"])
        var d = CellBuffer(width: 4, height: 2)
        d.drawBox(d.bounds, box: .double)
        #expect(d.lines == ["╔══╗", "╚══╝"])
        var tiny = CellBuffer(width: 1, height: 1)
        tiny.drawBox(tiny.bounds)
        #expect(tiny.lines == [" "])
    }

    @Test func fillsAndStyles() {
        var b = CellBuffer(width: 5, height: 3)
        b.fill(Rect(x: 1, y: 1, width: 10, height: 10), with: Cell("#"))
        #expect(b.lines == ["     ", " ####", " ####"])
        b.setStyle(.reverse, in: Rect(x: 0, y: 2, width: 2, height: 1))
        #expect(b[1, 2].attributes == .reverse && b[1, 2].character == "#")
        #expect(b[2, 2].attributes == [])
    }

    @Test func diffFindsChangedRunsOnly() {
        var a = CellBuffer(width: 10, height: 3)
        a.write("abcdefghij", at: .zero)
        var b = a
        b.write("X", at: Point(x: 2, y: 0))
        b.write("YZ", at: Point(x: 5, y: 0))
        b.write("q", at: Point(x: 9, y: 2))
        #expect(b.changes(from: a) == [CellRun(y: 0, x: 2, length: 1), CellRun(y: 0, x: 5, length: 2), CellRun(y: 2, x: 9, length: 1)])
        #expect(a.changes(from: a).isEmpty)
        // A style change is a change.
        var c = a
        c.setStyle(.bold, in: Rect(x: 0, y: 1, width: 3, height: 1))
        #expect(c.changes(from: a) == [CellRun(y: 1, x: 0, length: 3)])
        // No previous frame, or another size: everything.
        #expect(CellBuffer.cellCount(a.changes(from: nil)) == 30)
        #expect(CellBuffer.cellCount(a.changes(from: CellBuffer(width: 9, height: 3))) == 30)
    }

    @Test func diffKeepsWideCharactersWhole() {
        var a = CellBuffer(width: 6, height: 1)
        a.write("ab日", at: .zero)
        var b = a
        b.write("本", at: Point(x: 2, y: 0))
        let runs = b.changes(from: a)
        #expect(runs == [CellRun(y: 0, x: 2, length: 2)])
        // Only the continuation differs (a style change on the right half): the run starts at the owner.
        var c = a
        c.cells[3].attributes = .bold
        #expect(c.changes(from: a) == [CellRun(y: 0, x: 2, length: 2)])
    }
}

extension CellBufferTests {
    @Test func styledRunsDescribeColoursPerRow() {
        var b = CellBuffer(width: 10, height: 1)
        let red = CellStyle(foreground: .rgb(.init(r: 255, g: 0, b: 0)))
        b.write("ab", at: .zero)
        b.write("日x", at: Point(x: 2, y: 0), style: red)
        b.write("!", at: Point(x: 5, y: 0), style: .bold)
        #expect(b.styledRuns(inRow: 0) == [
            StyledRun(x: 0, text: "ab", style: .plain), StyledRun(x: 2, text: "日x", style: red),
            StyledRun(x: 5, text: "!", style: .bold), StyledRun(x: 6, text: "    ", style: .plain),
        ])
        #expect(b.style(of: "x!", inRow: 0) == red)
        #expect(b.style(of: "!", inRow: 0) == .bold)
        #expect(b.style(of: "zz", inRow: 0) == nil)
    }
}
