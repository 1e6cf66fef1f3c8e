// The xterm 256-colour palette: what slot n looks like, and the nearest slot for a 24-bit
// colour when the terminal cannot show direct colour (tmux-256color, xterm-256color).
import MammoCore

public enum XtermPalette {
    /// Channel levels of the 6x6x6 colour cube (slots 16–231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// xterm's defaults for the 16 system colours; real terminals theme these, which is why the
    /// nearest-colour search never picks them.
    static let system: [RGBColor] = [
        RGBColor(r: 0, g: 0, b: 0), RGBColor(r: 205, g: 0, b: 0), RGBColor(r: 0, g: 205, b: 0),
        RGBColor(r: 205, g: 205, b: 0), RGBColor(r: 0, g: 0, b: 238), RGBColor(r: 205, g: 0, b: 205),
        RGBColor(r: 0, g: 205, b: 205), RGBColor(r: 229, g: 229, b: 229), RGBColor(r: 127, g: 127, b: 127),
        RGBColor(r: 255, g: 0, b: 0), RGBColor(r: 0, g: 255, b: 0), RGBColor(r: 255, g: 255, b: 0),
        RGBColor(r: 92, g: 92, b: 255), RGBColor(r: 255, g: 0, b: 255), RGBColor(r: 0, g: 255, b: 255),
        RGBColor(r: 255, g: 255, b: 255),
    ]

    public static func colour(of slot: UInt8) -> RGBColor {
        let n = Int(slot)
        if n < 16 { return system[n] }
        if n >= 232 { return RGBColor(grey: UInt8(8 + 10 * (n - 232))) }
        let i = n - 16
        return RGBColor(r: UInt8(cubeLevels[i / 36]), g: UInt8(cubeLevels[i / 6 % 6]), b: UInt8(cubeLevels[i % 6]))
    }

    /// The closest slot among the cube (16–231) and the grey ramp (232–255), by squared RGB
    /// distance. Greys matter most here: a mammogram in braille is mostly grey cells, and the
    /// ramp has 24 steps where the cube diagonal has 6.
    public static func nearestSlot(to c: RGBColor) -> UInt8 {
        func nearestLevel(_ v: UInt8) -> Int {
            var best = 0
            for i in 1..<cubeLevels.count where abs(cubeLevels[i] - Int(v)) < abs(cubeLevels[best] - Int(v)) { best = i }
            return best
        }
        let (ri, gi, bi) = (nearestLevel(c.r), nearestLevel(c.g), nearestLevel(c.b))
        let cubeSlot = 16 + 36 * ri + 6 * gi + bi
        let mean = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let greyIndex = min(max((mean - 8 + 5) / 10, 0), 23)
        let greySlot = 232 + greyIndex
        let cubeDistance = distance(c, colour(of: UInt8(cubeSlot)))
        let greyDistance = distance(c, colour(of: UInt8(greySlot)))
        return UInt8(greyDistance < cubeDistance ? greySlot : cubeSlot)
    }

    /// The closest of the first `count` system colours (8 or 16), for terminals without 256.
    public static func nearestSystemSlot(to c: RGBColor, count: Int) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for i in 0..<min(max(count, 1), 16) {
            let d = distance(c, system[i])
            if d < bestDistance { best = i; bestDistance = d }
        }
        return UInt8(best)
    }

    static func distance(_ a: RGBColor, _ b: RGBColor) -> Int {
        let dr = Int(a.r) - Int(b.r), dg = Int(a.g) - Int(b.g), db = Int(a.b) - Int(b.b)
        return dr * dr + dg * dg + db * db
    }
}
