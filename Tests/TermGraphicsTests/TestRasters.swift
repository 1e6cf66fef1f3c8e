// Rasters the TermGraphics tests draw: a small gradient with a few coloured pixels (the golden
// snapshots) and larger seeded ones with a heatmap-like blob.
import MammoCore
import TermGraphics

enum TestRasters {
    static let red = RGBColor(r: 255, g: 0, b: 0)
    static let green = RGBColor(r: 0, g: 255, b: 0)
    static let orange = RGBColor(r: 250, g: 140, b: 20)
    static let purple = RGBColor(r: 120, g: 30, b: 140)

    /// 16x12: grey rising left to right and top to bottom, a red pixel pair, a 2x2 warm blob,
    /// a green annotation stroke along the bottom right.
    static var small: DisplayRaster {
        let grey: [UInt8] = (0..<192).map { (i: Int) -> UInt8 in UInt8((i % 16) * 14 + (i / 16) * 2) }
        var r = DisplayRaster(width: 16, height: 12, grey: grey)
        r.setOverlay(red, x: 2, y: 2); r.setOverlay(red, x: 3, y: 2)
        for (x, y) in [(9, 5), (10, 5), (9, 6), (10, 6)] { r.setOverlay(x == 9 ? orange : purple, x: x, y: y) }
        for x in 11..<16 { r.setOverlay(green, x: x, y: 10) }
        return r
    }

    /// A seeded pseudo-random generator (xorshift) so larger rasters are the same every run.
    struct Seeded {
        var state: UInt64
        mutating func next() -> UInt64 { state ^= state << 13; state ^= state >> 7; state ^= state << 17; return state }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    /// Gradient plus noise, with a blob of blended warm colours: "mostly grey, some colour".
    static func noisy(width: Int, height: Int, seed: UInt64 = 42, blob: Bool = true) -> DisplayRaster {
        var rng = Seeded(state: seed)
        var grey = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let base = (x * 200 / max(width, 1) + y * 55 / max(height, 1))
                grey[y * width + x] = UInt8(min(max(base + rng.below(9) - 4, 0), 255))
            }
        }
        var r = DisplayRaster(width: width, height: height, grey: grey)
        guard blob else { return r }
        let cx = width / 2, cy = height / 2, radius = max(2, min(width, height) / 4)
        for y in max(0, cy - radius)..<min(height, cy + radius) {
            for x in max(0, cx - radius)..<min(width, cx + radius) {
                let d = Double((x - cx) * (x - cx) + (y - cy) * (y - cy)).squareRoot() / Double(radius)
                guard d < 1 else { continue }
                let heat = 1 - d, g = Double(grey[y * width + x])
                // A warm ramp (dark purple → orange → yellow) at 50 % over the grey.
                let top = RGBColor(r: UInt8(255 * heat.squareRoot()), g: UInt8(255 * heat * heat), b: UInt8(60 * (1 - heat)))
                r.setOverlay(top.blended(over: RGBColor(grey: UInt8(g)), alpha: 0.5), x: x, y: y)
            }
        }
        return r
    }
}
