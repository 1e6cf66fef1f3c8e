// Where a single view's stored pixels land in the image area, and back: the zoom's crop (flips
// undone), the fitted size, the place against the chest-wall edge, the squeeze to the terminal's
// pixel shape and the raster pixels per cell. The render pipeline's own arithmetic (the canvas
// here, the crop and fit in ViewRenderer, used by ReadingService.render and `show` alike), so a
// cursor, a click or a mark is exact at every zoom and on mirrored views (tested against rendered
// pictures).
import MammoCore
import TermGraphics
import TUI

public struct ViewPlacement: Equatable, Sendable {
    public var stored: PixelSize
    /// The stored-pixel rectangle shown (integer edges, inside the image).
    public var crop: PixelBox
    /// The crop's size on the square-pixel canvas.
    public var fitted: PixelSize
    /// The fitted view's top-left on the canvas.
    public var offsetX: Int
    public var offsetY: Int
    public var flipHorizontal: Bool
    public var flipVertical: Bool
    /// The square-pixel canvas and the raster it is squeezed to (pixel aspect), in the image area's cells.
    public var canvas: PixelSize
    public var raster: PixelSize
    public var cells: Size

    /// The square-pixel canvas a picture for a raster of `geometry` is made on, before the squeeze
    /// to the terminal's pixel shape (an aspect that is no number or absurd counts as square, or 16).
    public static func canvas(for geometry: RasterGeometry) -> PixelSize {
        let aspect = geometry.pixelAspect.isFinite && geometry.pixelAspect > 0 ? min(geometry.pixelAspect, 16) : 1
        return PixelSize(width: max(geometry.width, 2), height: max(Int((Double(geometry.height) * aspect).rounded()), 2))
    }

    /// The placement `ReadingService.render` uses for `.single(view)` in an image area of `cells`
    /// (with fit to breast, the breast's region while not zoomed, as LayoutFit plans it).
    public static func single(view: ViewKey, facts: ViewFacts, zoom: ZoomState, cells: Size, geometry: RasterGeometry,
                              fitToBreast: Bool = false) -> ViewPlacement {
        let square = canvas(for: geometry)
        let width = square.width, squareHeight = square.height
        var options = ViewRenderer.Options(maxSize: PixelSize(width: width, height: squareHeight))
        let region = !zoom.isZoomed && fitToBreast ? facts.breastRegion : zoom.region
        options.region = region
        options.allowEnlarging = zoom.isZoomed
        let stored = PixelSize(width: facts.storedWidth, height: facts.storedHeight)
        let crop = ViewRenderer.storedCrop(region, stored: stored, flipHorizontal: facts.flipHorizontal, flipVertical: facts.flipVertical)
        let fitted = ViewRenderer.fittedSize(crop: crop, options: options)
        let x0: Int = switch view.side {
        case .right: width - fitted.width
        case .left: 0
        }
        // TerminalPicture.correctAspect leaves the canvas alone when the aspect is near 1.
        let rasterHeight = abs(geometry.pixelAspect - 1) > 0.02 ? max(geometry.height, 1) : squareHeight
        return ViewPlacement(stored: stored, crop: PixelBox(x: Double(crop.x), y: Double(crop.y), width: Double(crop.width), height: Double(crop.height)),
                             fitted: fitted, offsetX: x0, offsetY: (squareHeight - fitted.height) / 2,
                             flipHorizontal: facts.flipHorizontal, flipVertical: facts.flipVertical,
                             canvas: PixelSize(width: width, height: squareHeight),
                             raster: PixelSize(width: width, height: rasterHeight), cells: cells)
    }

    /// Stored pixels per fitted (canvas) pixel across: the finest step a cursor can see.
    public var storedPerCanvasPixel: Double { crop.width / Double(max(fitted.width, 1)) }

    /// A stored point on the fitted view (before it is placed on the canvas).
    public func toFitted(_ p: PixelPoint) -> PixelPoint {
        var x = (p.x - crop.x) * Double(fitted.width) / crop.width
        var y = (p.y - crop.y) * Double(fitted.height) / crop.height
        if flipHorizontal { x = Double(fitted.width) - x }
        if flipVertical { y = Double(fitted.height) - y }
        return PixelPoint(x: x, y: y)
    }

    /// A stored point on the square-pixel canvas.
    public func toCanvas(_ p: PixelPoint) -> PixelPoint {
        let f = toFitted(p)
        return PixelPoint(x: f.x + Double(offsetX), y: f.y + Double(offsetY))
    }

    /// A canvas point in stored pixels (may lie outside the image: clamp where that matters).
    public func toStored(canvas c: PixelPoint) -> PixelPoint {
        var x = c.x - Double(offsetX), y = c.y - Double(offsetY)
        if flipHorizontal { x = Double(fitted.width) - x }
        if flipVertical { y = Double(fitted.height) - y }
        return PixelPoint(x: crop.x + x * crop.width / Double(fitted.width), y: crop.y + y * crop.height / Double(fitted.height))
    }

    /// A stored point on the raster the terminal shows (the canvas squeezed to the pixel aspect).
    public func toRaster(_ p: PixelPoint) -> PixelPoint {
        let c = toCanvas(p)
        return PixelPoint(x: c.x, y: c.y * Double(raster.height) / Double(canvas.height))
    }

    /// The cell (column, row within the image area) showing a stored point; nil off the area.
    public func cell(of p: PixelPoint) -> Point? {
        let r = toRaster(p)
        let cx = Double(raster.width) / Double(max(cells.width, 1)), cy = Double(raster.height) / Double(max(cells.height, 1))
        let column = Int((r.x / cx).rounded(.down)), row = Int((r.y / cy).rounded(.down))
        guard column >= 0, row >= 0, column < cells.width, row < cells.height else { return nil }
        return Point(x: column, y: row)
    }

    /// The stored point at the centre of a cell of the image area (a click), clamped to the image.
    public func storedPoint(atCell cell: Point) -> PixelPoint {
        let cx = Double(raster.width) / Double(max(cells.width, 1)), cy = Double(raster.height) / Double(max(cells.height, 1))
        let rasterPoint = PixelPoint(x: (Double(cell.x) + 0.5) * cx, y: (Double(cell.y) + 0.5) * cy)
        let s = toStored(canvas: PixelPoint(x: rasterPoint.x, y: rasterPoint.y * Double(canvas.height) / Double(raster.height)))
        return PixelPoint(x: min(max(s.x, 0), Double(stored.width)), y: min(max(s.y, 0), Double(stored.height)))
    }

    /// Whether a stored point lies inside the crop shown.
    public func shows(_ p: PixelPoint) -> Bool {
        p.x >= crop.x && p.x <= crop.x + crop.width && p.y >= crop.y && p.y <= crop.y + crop.height
    }
}
