// Every view carries its label in its upper outer corner and a scale bar in millimetres in its
// lower outer corner, drawn into the picture: the bar is as long as it says to a pixel.
import DICOM
import Foundation
import Imaging
import MammoCore
import Testing
import TUI
import Workstation

@Suite("View markers")
struct ViewMarkersTests {
    static let exam = SampleLibrary.samples + "/SYN-0004/20251220"
    static let marker = OverlayStyle().markerColor

    /// The longest run of marker-coloured pixels in any row of the bottom fifth: the scale bar.
    static func bar(in image: ColorImage) -> (row: Int, x: Int, length: Int)? {
        var best: (row: Int, x: Int, length: Int)?
        for y in (image.height * 4 / 5)..<image.height {
            var x = 0
            while x < image.width {
                guard image[x, y] == marker else { x += 1; continue }
                let start = x
                while x < image.width && image[x, y] == marker { x += 1 }
                if x - start > (best?.length ?? 0) { best = (y, start, x - start) }
            }
        }
        return best
    }

    static func markerPixels(in image: ColorImage, x: Range<Int>, y: Range<Int>) -> Int {
        y.reduce(0) { sum, py in sum + x.filter { image[$0, py] == marker }.count }
    }

    @Test(arguments: [ViewKey.rightCC, .leftCC, .rightMLO, .leftMLO])
    func labelAndBarSitInTheOuterCornersAndTheBarIsExact(view: ViewKey) throws {
        let path = Self.exam + "/\(view.label).dcm"
        let image = try DicomPixelReader.readChecked(path: path)
        let spacing = try #require(image.header.spacing)
        let shown = HangingProtocolRenderer.render(image, as: view, maxWidth: 400, maxHeight: 500, overlay: .none, style: OverlayStyle())
        let picture = shown.image
        let mmPerPixel = (spacing.row + spacing.column) / 2 * Double(image.width) / Double(picture.width)
        let expected = try #require(ViewMarkers.scaleBar(width: picture.width, mmPerPixel: mmPerPixel))
        let found = try #require(Self.bar(in: picture), "no scale bar")
        #expect(abs(found.length - expected.pixels) <= 1, "bar \(found.length) px, \(expected.mm) mm is \(expected.pixels) px")
        #expect(abs(Double(found.length) * mmPerPixel - expected.mm) <= mmPerPixel, "the bar measures what it says")
        // Outer side: away from the chest wall (a right view's is on its right, so its outer side is the left).
        let w = picture.width, h = picture.height
        let left = 0..<(w / 3), right = (w - w / 3)..<w
        let outer = view.side == .right ? left : right, inner = view.side == .right ? right : left
        #expect(outer.contains(found.x) && outer.contains(found.x + found.length - 1), "bar at \(found.x) in a \(w) px picture")
        #expect(Self.markerPixels(in: picture, x: outer, y: 0..<(h / 8)) > 20, "the \(view.label) label in the upper outer corner")
        #expect(Self.markerPixels(in: picture, x: inner, y: 0..<(h / 8)) == 0, "nothing at the chest wall")
    }

    @Test func noSpacingNoBarAndBarsAreRoundLengths() {
        #expect(ViewMarkers.scaleBar(width: 400, mmPerPixel: nil) == nil)
        #expect(ViewMarkers.scaleBar(width: 400, mmPerPixel: .nan) == nil)
        #expect(ViewMarkers.scaleBar(width: 20, mmPerPixel: 0.3) == nil)
        let bar = ViewMarkers.scaleBar(width: 400, mmPerPixel: 0.5)
        #expect(bar?.mm == 50 && bar?.pixels == 100)
    }
}

extension ViewMarkersTests {
    /// In every layout, whole or fitted to the breast, each view keeps its label in its upper
    /// outer corner and its bar in its lower outer corner, away from the chest wall where the pair meets.
    @Test(arguments: [HangingLayout.grid, .row, .ccPair, .mloPair, .single(.leftMLO)], [false, true])
    func markersStayInEachViewsOuterCornersInEveryLayout(layout: HangingLayout, fit: Bool) throws {
        var files: [ViewKey: String] = [:]
        for view in ViewKey.screening { files[view] = Self.exam + "/\(view.label).dcm" }
        let canvas = PixelSize(width: 1200, height: 700), gap = 8
        let result = HangingProtocolRenderer.render(files: files, canvasWidth: canvas.width, canvasHeight: canvas.height, gap: gap,
                                                    layout: layout, fitToBreast: fit)
        #expect(result.problems.isEmpty)
        let picture = result.canvas
        let arrangement = HangingArrangement(layout, prior: false, canvas: canvas, gap: gap)
        let tile = arrangement.tileSize(canvas: canvas, gap: gap)
        for slot in arrangement.slots {
            let origin = arrangement.origin(of: slot, canvas: canvas, gap: gap)
            // The view's extent in its tile: every column with any picture (tissue or marker).
            let columns = (origin.x..<(origin.x + tile.width)).filter { x in
                stride(from: origin.y, to: origin.y + tile.height, by: 2).contains { picture[x, $0].g > 20 }
            }
            let first = try #require(columns.first), last = try #require(columns.last)
            let width = last - first + 1, third = max(width / 3, 1)
            let outer = slot.view.side == .right ? first..<(first + third) : (last + 1 - third)..<(last + 1)
            let inner = slot.view.side == .right ? (last + 1 - third)..<(last + 1) : first..<(first + third)
            let rows = (origin.y..<(origin.y + tile.height)).filter { y in columns.contains { picture[$0, y].g > 20 } }
            let top = try #require(rows.first), bottom = try #require(rows.last)
            let band = max((bottom - top) / 8, 8)
            let label = "\(layout.name) \(slot.view.label)\(fit ? " fit" : "")"
            #expect(Self.markerPixels(in: picture, x: outer, y: top..<(top + band)) > 20, "\(label): no label in the upper outer corner")
            #expect(Self.markerPixels(in: picture, x: inner, y: top..<(top + band)) == 0, "\(label): marker at the chest wall")
            #expect(Self.markerPixels(in: picture, x: outer, y: (bottom - band)..<(bottom + 1)) > 20, "\(label): no bar in the lower outer corner")
            #expect(Self.markerPixels(in: picture, x: inner, y: (bottom - band)..<(bottom + 1)) == 0, "\(label): bar at the chest wall")
        }
    }
}

/// In the text-cell modes the markers' words are characters, not a few braille dots: each
/// view's label in its upper outer corner of the image area, its bar's length over the bar.
@Suite("View markers in text cells")
struct ViewMarkerCellTests {
    @Test func labelsAndLengthsAreTextInTheirViewsOuterCorners() async throws {
        let size = Size(width: 160, height: 50)
        let run = try await WorkstationHarness.run(try WorkstationHarness.keys("Enter"), size: size)
        let area = ReadingScreen.layout(size).image
        let lines = run.screen.split(separator: "\n", omittingEmptySubsequences: false).map { Array(String($0)) }
        /// (column, row) of `word` inside the image area, in the area's own cells.
        func find(_ word: String) -> [(x: Int, y: Int)] {
            var out: [(x: Int, y: Int)] = []
            for y in area.y..<min(area.maxY, lines.count) {
                let row = String(lines[y].prefix(area.maxX).dropFirst(area.x))
                var from = row.startIndex
                while let r = row.range(of: word, range: from..<row.endIndex) {
                    out.append((row.distance(from: row.startIndex, to: r.lowerBound), y - area.y))
                    from = r.upperBound
                }
            }
            return out
        }
        let midX = area.width / 2, midY = area.height / 2
        let rcc = find("RCC"), lcc = find("LCC"), rmlo = find("RMLO"), lmlo = find("LMLO")
        #expect(rcc.count == 1 && lcc.count == 1 && rmlo.count == 1 && lmlo.count == 1, "\(rcc) \(lcc) \(rmlo) \(lmlo)")
        // Right views hang on the left with their outer side left; left views on the right.
        #expect(rcc.allSatisfy { $0.x < midX / 2 && $0.y < midY / 3 }, "RCC at \(rcc)")
        #expect(lcc.allSatisfy { $0.x > midX + midX / 2 && $0.y < midY / 3 }, "LCC at \(lcc)")
        #expect(rmlo.allSatisfy { $0.x < midX / 2 && $0.y >= midY && $0.y < midY + midY / 3 }, "RMLO at \(rmlo)")
        #expect(lmlo.allSatisfy { $0.x > midX + midX / 2 && $0.y >= midY && $0.y < midY + midY / 3 }, "LMLO at \(lmlo)")
        // One length per view, low in its half, on the outer side.
        let lengths = find(" mm")
        #expect(lengths.count == 4, "\(lengths)")
        #expect(lengths.filter { $0.x < midX }.count == 2 && lengths.filter { $0.y > midY }.count == 2)
        #expect(lengths.allSatisfy { $0.y % midY > midY * 2 / 3 }, "\(lengths)")
    }
}
