// A synthetic picture for the details panel (a soft ellipse with a grey ramp and one coloured
// mark), as sixel or braille: enough to check image placement in a real terminal.
import MammoCore
import TermGraphics
import TUI

enum DemoPicture: String, Sendable {
    case none, sixel, braille

    /// Grey tissue-like ellipse on black with a red spot; deterministic.
    static func raster(width: Int, height: Int) -> DisplayRaster {
        var grey = [UInt8](repeating: 0, count: width * height)
        var overlay = [RGBColor?](repeating: nil, count: width * height)
        let cx = Double(width) * 0.35, cy = Double(height) * 0.5
        let rx = Double(width) * 0.6, ry = Double(height) * 0.45
        for y in 0..<height {
            for x in 0..<width {
                let dx = (Double(x) - cx) / rx, dy = (Double(y) - cy) / ry
                let d = dx * dx + dy * dy
                if d < 1 { grey[y * width + x] = UInt8(60 + 180 * (1 - d)) }
                let mx = Double(x) - Double(width) * 0.5, my = Double(y) - Double(height) * 0.4
                if mx * mx + my * my < Double(min(width, height) * min(width, height)) / 100 {
                    overlay[y * width + x] = RGBColor(r: 230, g: 40, b: 40)
                }
            }
        }
        return DisplayRaster(width: width, height: height, grey: grey, overlay: overlay)
    }

    /// Draws the picture into `rect` of the frame, or places it as a sixel image there.
    func draw(in rect: Rect, cellPixels: PixelSize, into frame: inout Frame) {
        guard !rect.isEmpty else { return }
        switch self {
        case .none:
            return
        case .braille:
            let grid = BrailleEncoder(depth: .truecolor).encode(Self.raster(width: rect.width * 2, height: rect.height * 4))
            frame.buffer.draw(grid, at: rect.origin, clip: rect)
        case .sixel:
            let raster = Self.raster(width: rect.width * cellPixels.width, height: rect.height * cellPixels.height)
            frame.place(TerminalImage(bytes: SixelEncoder().encode(raster), cells: rect.size), at: rect.origin)
        }
    }
}
