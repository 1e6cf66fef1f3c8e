// The reading tools' pure parts: window presets from a known histogram, the pixel probe on a real
// sample file (values from pydicom) and without a spacing, the measure in mm, the magnifier's
// geometry and picture, and zooming that keeps the cursor's point where it is on screen.
import DICOM
import Foundation
import Imaging
import MammoCore
import Testing
import TermGraphics
import TUI
@testable import Workstation

@Suite("Reading tools")
struct ReadingToolsTests {
    static let rcc = SampleLibrary.samples + "/SYN-0004/20251220/RCC.dcm"

    // MARK: Window presets

    @Test func presetsComeFromTheBreastHistogramPercentiles() {
        // Tissue values 0, 1, ..., 999: the p-quantile is value round(999 p).
        let values = (0..<1000).map(Float.init)
        let mono2 = BreastWindows(sortedTissue: values, monochrome1: false)
        #expect(mono2.breast.center == 502 && mono2.breast.width == 984)      // p1 = 10, p99.5 = 994
        #expect(mono2.dense.center == 747 && mono2.dense.width == 494)        // p50 = 500 .. 994
        #expect(mono2.fatty.center == 354.5 && mono2.fatty.width == 689)      // p1 = 10 .. p70 = 699
        // MONOCHROME1: dense tissue has the low values, so the ranges mirror.
        let mono1 = BreastWindows(sortedTissue: values, monochrome1: true)
        #expect(mono1.dense.center == 252.5 && mono1.dense.width == 495)      // p0.5 = 5 .. p50 = 500
        #expect(mono1.fatty.center == 644.5 && mono1.fatty.width == 689)      // p30 = 300 .. p99 = 989
        #expect(mono1.breast == mono2.breast)
        // One value only: a window of width 1, never 0.
        #expect(BreastWindows(sortedTissue: [7, 7, 7], monochrome1: false).dense.width == 1)
    }

    @Test func presetsOnARealViewAreOrderedAsTheirNamesSay() throws {
        let view = try DecodedView.decode(path: Self.rcc, as: .rightCC, detail: 0).overview
        let w = try #require(view.breastWindows)
        #expect(w.breast == AutoWindow.compute(AreaDownsample.resize(view.image, to: AreaDownsample.fittingSize(
            width: view.image.width, height: view.image.height, maxWidth: 256, maxHeight: 256))))
        // Dense sits higher and narrower than the breast window, fatty lower.
        #expect(w.dense.center > w.breast.center && w.dense.width < w.breast.width)
        #expect(w.fatty.center < w.breast.center && w.fatty.width < w.breast.width)
    }

    @Test func aPresetIsWhereTheWindowStepsStart() {
        let base = VOIWindow(center: 1917, width: 2000)
        let windows = BreastWindows(sortedTissue: (0..<1000).map(Float.init), monochrome1: false)
        var adjustment = WindowAdjustment(preset: .dense)
        #expect(adjustment.applied(base: base, windows: windows) == VOIWindow(center: 747, width: 494))
        #expect(!adjustment.keepsBaseMapping(windowIsAutomatic: false))
        #expect(adjustment.sourceLabel(windowIsAutomatic: false) == "dense")
        adjustment.widthSteps = 1
        #expect(adjustment.applied(base: base, windows: windows).width == 494 * 1.25)
        #expect(adjustment.sourceLabel(windowIsAutomatic: false) == "dense, adjusted")
        // The file's window is the base; breast auto is the automatic one even when the file states a window.
        #expect(WindowAdjustment(preset: .file).applied(base: base, windows: windows) == base)
        #expect(WindowAdjustment(preset: .file).keepsBaseMapping(windowIsAutomatic: false))
        #expect(WindowAdjustment(preset: .breast).applied(base: base, windows: windows).center == 502)
        #expect(!WindowAdjustment(preset: .breast).keepsBaseMapping(windowIsAutomatic: false))
        #expect(WindowAdjustment(preset: .file).sourceLabel(windowIsAutomatic: true) == "auto (no file window)")
        #expect(WindowAdjustment().sourceLabel(windowIsAutomatic: false) == "file")
    }

    // MARK: Pixel probe

    @Test func probeReadsTheStoredValueAndMillimetresOfARealFile() throws {
        let image = try DicomPixelReader.readChecked(path: Self.rcc)
        let spacing = try #require(image.header.spacing)
        #expect(spacing == PixelSpacing(row: 0.28, column: 0.28))
        // Values pydicom 3.0.2 reads from the same file (pixel_array[row, column]).
        for (x, y, value) in [(700, 300, 1273), (650, 512, 1212), (200, 400, 49)] {
            let probe = PixelProbe(view: .rightCC, at: PixelPoint(x: Double(x) + 0.4, y: Double(y)), stored: image.stored.size, spacing: spacing)
                .reading(image.stored, presentation: image.header.grayscalePresentation)
            #expect(probe.storedValue == Int32(value), "(\(x), \(y))")
            #expect(probe.modalityValue == nil, "slope 1, intercept 0: no second value")
            let mm = try #require(probe.positionMM)
            #expect(abs(mm.x - Double(x) * 0.28) < 1e-9 && abs(mm.y - Double(y) * 0.28) < 1e-9)
        }
        let probe = PixelProbe(view: .rightCC, at: PixelPoint(x: 700, y: 300), stored: image.stored.size, spacing: spacing)
        #expect(probe.positionText == "RCC 700,300 px · 196.0, 84.0 mm")
        #expect(probe.valueText == "value …")
        // Through the reading service's cache, as the workstation reads it.
        let read = try WorkstationHarness.sharedService().probe(probe, path: Self.rcc)
        #expect(read.storedValue == 1273 && read.valueText == "value 1273")
    }

    @Test func probeWithoutSpacingSaysSoAndClampsToTheImage() throws {
        let image = try DicomPixelReader.readChecked(path: Self.rcc)
        let probe = PixelProbe(view: .rightCC, at: PixelPoint(x: 5000, y: -3), stored: image.stored.size, spacing: nil)
            .reading(image.stored, presentation: image.header.grayscalePresentation)
        #expect(probe.column == 831 && probe.row == 0)
        #expect(probe.positionMM == nil)
        #expect(probe.positionText == "RCC 831,0 px · no spacing")
        #expect(probe.storedValue != nil)
        let rescaled = GrayscalePresentation(rescaleSlope: 2, rescaleIntercept: -100)
        #expect(PixelProbe(view: .rightCC, at: PixelPoint(x: 700, y: 300), stored: image.stored.size, spacing: nil)
            .reading(image.stored, presentation: rescaled).modalityValue == Double(2 * 1273 - 100))
        let missing = try WorkstationHarness.sharedService().probe(probe, path: "/nonexistent/RCC.dcm")
        #expect(missing.problem != nil && missing.valueText.hasPrefix("value: "))
    }

    // MARK: Measure

    @Test func measuredDistanceIsPixelsTimesSpacing() {
        let m = Measurement(view: .rightCC, from: PixelPoint(x: 100, y: 100), to: PixelPoint(x: 130, y: 140),
                            spacing: PixelSpacing(row: 0.28, column: 0.28))
        #expect(m.pixels == 50)
        #expect(abs((m.millimetres ?? 0) - 14) < 1e-9)
        #expect(m.text == "14.0 mm (50 px)")
        #expect(m.pictureLabel == "14.0 mm")
        // Rows and columns each with their own spacing: 30 columns x 0.2, 40 rows x 0.1.
        let skewed = Measurement(view: .rightCC, from: PixelPoint(x: 100, y: 100), to: PixelPoint(x: 130, y: 140),
                                 spacing: PixelSpacing(row: 0.1, column: 0.2))
        #expect(abs((skewed.millimetres ?? 0) - (36.0 + 16.0).squareRoot()) < 1e-9)
        let bare = Measurement(view: .rightCC, from: m.from, to: m.to, spacing: nil)
        #expect(bare.millimetres == nil && bare.text == "50 px (no pixel spacing)")
    }

    @Test func measureToolTakesTwoPoints() {
        let spacing = PixelSpacing(row: 0.5, column: 0.5)
        var tool = MeasureTool.placingFirst(.leftCC)
        #expect(tool.line(cursor: PixelPoint(x: 1, y: 1), spacing: spacing) == nil)
        tool = tool.setting(PixelPoint(x: 10, y: 10), spacing: spacing)
        // Between the two points the line follows the cursor.
        #expect(tool.line(cursor: PixelPoint(x: 10, y: 30), spacing: spacing)?.millimetres == 10)
        #expect(tool.hint(cursor: PixelPoint(x: 10, y: 30), spacing: spacing).contains("10.0 mm (20 px) so far"))
        tool = tool.setting(PixelPoint(x: 40, y: 50), spacing: spacing)
        guard case .done(let m) = tool else { Issue.record("two points make a measurement"); return }
        #expect(m.view == .leftCC && m.millimetres == 25)
        #expect(tool.line(cursor: PixelPoint(x: 0, y: 0), spacing: spacing) == m, "a finished line stays put")
        #expect(tool.hint(cursor: nil, spacing: spacing) == "Measured 25.0 mm (50 px) on LCC · m again, Esc clears")
    }

    // MARK: Magnifier

    @Test func lensFollowsTheCursorAndStaysInsideThePicture() throws {
        let picture = PixelSize(width: 200, height: 300)
        let middle = try #require(MagnifierLens(cursor: PixelPoint(x: 100, y: 100), factor: 2, picture: picture))
        #expect(middle.side == 80 && middle.x == 60 && middle.y == 60)
        #expect(middle.source == PixelBox(x: 80, y: 80, width: 40, height: 40))
        let moved = try #require(MagnifierLens(cursor: PixelPoint(x: 120, y: 150), factor: 2, picture: picture))
        #expect(moved.x == 80 && moved.y == 110, "the box follows the cursor")
        for factor in MagnifierLens.factors {
            // At the corner the box is pushed inside; the point under the cursor is still the cursor's.
            let cursor = PixelPoint(x: 5, y: 290)
            let edge = try #require(MagnifierLens(cursor: cursor, factor: factor, picture: picture))
            #expect(edge.x == 0 && edge.y == 220)
            #expect(edge.source.width * Double(factor) == Double(edge.side), "magnified \(factor)×")
            let under = PixelPoint(x: edge.source.x + (cursor.x - Double(edge.x)) / Double(factor),
                                   y: edge.source.y + (cursor.y - Double(edge.y)) / Double(factor))
            #expect(abs(under.x - cursor.x) < 1e-9 && abs(under.y - cursor.y) < 1e-9)
            #expect(edge.source.x >= 0 && edge.source.maxY <= 300)
        }
        #expect(MagnifierLens(cursor: PixelPoint(x: 4, y: 4), factor: 2, picture: PixelSize(width: 8, height: 8)) == nil)
    }

    @Test func lensChangesThePictureInsideItsBoxOnly() throws {
        let view = try DecodedView.decode(path: Self.rcc, as: .rightCC, detail: 0).overview
        let options = ViewRenderer.Options(maxSize: PixelSize(width: 200, height: 250))
        let plain = ViewRenderer.render(view, stored: nil, options: options, style: ViewRenderer.Style())
        let centre = PixelPoint(x: 560, y: 500)
        let tools = ToolOverlay(view: .rightCC, lens: centre, magnification: 3)
        let lensed = ViewRenderer.render(view, stored: nil, options: options, style: ViewRenderer.Style(), tools: tools)
        #expect(lensed.size == plain.size)
        let at = ViewRenderer.displayPoint(centre, of: view, crop: ViewRenderer.storedCrop(.whole, of: view), size: plain.size)
        let lens = try #require(MagnifierLens(cursor: at, factor: 3, picture: plain.size))
        var inside = 0, outside = 0
        for y in 0..<plain.height {
            for x in 0..<plain.width where plain[x, y] != lensed[x, y] {
                if x >= lens.x && x < lens.x + lens.side && y >= lens.y && y < lens.y + lens.side { inside += 1 } else { outside += 1 }
            }
        }
        #expect(outside == 0)
        #expect(inside > lens.side * lens.side / 4, "the box shows something else: \(inside) pixels changed")
    }

    // MARK: Zoom

    static func facts(_ view: ViewOverview) -> ViewFacts { view.facts }

    @Test func zoomKeepsTheCursorsPointWhereItIsOnScreen() throws {
        let facts = try DecodedView.decode(path: Self.rcc, as: .rightCC, detail: 0).overview.facts
        let cells = Size(width: 110, height: 46)
        let geometry = SampleLibrary.graphics().raster(for: CellArea(columns: cells.width, rows: cells.height))
        func cell(_ p: PixelPoint, _ zoom: ZoomState) -> Point? {
            ViewPlacement.single(view: .rightCC, facts: facts, zoom: zoom, cells: cells, geometry: geometry).cell(of: p)
        }
        // Near the nipple side (a mass far from the middle of the view).
        let point = PixelPoint(x: 180, y: 700)
        let anchor = ZoomState.displayed(point, stored: facts.storedSize, flipHorizontal: facts.flipHorizontal, flipVertical: facts.flipVertical)
        var zoom = ZoomState(), centred = ZoomState()
        let start = try #require(cell(point, zoom))
        for _ in 0..<3 {
            zoom = zoom.zoomed(by: 1, keeping: anchor)
            centred.zoomIn()
            let now = try #require(cell(point, zoom), "still on screen at \(zoom.factor)×")
            #expect(abs(now.x - start.x) <= 1 && abs(now.y - start.y) <= 1, "\(now) vs \(start) at \(zoom.factor)×")
        }
        // Zoomed about the middle instead, the point leaves the screen: what the anchor fixes.
        #expect(cell(point, centred) == nil)
        // Back out the same way, to the whole view.
        for _ in 0..<3 { zoom = zoom.zoomed(by: -1, keeping: anchor) }
        #expect(zoom == ZoomState())
    }

    @Test func zoomNearTheEdgeKeepsThePointInSightAndPanFollowsTheCursor() throws {
        let corner = (x: 990.0, y: 10.0)
        var zoom = ZoomState()
        for _ in 0..<6 {
            zoom = zoom.zoomed(by: 1, keeping: corner)
            let r = zoom.region
            #expect(r.x >= -1e-9 && r.x + r.width <= 1 + 1e-9)
            #expect(r.x <= 0.99 && 0.99 <= r.x + r.width && r.y <= 0.01 && 0.01 <= r.y + r.height)
        }
        let zoomed = ZoomState(step: 3, centerX: 500, centerY: 500)
        let followed = zoomed.keepingVisible((x: 900, y: 500))
        #expect(followed.centerY == 500)
        let r = followed.region
        #expect(r.x < 0.9 && 0.9 < r.x + r.width, "the region moved just enough to hold the point")
        #expect(zoomed.keepingVisible((x: 520, y: 480)) == zoomed, "a point in sight moves nothing")
    }
}
