// Annotation coordinates are exact at every zoom and on mirrored views: the cursor drawn into the
// real picture (ReadingService's raster) lands where ViewPlacement says, and a click on a cell
// comes back to the stored pixels that cell shows.
import Foundation
import Imaging
import MammoCore
import Store
import TermGraphics
import Testing
import TUI
import Workstation

@Suite("Annotation coordinates", .serialized)
struct AnnotationPlacementTests {
    /// The centre of the cursor's crosshair in a raster: the middle of the (two-pixel) rows and columns holding
    /// most cursor-coloured pixels.
    static func crosshair(in picture: ColorImage, color: RGBColor) -> (x: Double, y: Double)? {
        var rows: [Int: Int] = [:], columns: [Int: Int] = [:]
        for y in 0..<picture.height {
            for x in 0..<picture.width where picture[x, y] == color {
                rows[y, default: 0] += 1
                columns[x, default: 0] += 1
            }
        }
        func middle(_ counts: [Int: Int]) -> Double? {
            guard let most = counts.values.max() else { return nil }
            let lines = counts.filter { $0.value >= most * 3 / 4 }.keys
            guard let low = lines.min(), let high = lines.max() else { return nil }
            return Double(low + high + 1) / 2
        }
        guard let x = middle(columns), let y = middle(rows) else { return nil }
        return (x, y)
    }

    @Test(arguments: [GraphicsOverride.braille, .sixel])
    func theCursorLandsWhereThePlacementSaysAtEveryZoom(mode: GraphicsOverride) throws {
        var caps = TerminalCapabilities()
        caps.palette256 = true
        caps.answered = true
        caps.sixel = mode == .sixel
        // 9 x 20 cells: braille pixels are not square, so the squeeze to the terminal's pixel shape is covered.
        caps.cellPixelSize = PixelSize(width: 9, height: 20)
        let graphics = TerminalPicture(choice: chooseGraphics(caps, override: mode), capabilities: caps)
        var mirroredSeen = Set<Bool>()
        // The sample as stored, and the same exam stored mirrored (flipped back on screen).
        for library in [try SampleLibrary.database(), try MirroredSample.database()] {
            let service = ReadingService(library: library, graphics: graphics, theme: .builtIn)
            let entry = try #require(try service.library.worklist().first { $0.patientID.hasSuffix("0003") && $0.studyDate == "20250426" })
            try check(service, entry: entry, graphics: graphics, mode: mode, mirroredSeen: &mirroredSeen)
        }
        #expect(mirroredSeen == [true, false], "both mirrored and unmirrored views are covered: \(mirroredSeen)")
    }

    func check(_ service: ReadingService, entry: WorklistEntry, graphics: TerminalPicture, mode: GraphicsOverride,
               mirroredSeen: inout Set<Bool>) throws {
        let details = try service.loadStudy(entry)
        let cells = Size(width: mode == .sixel ? 60 : 110, height: mode == .sixel ? 20 : 46)
        let cursorColor = ViewRenderer.Style(theme: .builtIn).overlay.cursorColor
        for view in [ViewKey.rightCC, .leftCC, .rightMLO, .leftMLO] {
            let facts = try #require(details.views[view])
            mirroredSeen.insert(facts.flipHorizontal)
            // A pixel off-centre (not on any symmetry of the mapping), shown at every zoom step centred near it.
            let point = PixelPoint(x: Double(facts.storedWidth * 3 / 5 + 7), y: Double(facts.storedHeight * 2 / 5 + 3))
            for step in 0..<ZoomState.factors.count {
                var fx = point.x / Double(facts.storedWidth), fy = point.y / Double(facts.storedHeight)
                if facts.flipHorizontal { fx = 1 - fx }
                if facts.flipVertical { fy = 1 - fy }
                // Off-centre in the region too, so the crop's offset matters.
                let zoom = step == 0 ? ZoomState() : ZoomState(step: step, centerX: Int(fx * 1000) + 11, centerY: Int(fy * 1000) - 7)
                let overlay = AnnotationOverlay(view: view, marks: [], cursor: point)
                let key = PictureKey(studyUID: entry.studyInstanceUID, layout: .single(view), cells: cells, zoom: zoom, annotations: overlay)
                let (picture, problems) = service.raster(PictureRequest(key: key, files: details.files))
                #expect(problems.isEmpty)
                let geometry = graphics.raster(for: CellArea(columns: cells.width, rows: cells.height))
                let placement = ViewPlacement.single(view: view, facts: facts, zoom: zoom, cells: cells, geometry: geometry)
                #expect(placement.shows(point), "\(view.label) zoom \(step): the point is off the crop \(placement.crop)")
                let expected = placement.toRaster(point)
                let found = try #require(Self.crosshair(in: picture, color: cursorColor), "\(view.label) zoom \(step): no cursor drawn")
                // Within a pixel and a half: the line's own rounding plus the squeeze's nearest row.
                #expect(abs(found.x - expected.x) <= 1.5 && abs(found.y - expected.y) <= 1.5,
                        "\(view.label) zoom \(step) \(mode): cursor drawn at \(found), placement says \(expected)")
                // Back from the canvas: the same stored point.
                let back = placement.toStored(canvas: placement.toCanvas(point))
                #expect(abs(back.x - point.x) < 1e-9 && abs(back.y - point.y) < 1e-9)
                // A click on the cell showing the point comes back within that cell's stored extent.
                let cell = try #require(placement.cell(of: point))
                let clicked = placement.storedPoint(atCell: cell)
                let cellStoredWidth = Double(geometry.width) / Double(cells.width) * placement.storedPerCanvasPixel
                let cellStoredHeight = Double(geometry.height) / Double(cells.height) * placement.crop.height / Double(placement.fitted.height)
                    * Double(placement.canvas.height) / Double(placement.raster.height)
                #expect(abs(clicked.x - point.x) <= cellStoredWidth && abs(clicked.y - point.y) <= cellStoredHeight,
                        "\(view.label) zoom \(step): click at \(cell) gives \(clicked) for \(point)")
                // Zoomed in, a fine step (one canvas pixel) is finer in stored pixels.
                if step > 0 {
                    let whole = ViewPlacement.single(view: view, facts: facts, zoom: ZoomState(), cells: cells, geometry: geometry)
                    #expect(placement.storedPerCanvasPixel < whole.storedPerCanvasPixel)
                }
            }
        }
    }
}
