// Words drawn into a picture (BitmapFont), with a dark rim so they read on bright tissue and on
// the black background alike.
import MammoCore

extension OverlayCompositor {
    /// `text` with its top-left at (x, y), each font pixel `scale` pixels square; clipped to the raster.
    public static func drawText(_ text: String, x: Int, y: Int, scale: Int, color: RGBColor, rim: RGBColor = RGBColor(grey: 0),
                                on base: inout ColorImage) {
        let s = max(scale, 1)
        let characters = Array(text)
        func plot(_ px: Int, _ py: Int, _ c: RGBColor) {
            guard px >= 0, py >= 0, px < base.width, py < base.height else { return }
            base[px, py] = c
        }
        for pass in 0..<2 {
            for (index, character) in characters.enumerated() {
                let x0 = x + index * (BitmapFont.glyphWidth + BitmapFont.spacing) * s
                for gy in 0..<BitmapFont.glyphHeight {
                    for gx in 0..<BitmapFont.glyphWidth where BitmapFont.isSet(character, x: gx, y: gy) {
                        for dy in 0..<s {
                            for dx in 0..<s {
                                let px = x0 + gx * s + dx, py = y + gy * s + dy
                                if pass == 0 {
                                    // The rim first: one pixel around every lit pixel.
                                    for (ox, oy) in [(-1, 0), (1, 0), (0, -1), (0, 1)] { plot(px + ox, py + oy, rim) }
                                } else {
                                    plot(px, py, color)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A filled rectangle, clipped to the raster.
    public static func fill(x: Int, y: Int, width: Int, height: Int, color: RGBColor, on base: inout ColorImage) {
        let x0 = max(x, 0), y0 = max(y, 0), x1 = min(x + width, base.width), y1 = min(y + height, base.height)
        guard x0 < x1, y0 < y1 else { return }
        for py in y0..<y1 { for px in x0..<x1 { base[px, py] = color } }
    }
}
