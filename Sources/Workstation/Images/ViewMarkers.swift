// What every view carries in its own picture, as a film would: its label (R/L and the
// projection, "RCC") in the upper outer corner, away from the chest wall, and a scale bar of a
// round length in millimetres in the lower outer corner. Drawn into the raster, so PNG, sixel and
// the cell modes all show the same; the bar's length is exact to a pixel of the picture.
import Foundation
import Imaging
import MammoCore

public enum ViewMarkers {
    /// Bar lengths offered, in mm: the longest that fits in about a quarter of the picture is used.
    static let lengthsMM: [Double] = [100, 50, 20, 10, 5, 2, 1]

    /// The bar for a picture `width` pixels across at `mmPerPixel`: its length in mm and pixels;
    /// nil when no offered length fits (a picture too small, or no pixel spacing).
    public static func scaleBar(width: Int, mmPerPixel: Double?) -> (mm: Double, pixels: Int)? {
        guard let mmPerPixel, mmPerPixel.isFinite, mmPerPixel > 0, width >= 40 else { return nil }
        for mm in lengthsMM {
            let pixels = Int((mm / mmPerPixel).rounded())
            if pixels <= width / 4 && pixels >= 12 { return (mm, pixels) }
        }
        return nil
    }

    /// Font pixels per glyph pixel for a picture this wide: about 1/40 of it per character cell.
    static func textScale(width: Int) -> Int { min(max(width / 200, 1), 4) }

    /// A word of the markers in the view's own pixels: starting at `x`, or ending there when
    /// `alignsRight` (a left view's words hug its outer, right edge); its top edge at `y`, or its
    /// bottom edge when `hangsAbove` (the bar's length sits right over the bar).
    public struct Word: Hashable, Sendable {
        public var text: String
        public var x: Int
        public var y: Int
        public var alignsRight: Bool
        public var hangsAbove = false
    }

    /// The words `draw` writes for a picture of `width` x `height`: the label, then the bar's
    /// length when a bar fits. Text-cell modes write these as characters (a 5x7 glyph is a few
    /// braille dots) and draw the bar alone.
    public static func words(width w: Int, height h: Int, key: ViewKey?, label: String, mmPerPixel: Double?) -> [Word] {
        guard w >= 24, h >= 24 else { return [] }
        let outerLeft = key?.side != .left
        let scale = textScale(width: w)
        let margin = max(4, w / 60)
        var out = [Word(text: label, x: outerLeft ? margin : w - margin, y: margin, alignsRight: !outerLeft)]
        if let bar = scaleBar(width: w, mmPerPixel: mmPerPixel) {
            let thickness = max(2, scale), tick = max(2, scale) * 3
            let barX = outerLeft ? margin : w - margin - bar.pixels
            let barY = h - margin - thickness
            out.append(Word(text: "\(Int(bar.mm)) mm", x: outerLeft ? barX : barX + bar.pixels,
                            y: barY - tick - 3, alignsRight: !outerLeft, hangsAbove: true))
        }
        return out
    }

    /// Draws the label and the bar on `picture` (the view as displayed: chest wall toward the
    /// middle). `key` nil (a file shown as stored): label and bar on the left. `withWords` false:
    /// the bar alone (the cell modes write the words as text, `words`).
    public static func draw(on picture: inout ColorImage, key: ViewKey?, label: String, mmPerPixel: Double?, color: RGBColor,
                            withWords: Bool = true) {
        let w = picture.width, h = picture.height
        guard w >= 24, h >= 24 else { return }
        // The outer edge: a right view's chest wall is on its right, so its outer side is the left.
        let outerLeft = key?.side != .left
        let scale = textScale(width: w)
        let margin = max(4, w / 60)
        if let bar = scaleBar(width: w, mmPerPixel: mmPerPixel) {
            let thickness = max(2, scale)
            let tick = thickness * 3
            let barX = outerLeft ? margin : w - margin - bar.pixels
            let barY = h - margin - thickness
            // The bar with end ticks, on a dark rim; its length is bar.pixels exactly.
            let rim = RGBColor(grey: 0)
            OverlayCompositor.fill(x: barX - 1, y: barY - tick - 1, width: bar.pixels + 2, height: tick + thickness + 2, color: rim, on: &picture)
            OverlayCompositor.fill(x: barX, y: barY, width: bar.pixels, height: thickness, color: color, on: &picture)
            OverlayCompositor.fill(x: barX, y: barY - tick, width: thickness, height: tick, color: color, on: &picture)
            OverlayCompositor.fill(x: barX + bar.pixels - thickness, y: barY - tick, width: thickness, height: tick, color: color, on: &picture)
        }
        guard withWords else { return }
        // The words where `words` says, so the picture and the cell modes agree.
        for word in words(width: w, height: h, key: key, label: label, mmPerPixel: mmPerPixel) {
            let size = BitmapFont.size(of: word.text, scale: scale)
            OverlayCompositor.drawText(word.text, x: word.alignsRight ? word.x - size.width : word.x,
                                       y: word.hangsAbove ? word.y - size.height : word.y, scale: scale, color: color, on: &picture)
        }
    }
}
