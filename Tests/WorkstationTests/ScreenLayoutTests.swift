// The screens' rectangles for a size: made once per size and finding count, the same for draw
// and the reducer, and laid out as the screens expect.
import Testing
import TUI
import Workstation

@Suite struct ScreenLayoutTests {
    @Test func readingScreenOnAHundredColumns() {
        let l = ScreenLayout(size: Size(width: 100, height: 24), findingCount: 2).reading
        #expect(l.title == Rect(x: 0, y: 0, width: 100, height: 1))
        #expect(l.labels == Rect(x: 0, y: 1, width: 64, height: 1))
        #expect(l.image == Rect(x: 0, y: 2, width: 64, height: 21))
        #expect(l.findings == Rect(x: 64, y: 1, width: 36, height: 6))
        #expect(l.metadata == Rect(x: 64, y: 7, width: 36, height: 16))
        #expect(l.side == Rect(x: 64, y: 1, width: 36, height: 22))
        #expect(l.status == Rect(x: 0, y: 23, width: 100, height: 1))
        // More findings make the findings panel taller, up to half the side.
        #expect(ScreenLayout(size: Size(width: 100, height: 24), findingCount: 5).reading.findings.height == 9)
        #expect(ScreenLayout(size: Size(width: 100, height: 24), findingCount: 50).reading.findings.height == 11)
    }

    @Test func narrowScreensGiveThePictureEverything() {
        let l = ScreenLayout(size: Size(width: 60, height: 20)).reading
        #expect(l.image.width == 60 && l.findings.width == 0)
        #expect(ScreenLayout(size: Size(width: 80, height: 20)).reading.findings.width == 30)
    }

    @Test func worklistAndReport() {
        let l = ScreenLayout(size: Size(width: 90, height: 20))
        #expect(l.worklist.table == Rect(x: 1, y: 2, width: 88, height: 15))
        #expect(l.worklist.detail.y == 18 && l.worklist.status.y == 19)
        #expect(WorklistScreen.viewport(Size(width: 90, height: 20)) == 14)
        #expect(l.report.text == Rect(x: 1, y: 2, width: 88, height: 16))
        #expect(ReportScreen.textHeight(Size(width: 90, height: 20)) == 16)
        #expect(ReportScreen.textHeight(Size(width: 90, height: 3)) == 1)
    }

    @Test func keptPerSizeAndCount() {
        let size = Size(width: 123, height: 45)
        #expect(ScreenLayout.of(size, findingCount: 3) == ScreenLayout(size: size, findingCount: 3))
        #expect(ScreenLayout.of(size, findingCount: 4) == ScreenLayout(size: size, findingCount: 4))
        #expect(ReadingScreen.layout(size, findingCount: 4) == ScreenLayout(size: size, findingCount: 4).reading)
        #expect(WorklistScreen.layout(size) == ScreenLayout(size: size).worklist)
    }
}
