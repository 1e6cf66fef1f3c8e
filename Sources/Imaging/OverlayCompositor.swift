// Composes overlays onto a display raster: heatmaps (blend or contours), lesion outlines and
// boxes, a crosshair. Works at display resolution on a copy; stored pixels are never touched.
import Foundation
import MammoCore

public enum OverlayCompositor {
    public static func colorize(_ grey: GrayImage<UInt8>) -> ColorImage {
        grey.map { RGBColor(grey: $0) }
    }

    /// Blends or contours `heat` (0...1, any resolution covering the same image area as `base`)
    /// over `base`, at the style's opacity (0 draws nothing; contour lines take it as their
    /// alpha). The map is sampled bilinearly at each display pixel.
    public static func drawHeatmap(_ heat: GrayImage<Float>, on base: inout ColorImage, style: HeatmapStyle) {
        guard style.opacity > 0 else { return }
        let sampled = resample(heat, to: base.size)
        switch style.mode {
        case .blend:
            let span = max(1 - style.threshold, 1e-6)
            for i in base.pixels.indices {
                let v = sampled.pixels[i]
                guard v >= style.threshold else { continue }
                let alpha = style.opacity * min((v - style.threshold) / span * 2, 1)
                base.pixels[i] = style.colormap.color(v).blended(over: base.pixels[i], alpha: alpha)
            }
        case .contour:
            for level in style.contourLevels {
                let color = style.colormap.color(level)
                for y in 0..<base.height {
                    for x in 0..<base.width where sampled[x, y] >= level {
                        // An edge pixel: inside the level with a 4-neighbour outside it.
                        let outside = (x > 0 && sampled[x - 1, y] < level) || (x + 1 < base.width && sampled[x + 1, y] < level)
                            || (y > 0 && sampled[x, y - 1] < level) || (y + 1 < base.height && sampled[x, y + 1] < level)
                        if outside { base[x, y] = style.opacity >= 1 ? color : color.blended(over: base[x, y], alpha: style.opacity) }
                    }
                }
            }
        }
    }

    /// A closed polygon outline, `thickness` pixels wide; a dash pattern runs on around the corners.
    public static func drawPolygon(_ points: [PixelPoint], on base: inout ColorImage, color: RGBColor, thickness: Int = 1,
                                   dash: LineDash = .solid) {
        guard points.count >= 2 else { return }
        var step = 0
        for (i, a) in points.enumerated() {
            step = drawLine(from: a, to: points[(i + 1) % points.count], on: &base, color: color, thickness: thickness,
                            dash: dash, startingAt: step)
        }
    }

    public static func drawBox(_ box: PixelBox, on base: inout ColorImage, color: RGBColor, thickness: Int = 1) {
        drawPolygon([PixelPoint(x: box.x, y: box.y), PixelPoint(x: box.maxX, y: box.y),
                     PixelPoint(x: box.maxX, y: box.maxY), PixelPoint(x: box.x, y: box.maxY)],
                    on: &base, color: color, thickness: thickness)
    }

    /// A crosshair with a gap at its centre, so the pixel under it stays visible.
    public static func drawCrosshair(at p: PixelPoint, on base: inout ColorImage, color: RGBColor, radius: Int = 6, thickness: Int = 1) {
        let gap = 2.0 + Double(thickness - 1), r = Double(radius)
        drawLine(from: PixelPoint(x: p.x - r, y: p.y), to: PixelPoint(x: p.x - gap, y: p.y), on: &base, color: color, thickness: thickness)
        drawLine(from: PixelPoint(x: p.x + gap, y: p.y), to: PixelPoint(x: p.x + r, y: p.y), on: &base, color: color, thickness: thickness)
        drawLine(from: PixelPoint(x: p.x, y: p.y - r), to: PixelPoint(x: p.x, y: p.y - gap), on: &base, color: color, thickness: thickness)
        drawLine(from: PixelPoint(x: p.x, y: p.y + gap), to: PixelPoint(x: p.x, y: p.y + r), on: &base, color: color, thickness: thickness)
    }

    /// Bresenham's line, clipped to the raster, dashed from `startingAt` pixels into the pattern;
    /// returns where the pattern stands at its end (for the next segment of a polygon).
    @discardableResult
    public static func drawLine(from a: PixelPoint, to b: PixelPoint, on base: inout ColorImage, color: RGBColor, thickness: Int = 1,
                                dash: LineDash = .solid, startingAt start: Int = 0) -> Int {
        guard a.x.isFinite, a.y.isFinite, b.x.isFinite, b.y.isFinite,
              max(abs(a.x), abs(a.y), abs(b.x), abs(b.y)) < 1e7 else { return start }
        var x0 = Int(a.x.rounded(.down)), y0 = Int(a.y.rounded(.down))
        let x1 = Int(b.x.rounded(.down)), y1 = Int(b.y.rounded(.down))
        let dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var error = dx + dy
        let half = max(thickness, 1) / 2
        var step = start
        for _ in 0...(dx - dy) {
            defer { step += 1 }
            for oy in -half...(max(thickness, 1) - 1 - half) where dash.draws(step) {
                for ox in -half...(max(thickness, 1) - 1 - half) {
                    let x = x0 + ox, y = y0 + oy
                    if x >= 0, y >= 0, x < base.width, y < base.height { base[x, y] = color }
                }
            }
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x0 += sx }
            if e2 <= dx { error += dx; y0 += sy }
        }
        return step
    }

    /// Bilinear resampling of a map to `size` (the map covers the same area).
    public static func resample(_ map: GrayImage<Float>, to size: PixelSize) -> GrayImage<Float> {
        if map.size == size { return map }
        var out = [Float](repeating: 0, count: size.width * size.height)
        let sx = Double(map.width) / Double(size.width), sy = Double(map.height) / Double(size.height)
        for y in 0..<size.height {
            let fy = min(max((Double(y) + 0.5) * sy - 0.5, 0), Double(map.height - 1))
            let y0 = Int(fy), y1 = min(y0 + 1, map.height - 1), wy = Float(fy - Double(y0))
            for x in 0..<size.width {
                let fx = min(max((Double(x) + 0.5) * sx - 0.5, 0), Double(map.width - 1))
                let x0 = Int(fx), x1 = min(x0 + 1, map.width - 1), wx = Float(fx - Double(x0))
                let top = map[x0, y0] * (1 - wx) + map[x1, y0] * wx
                let bottom = map[x0, y1] * (1 - wx) + map[x1, y1] * wx
                out[y * size.width + x] = top * (1 - wy) + bottom * wy
            }
        }
        return GrayImage(width: size.width, height: size.height, pixels: out)
    }
}
