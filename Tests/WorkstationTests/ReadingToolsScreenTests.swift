// The reading tools through the reducer and the drawn screen (test backend): the cursor moves instead
// of panning while a tool is on, Tab takes it to the next view, zooming keeps it where it is, the
// presets and r, and Esc that cancels a measurement before it leaves the study.
import Foundation
import MammoCore
import Testing
import TermGraphics
import TUI
@testable import Workstation

@Suite("Reading tools on screen")
struct ReadingToolsScreenTests {
    @Test func arrowsMoveTheCursorWhileAToolIsOnAndPanOtherwise() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter 1 v l l j H"))
        let tools = try #require(run.final.reading?.tools)
        // 1024 / 50 = 20 pixels a small step, 1024 / 8 = 128 a big one; RCC is not mirrored here.
        #expect(tools.cursor == ReadingCursor(view: .rightCC, point: PixelPoint(x: 416 + 40 - 128, y: 512 + 20)))
        #expect(run.final.reading?.zoom == ZoomState(), "no pan: the cursor moved")
        #expect(run.screen.contains("Probe    RCC 328,532 px ") && run.screen.contains(" 91.8, 149.0 mm "))
        #expect(run.screen.contains("Probe RCC 328,532 px · 91.8, 149.0 mm · value 49"), "the status line says it too")
        #expect(run.screen.contains("value 49"), "background at that place (pydicom reads 49 there)")
        let plain = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter 1 l"))
        #expect(plain.screen.contains("Zoom in with + to pan"), "without a tool, l pans as before")
    }

    @Test func tabTakesTheCursorToTheNextViewInHangingOrder() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter g Tab Tab 1 Tab"))
        // Four views: RCC, then LCC, then RMLO; one view shown (1): the cursor goes there and stays.
        #expect(run.before[3].contains("Cursor on LCC"))
        #expect(run.before[4].contains("Cursor on RMLO"))
        #expect(run.final.reading?.tools.cursor?.view == .rightCC)
        #expect(run.screen.contains("The cursor stays in RCC: one view is shown"))
        // Mirrored at the chest walls: LCC's cursor is at the mirror place of RCC's.
        let first = try #require(run.final.reading?.details?.views[.rightCC]), second = try #require(run.final.reading?.details?.views[.leftCC])
        let moved = ReadingCursor(view: .rightCC, point: PixelPoint(x: 100, y: 300)).moved(to: .leftCC, from: first, to: second)
        #expect(moved.point.y == 300 && (first.flipHorizontal == second.flipHorizontal ? moved.point.x == 100 : moved.point.x == Double(second.storedWidth) - 100))
    }

    @Test func zoomKeepsTheToolCursorOnItsCell() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter 1 g H H K + + +"))
        let reading = try #require(run.final.reading)
        let cursor = try #require(reading.tools.cursor)
        let facts = try #require(reading.details?.views[.rightCC])
        let area = ReadingScreen.layout(Size(width: 160, height: 50)).image.size
        let geometry = SampleLibrary.graphics().raster(for: CellArea(columns: area.width, rows: area.height))
        func cell(_ zoom: ZoomState) -> Point? {
            ViewPlacement.single(view: .rightCC, facts: facts, zoom: zoom, cells: area, geometry: geometry).cell(of: cursor.point)
        }
        #expect(reading.zoom.step == 3)
        let before = try #require(cell(ZoomState())), after = try #require(cell(reading.zoom))
        #expect(abs(before.x - after.x) <= 1 && abs(before.y - after.y) <= 1, "\(before) → \(after)")
    }

    @Test func zoomAfterNextFindingKeepsTheFindingWhereItIs() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter o n +"))
        let reading = try #require(run.final.reading)
        let finding = try #require(reading.focusedFinding.map { reading.shownFindings[$0] })
        let facts = try #require(reading.details?.views[finding.view])
        let area = ReadingScreen.layout(Size(width: 160, height: 50), findingCount: reading.shownFindings.count).image.size
        let geometry = SampleLibrary.graphics().raster(for: CellArea(columns: area.width, rows: area.height))
        let jumped = WorkstationReducer.zoom(on: finding, facts: facts)
        #expect(reading.zoom.step == jumped.step + 1)
        func cell(_ zoom: ZoomState) -> Point? {
            ViewPlacement.single(view: finding.view, facts: facts, zoom: zoom, cells: area, geometry: geometry).cell(of: finding.box.center)
        }
        let before = try #require(cell(jumped)), after = try #require(cell(reading.zoom), "the finding is still on screen")
        #expect(abs(before.x - after.x) <= 1 && abs(before.y - after.y) <= 1, "\(before) → \(after)")
    }

    @Test func escCancelsTheMeasureFirstThenLeavesAndRResetsEveryTool() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter 1 7 g v m m J Esc r Esc"))
        #expect(run.before[5].contains("Window   C") && run.before[5].contains("dense"))
        #expect(run.before[8].contains("35.8 mm (128 px) so far"), "the line follows the cursor")
        #expect(run.before[9].contains("Measure cancelled") && run.before[9].contains("Layout   RCC"))
        let reset = run.before[10]
        #expect(reset.contains("Window, invert and zoom reset · tools off"))
        #expect(reset.contains(" file ") || reset.contains("W 2000 file"), "the preset is gone")
        #expect(!reset.contains("Lens ") && !reset.contains("Probe "))
        #expect(run.final.screen == .worklist, "Esc with nothing to cancel goes back")
    }

    @Test func inSixelTheLensAndTheMeasureAreInThePicture() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter 1 g m m J m"), mode: .sixel)
        let pictures = run.frames.compactMap { $0.images.first?.image.bytes }
        #expect(Set(pictures).count >= 3, "plain, with the lens, with the line: \(Set(pictures).count) different pictures")
        #expect(run.screen.contains("Measured 35.8 mm (128 px) on RCC"))
    }

    @Test func presetKeysPressedWhileTheStudyOpensAreKept() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter 8"))
        #expect(run.final.reading?.window.preset == .fatty)
        #expect(run.screen.line(containing: "Window   C")?.contains("fatty") == true)
    }
}
