// Layouts on the reading screen (test backend, braille, 160x50): L cycles 2x2 → 1x4 → CC pair →
// MLO pair → one view and tells the environment to keep it for the reader; 0 comes back to the
// reader's layout; the 1x4 uses the width; p hangs the prior's set beside (2x2) or under (1x4)
// with both dates on screen; f crops the air.
import Foundation
import Imaging
import MammoCore
import Testing
import TUI
@testable import Workstation

@Suite("Layout screen")
struct LayoutScreenTests {
    static let size = Size(width: 160, height: 50)

    /// Columns of the image area holding picture (braille with dots, and the markers' words written
    /// over it), and how many such cells.
    static func tissue(_ screen: String, size: Size = size) -> (columns: Set<Int>, cells: Int) {
        let area = ReadingScreen.layout(size).image
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        var columns = Set<Int>(), cells = 0
        for y in area.y..<min(area.y + area.height, lines.count) {
            // Braille ink, and the markers' words the cell modes write over the picture.
            for x in area.x..<min(area.x + area.width, lines[y].count)
            where (0x2801...0x28FF).contains(lines[y][x].value) || (0x21...0x7E).contains(lines[y][x].value) {
                columns.insert(x - area.x); cells += 1
            }
        }
        return (columns, cells)
    }

    @Test func lCyclesTheLayoutsAndKeepsTheChoiceForTheReader() async throws {
        let kept = Locked([String]())
        let environment = WorkstationEnvironment(rememberLayout: { reader, layout in
            kept.update { $0.append("\(reader) \(layout.name)") }
            return nil
        })
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter L L L L L"), environment: environment)
        let names = ["1x4 RCC LCC RMLO LMLO", "CC pair RCC LCC", "MLO pair RMLO LMLO", "RCC"]
        for (index, name) in names.enumerated() {
            let screen = run.before[index + 2]
            #expect(screen.contains("Layout   \(name)"), "after \(index + 1) L: \(screen.line(containing: "Layout") ?? "")")
            #expect(screen.contains("mammoterm · SYN-0004 · 2025-12-20 · \(name)"))
            #expect(ReadingScreenTests.brailleCount(screen) > 300, "a picture in \(name)")
        }
        #expect(run.before[3].contains(" RCC") && run.before[3].contains("LCC "))
        #expect(run.screen.contains("Layout   RCC LCC / RMLO LMLO"))
        #expect(run.final.reading?.layout == .four)
        #expect(kept.value == ["tester 1x4", "tester cc", "tester mlo", "tester single", "tester 2x2"])
        // Each layout shows its own views: the CC pair is not the MLO pair.
        #expect(run.before[3] != run.before[4])
    }

    @Test func theRowUsesTheWidthOfAWideScreen() async throws {
        // At 160x50 the four in a row span the image area, where the 2x2's views are narrow.
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter L"))
        let grid = Self.tissue(run.before[1]), row = Self.tissue(run.screen)
        let width = ReadingScreen.layout(Self.size).image.width
        // From the RCC's outer edge to the LMLO's (the views and their markers' words).
        let span = (row.columns.max() ?? 0) - (row.columns.min() ?? 0) + 1
        #expect(span > width * 3 / 4, "1x4 spans \(span) of \(width) columns")
        #expect(row.columns.count > grid.columns.count, "1x4 \(row.columns.count) columns, 2x2 \(grid.columns.count)")
        // On a wider terminal the row's views come out larger than the 2x2's.
        let wide = Size(width: 240, height: 50)
        let wider = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter L"), size: wide)
        let wideGrid = Self.tissue(wider.before[1], size: wide), wideRow = Self.tissue(wider.screen, size: wide)
        #expect(wideRow.cells > wideGrid.cells, "1x4 \(wideRow.cells) cells of picture, 2x2 \(wideGrid.cells)")
    }

    @Test func zeroComesBackToTheReadersLayoutAndStudiesOpenInIt() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter 2 0")) { state in
            state.settings.layout = .mloPair
        }
        #expect(run.before[1].contains("Layout   MLO pair RMLO LMLO"))
        #expect(run.before[2].contains("Layout   LCC"))
        #expect(run.screen.contains("Layout   MLO pair RMLO LMLO"))
        #expect(run.final.reading?.layout == .hung(.mloPair, prior: false))
    }

    @Test func pHangsThePriorSetBesideTheFourAndUnderTheRowWithItsDate() async throws {
        // SYN-0003 (2025-04-26) has a prior from 2023-04-06.
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0003 Enter Enter p L p"))
        let four = run.before[run.before.count - 2]
        #expect(four.contains("Layout   RCC LCC / RMLO LMLO vs prior"))
        #expect(four.contains(" Current 2025-04-26 · RCC LCC / RMLO LMLO"))
        #expect(four.contains("Prior 2023-04-06 · RCC LCC / RMLO LMLO "))
        // Eight views: picture in every quarter of the image area's width.
        let width = ReadingScreen.layout(Self.size).image.width
        let columns = Self.tissue(four).columns
        for quarter in 0..<4 {
            #expect(columns.contains { $0 >= quarter * width / 4 && $0 < (quarter + 1) * width / 4 }, "views in quarter \(quarter)")
        }
        let row = run.before[run.before.count - 1]
        #expect(row.contains("Layout   1x4 RCC LCC RMLO LMLO vs prior"))
        #expect(row.contains(" Current 2025-04-26 (upper row)"))
        #expect(row.contains("Prior 2023-04-06 (lower row)"))
        // The prior's date in the band between the rows, inside the picture.
        let area = ReadingScreen.layout(Self.size).image
        let band = row.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .first { $0.offset > area.y && $0.offset < area.y + area.height && $0.element.contains(" Prior 2023-04-06 ") }
        #expect(band != nil, "no caption row in the picture")
        if let band { #expect(abs(band.offset - (area.y + area.height / 2)) <= 2, "caption at row \(band.offset)") }
        // p again: the row alone.
        #expect(run.screen.contains("Layout   1x4 RCC LCC RMLO LMLO") && !run.screen.contains("vs prior"))
    }

    @Test func aNumberInTheComparisonComparesThatViewAndZeroBringsTheSetsBack() async throws {
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("/ 0003 Enter Enter p 2 0"))
        #expect(run.before[run.before.count - 1].contains("Layout   LCC current vs prior"))
        #expect(run.screen.contains("Layout   RCC LCC / RMLO LMLO vs prior"))
        #expect(run.final.reading?.layout == .hung(.grid, prior: true))
    }

    @Test func fitToBreastCropsTheAirAndSaysSo() async throws {
        // In the 1x4 the views are as wide as their tiles: cropping the air enlarges them most.
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter L f f"))
        let plain = Self.tissue(run.before[2]), fitted = Self.tissue(run.before[3])
        #expect(run.before[3].contains("Layout   1x4 RCC LCC RMLO LMLO · fit"))
        #expect(run.before[3].contains("Fit to breast on"))
        #expect(fitted.cells > plain.cells * 3 / 2, "fit \(fitted.cells) cells of picture, whole views \(plain.cells)")
        #expect(run.final.reading?.fitToBreast == false && run.screen.contains("Fit to breast off"))
        #expect(run.final.settings.fitToBreast == false)
        // The chest walls of each pair still meet, at a quarter and at three quarters of the width.
        let width = ReadingScreen.layout(Self.size).image.width
        for meeting in [width / 4, width * 3 / 4] {
            let near = fitted.columns.filter { abs($0 - meeting) <= 3 }
            #expect(near.contains { $0 < meeting } && near.contains { $0 > meeting }, "chest walls at \(meeting): \(near.sorted())")
        }
    }
}
