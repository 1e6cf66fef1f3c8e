// The xterm 256-colour palette as the cell encoders use it: slots 16–255 only (0–15 follow the
// user's theme), nearest colour, and the two greys around a level for ordered dithering.
import MammoCore

public enum Xterm256 {
    /// Channel levels of the 6x6x6 cube, slots 16–231.
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    public static func colour(of slot: UInt8) -> RGBColor {
        let n = Int(slot)
        if n >= 232 { return RGBColor(grey: UInt8(8 + 10 * (n - 232))) }
        if n < 16 { return system[n] }
        let i = n - 16
        return RGBColor(r: UInt8(cubeLevels[i / 36]), g: UInt8(cubeLevels[i / 6 % 6]), b: UInt8(cubeLevels[i % 6]))
    }

    /// xterm's defaults for 0–15, only so that every slot has a colour; never chosen.
    private static let system: [RGBColor] = [
        RGBColor(r: 0, g: 0, b: 0), RGBColor(r: 205, g: 0, b: 0), RGBColor(r: 0, g: 205, b: 0),
        RGBColor(r: 205, g: 205, b: 0), RGBColor(r: 0, g: 0, b: 238), RGBColor(r: 205, g: 0, b: 205),
        RGBColor(r: 0, g: 205, b: 205), RGBColor(r: 229, g: 229, b: 229), RGBColor(r: 127, g: 127, b: 127),
        RGBColor(r: 255, g: 0, b: 0), RGBColor(r: 0, g: 255, b: 0), RGBColor(r: 255, g: 255, b: 0),
        RGBColor(r: 92, g: 92, b: 255), RGBColor(r: 255, g: 0, b: 255), RGBColor(r: 0, g: 255, b: 255),
        RGBColor(r: 255, g: 255, b: 255),
    ]

    /// All 30 greys the palette has, ascending: the 24-step ramp (8…238) and the cube's
    /// diagonal (0, 95, 135, 175, 215, 255), with their slots.
    static let greys: [(value: Int, slot: UInt8)] = {
        var g: [(Int, UInt8)] = (0..<24).map { (8 + 10 * $0, UInt8(232 + $0)) }
        for (i, v) in cubeLevels.enumerated() { g.append((v, UInt8(16 + 43 * i))) }
        return g.sorted { $0.0 < $1.0 }
    }()

    /// 8-bit grey → index into `greys` of the nearest one.
    private static let nearestGreyIndex: [Int] = (0...255).map { v in
        greys.indices.min { abs(greys[$0].value - v) < abs(greys[$1].value - v) } ?? 0
    }

    /// The slot of the nearest grey to a level.
    public static func nearestGrey(_ level: UInt8) -> UInt8 { greys[nearestGreyIndex[Int(level)]].slot }

    /// The palette greys at or below and at or above a level (the same slot when it is one).
    public static func greyBracket(_ level: UInt8) -> (lower: (value: Int, slot: UInt8), upper: (value: Int, slot: UInt8)) {
        let v = Int(level)
        var i = nearestGreyIndex[Int(level)]
        if greys[i].value > v { i -= 1 }
        let lower = greys[max(i, 0)]
        let upper = greys[min(lower.value == v ? i : i + 1, greys.count - 1)]
        return (lower, upper)
    }

    /// Nearest slot among the cube and all greys, by squared RGB distance.
    public static func nearest(_ c: RGBColor) -> UInt8 {
        if c.isGrey { return nearestGrey(c.r) }
        func level(_ v: UInt8) -> Int {
            var best = 0
            for i in 1..<cubeLevels.count where abs(cubeLevels[i] - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
            return best
        }
        let cube = UInt8(16 + 36 * level(c.r) + 6 * level(c.g) + level(c.b))
        // The nearest grey to a colour is the grey nearest its (fractional) channel mean.
        let sum = Int(c.r) + Int(c.g) + Int(c.b)
        var best = cube, bestDistance = colour(of: cube).distanceSquared(to: c)
        for mean in [sum / 3, (sum + 2) / 3] {
            let slot = nearestGrey(UInt8(mean))
            let d = colour(of: slot).distanceSquared(to: c)
            if d < bestDistance { best = slot; bestDistance = d }
        }
        return best
    }
}
