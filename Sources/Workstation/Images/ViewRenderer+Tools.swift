// The reading tools drawn into one view's picture (ToolOverlay): the magnifier lens, rendered from
// the view's overview or its stored pixels already decoded (the same window, grey curve and flips
// as the picture around it; overlays stay outside it, so the lens shows the tissue a heat map covers),
// then the measured line with its length and the cursor's crosshair on top.
import Foundation
import Imaging
import MammoCore

extension ViewRenderer {
    static func drawTools(_ tools: ToolOverlay, of view: ViewOverview, stored: GrayImage<Int32>?, crop: Crop, options: Options,
                          style: Style, on picture: inout ColorImage) {
        let size = picture.size
        let color = style.overlay.cursorColor
        if let centre = tools.lens,
           let lens = MagnifierLens(cursor: displayPoint(centre, of: view, crop: crop, size: size), factor: tools.magnification, picture: size) {
            drawLens(lens, of: view, stored: stored, crop: crop, options: options, style: style, on: &picture)
        }
        if let m = tools.measurement {
            let a = displayPoint(m.from, of: view, crop: crop, size: size), b = displayPoint(m.to, of: view, crop: crop, size: size)
            OverlayCompositor.drawLine(from: a, to: b, on: &picture, color: color, thickness: 2)
            for end in [a, b] { OverlayCompositor.drawCrosshair(at: end, on: &picture, color: color, radius: 3, thickness: 1) }
            let scale = ViewMarkers.textScale(width: size.width)
            let words = m.pictureLabel
            let text = BitmapFont.size(of: words, scale: scale)
            // Beside the line's middle, kept inside the picture.
            let x = min(max(Int((a.x + b.x) / 2) + 6, 2), max(size.width - text.width - 2, 2))
            let y = min(max(Int((a.y + b.y) / 2) - text.height - 6, 2), max(size.height - text.height - 2, 2))
            OverlayCompositor.drawText(words, x: x, y: y, scale: scale, color: style.overlay.markerColor, on: &picture)
        }
        if let cursor = tools.cursor {
            // Two pixels thick, as the annotation cursor: the squeeze to the terminal's pixel shape drops single rows.
            OverlayCompositor.drawCrosshair(at: displayPoint(cursor, of: view, crop: crop, size: size), on: &picture,
                                            color: color, radius: 7, thickness: 2)
        }
    }

    /// The lens's picture region in stored pixels (flips undone), magnified into its box with a rim.
    static func drawLens(_ lens: MagnifierLens, of view: ViewOverview, stored: GrayImage<Int32>?, crop: Crop, options: Options,
                         style: Style, on picture: inout ColorImage) {
        let size = picture.size
        let source = lensCrop(lens, of: view, crop: crop, size: size)
        let boxSize = PixelSize(width: lens.side, height: lens.side)
        let modality = stored.map { fitted($0, presentation: view.presentation, crop: source, size: boxSize, detail: style.overlay.detail) }
            ?? fitted(overview: view, crop: source, size: boxSize)
        let display = VOITransform.apply(modality, mapping: mapping(for: view, options: options), monochrome1: view.presentation.monochrome1)
        let curve = greyCurve(gamma: style.gamma, invert: options.invert != style.invert)
        let grey = display.map { curve[Int(min(max($0, 0), 1) * 1023 + 0.5)] }
            .flipped(horizontal: view.flipHorizontal, vertical: view.flipVertical)
        picture.paste(OverlayCompositor.colorize(grey), x: lens.x, y: lens.y)
        OverlayCompositor.drawBox(PixelBox(x: Double(lens.x), y: Double(lens.y), width: Double(lens.side - 1), height: Double(lens.side - 1)),
                                  on: &picture, color: style.overlay.cursorColor, thickness: 1)
    }

    /// The stored pixels under the lens's source region (at least one pixel, inside the image).
    static func lensCrop(_ lens: MagnifierLens, of view: ViewOverview, crop: Crop, size: PixelSize) -> Crop {
        let w = Double(max(size.width, 1)), h = Double(max(size.height, 1))
        var x0 = lens.source.x, x1 = lens.source.maxX, y0 = lens.source.y, y1 = lens.source.maxY
        if view.flipHorizontal { (x0, x1) = (w - x1, w - x0) }
        if view.flipVertical { (y0, y1) = (h - y1, h - y0) }
        let sx = Double(crop.width) / w, sy = Double(crop.height) / h
        let W = view.storedSize.width, H = view.storedSize.height
        let left = min(max(Int((Double(crop.x) + x0 * sx).rounded(.down)), 0), W - 1)
        let top = min(max(Int((Double(crop.y) + y0 * sy).rounded(.down)), 0), H - 1)
        let right = min(max(Int((Double(crop.x) + x1 * sx).rounded(.up)), left + 1), W)
        let bottom = min(max(Int((Double(crop.y) + y1 * sy).rounded(.up)), top + 1), H)
        return Crop(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Whether the lens shows more detail than the overview holds (then the stored pixels are passed).
    public static func lensNeedsStoredPixels(_ view: ViewOverview, options: Options, magnification: Int) -> Bool {
        guard view.scale < 1 else { return false }
        let crop = storedCrop(options.region, of: view)
        let size = fittedSize(crop: crop, options: options)
        return Double(size.width) / Double(max(crop.width, 1)) * Double(magnification) > view.scale
    }
}
