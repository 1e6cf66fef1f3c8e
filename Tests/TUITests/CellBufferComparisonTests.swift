// Buffers written as lines, and the diff a whole-screen test prints when two buffers differ.
import Testing
@testable import TUI

@Suite struct CellBufferComparisonTests {
    @Test func linesMakeABufferTheWayWriteDoes() {
        let b = CellBuffer(lines: ["ab", "日x", ""])
        #expect(b.size == Size(width: 3, height: 3))
        #expect(b.lines == ["ab ", "日x", "   "])
        #expect(b[1, 1].isContinuation && b[2, 1].character == "x")
        #expect(b[0, 0].style == .plain)
        // A fixed size pads and cuts.
        #expect(CellBuffer(lines: ["abcd"], width: 2, height: 2).lines == ["ab", "  "])
        #expect(CellBuffer(lines: ["a\u{1B}"]).lines == ["a?"])
    }

    @Test func equalBuffersHaveNoDifference() {
        let b = CellBuffer(lines: ["one", "two"])
        #expect(b.difference(from: b) == nil)
        var styled = b
        styled.setStyle(.bold, in: b.bounds)
        #expect(styled.difference(from: b) == nil, "characters only unless styles are asked for")
        #expect(styled.difference(from: b, comparingStyles: true) != nil)
    }

    @Test func theDiffShowsBothScreensAndMarksTheRowsThatDiffer() throws {
        let expected = CellBuffer(lines: ["one", "two", "six"])
        let actual = CellBuffer(lines: ["one", "too", "six"])
        let report = try #require(actual.difference(from: expected))
        #expect(report.split(separator: "\n").map(String.init) == [
            "buffers differ (3x3):",
            "     expected │ actual",
            "   0 one      │ one",
            ">  1 two      │ too",
            "   2 six      │ six",
        ])
    }

    @Test func theDiffNamesSizesAndStyles() throws {
        let small = CellBuffer(lines: ["ab"])
        let sizeReport = try #require(CellBuffer(lines: ["ab", "cd"]).difference(from: small))
        #expect(sizeReport.hasPrefix("buffers differ: expected 2x1, actual 2x2:"))
        #expect(sizeReport.contains("\n>  1          │ cd"))
        var bold = small
        bold.setStyle(.bold, in: Rect(x: 1, y: 0, width: 1, height: 1))
        let styleReport = try #require(bold.difference(from: small, comparingStyles: true))
        #expect(styleReport.contains("style differences:\n  (1,0) \"b\": expected "))
        #expect(!styleReport.contains("(0,0)"))
    }
}
