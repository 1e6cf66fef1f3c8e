// The fixed part of the sixel palette: a grey ramp, exact extra colours (annotations) and,
// optionally, a colour cube. Fixed means greys need no per-image quantisation, stay the same
// while panning or windowing, and cost one table read per pixel.
import MammoCore

/// Sixel colour components are percentages, so a register can show at most 101 greys; every
/// colour here is stored as the terminal reproduces it from the percentages we send.
///
/// Overlay colours (heatmap pixels) go one of two ways. With a cube they take the nearest
/// palette colour: fully fixed, but a 5x6x5 cube leaves heatmap pixels about 25 dB from their
/// source. Without one (the standard palette) the registers left free up to `registerLimit`
/// are filled per image from the overlay's own colours (`SixelOverlayColours`).
public struct SixelPalette: Sendable, Equatable {
    /// Levels per channel of the colour cube; `.none` for no cube.
    public struct CubeLevels: Hashable, Sendable {
        public var red: Int, green: Int, blue: Int
        public init(red: Int, green: Int, blue: Int) { self.red = red; self.green = green; self.blue = blue }
        public static let none = CubeLevels(red: 0, green: 0, blue: 0)
        public var count: Int { red * green * blue }
    }

    /// One register's definition as sent: components in percent, 0...100.
    public struct Percentages: Hashable, Sendable {
        public var red: UInt8, green: UInt8, blue: UInt8
        public init(red: UInt8, green: UInt8, blue: UInt8) { self.red = red; self.green = green; self.blue = blue }

        /// The nearest percentages to an 8-bit colour.
        public init(_ colour: RGBColor) {
            self.init(red: SixelPalette.percent(of: colour.r), green: SixelPalette.percent(of: colour.g),
                      blue: SixelPalette.percent(of: colour.b))
        }

        /// What the terminal shows for these percentages.
        public var colour: RGBColor {
            RGBColor(r: SixelPalette.reproduce(red), g: SixelPalette.reproduce(green), b: SixelPalette.reproduce(blue))
        }
    }

    /// Full ramp: every percentage 0...100 is a grey, steps of 1 %.
    public static let maximumGreyLevels = 101

    /// Register → colour the terminal shows. Registers are numbered from 0: greys, cube, extras.
    public let colours: [RGBColor]
    /// Register → what we send in `#r;2;R;G;B`.
    public let percentages: [Percentages]
    public let greyLevels: Int
    public let cube: CubeLevels
    /// The extra colours asked for, in order (each has a register holding it exactly).
    public let extraColours: [RGBColor]
    /// How many registers the terminal has (at most 256 are used).
    public let registerLimit: Int

    /// 8-bit grey → nearest grey register.
    let greyRegister: [UInt8]
    /// Cube cell (r * green + g) * blue + b → register (shared with a grey when identical).
    let cubeRegister: [UInt8]
    /// Per channel, 8-bit value → nearest cube level index; empty without a cube.
    let cubeLevelOfRed: [UInt8], cubeLevelOfGreen: [UInt8], cubeLevelOfBlue: [UInt8]
    /// Registers of the extra colours (after de-duplication).
    let extraRegisters: [UInt8]
    /// Grey spacing in 8-bit units and cube spacing per channel: the ordered dither amplitude.
    let greyStep: Double
    let cubeSteps: (red: Double, green: Double, blue: Double)

    public var registerCount: Int { colours.count }
    /// Registers left for per-image overlay colours; none when a cube handles colour.
    public var freeRegisters: Int { cube.count > 0 ? 0 : max(0, min(registerLimit, 256) - colours.count) }

    public static func == (a: SixelPalette, b: SixelPalette) -> Bool {
        a.percentages == b.percentages && a.greyLevels == b.greyLevels && a.cube == b.cube
            && a.extraColours == b.extraColours && a.registerLimit == b.registerLimit
    }

    /// Builds a palette; nil when the parts need more than `min(registerLimit, 256)` registers
    /// (identical colours share one) or a part is degenerate (fewer than 2 greys, a cube axis of 1).
    public init?(greyLevels: Int, cube: CubeLevels = .none, extraColours: [RGBColor] = [], registerLimit: Int = 256) {
        guard (2...Self.maximumGreyLevels).contains(greyLevels), registerLimit >= 2 else { return nil }
        let axes = [cube.red, cube.green, cube.blue]
        guard axes.allSatisfy({ $0 == 0 }) || axes.allSatisfy({ (2...101).contains($0) }) else { return nil }
        let (palette, complete) = Self.build(greyLevels: greyLevels, cube: cube, extraColours: extraColours,
                                             registerLimit: registerLimit)
        guard complete else { return nil }
        self = palette
    }

    /// The palette for a terminal with `registers` colour registers: a grey ramp of
    /// `greyLevels` (fewer when registers are few: five eighths of them), the extra colours
    /// exactly while they fit, and the rest free for each image's overlay colours.
    public static func standard(registers: Int = 256, greyLevels: Int = maximumGreyLevels,
                                extraColours: [RGBColor] = []) -> SixelPalette {
        let budget = min(max(registers, 2), 256)
        var extras: [RGBColor] = []
        for c in extraColours where !extras.contains(c) && extras.count < budget - 2 { extras.append(c) }
        let greys = max(2, min(greyLevels, Self.maximumGreyLevels, budget - extras.count, max(2, budget * 5 / 8)))
        return build(greyLevels: greys, cube: .none, extraColours: extras, registerLimit: budget).0
    }

    /// A ramp of 3 % steps. On a windowed CBIS-DDSM view with a heat map (856x1560):
    /// 0.112 B/px at 47.6 dB PSNR, against img2sixel 1.10's 0.122 B/px at 41.3 dB; the full
    /// 101-grey ramp sends 0.257 B/px at 54.6 dB (scripts/bench-graphics.sh, BENCHMARKS.md).
    public static let compactGreyLevels = 34
    /// Grey levels terminals get unless asked otherwise: the compact ramp, on every link. At
    /// 47.6 dB its steps sit below what the display's own 8 bits and the eye separate in a
    /// windowed image, and it keeps a full-screen four-view frame under half the bytes.
    public static let defaultGreyLevels = compactGreyLevels

    /// A palette that needs no per-image work at all: 101 greys and a 5x6x5 cube (green gets
    /// a level more: the eye resolves it best) with 256 registers, smaller ramps and cubes
    /// with fewer. Cube corners black and white share the ramp's registers.
    public static func withCube(registers: Int = 256, extraColours: [RGBColor] = []) -> SixelPalette {
        let budget = min(max(registers, 2), 256)
        var extras: [RGBColor] = []
        for c in extraColours where !extras.contains(c) && extras.count < budget - 2 { extras.append(c) }
        let cubes: [CubeLevels] = [
            CubeLevels(red: 5, green: 6, blue: 5), CubeLevels(red: 5, green: 5, blue: 5),
            CubeLevels(red: 4, green: 5, blue: 4), CubeLevels(red: 4, green: 4, blue: 4),
            CubeLevels(red: 3, green: 4, blue: 3), CubeLevels(red: 3, green: 3, blue: 3),
            CubeLevels(red: 2, green: 3, blue: 2), CubeLevels(red: 2, green: 2, blue: 2),
        ]
        let room = budget - extras.count
        let greys = room >= 101 + 148 ? 101 : max(2, min(101, room * 5 / 8))
        for cube in cubes where greys + cube.count - 2 <= room {
            let (palette, complete) = build(greyLevels: greys, cube: cube, extraColours: extras, registerLimit: budget)
            if complete { return palette }
        }
        return build(greyLevels: max(2, min(101, room)), cube: .none, extraColours: extras, registerLimit: budget).0
    }

    /// Assembles the registers in order greys, cube, extras; identical colours share a register.
    /// Parts that do not fit are left out and `complete` is false.
    private static func build(greyLevels: Int, cube: CubeLevels, extraColours: [RGBColor],
                              registerLimit: Int) -> (SixelPalette, complete: Bool) {
        let capacity = min(registerLimit, 256)
        var colours: [RGBColor] = []
        var percentages: [Percentages] = []
        var registerOfColour: [RGBColor: UInt8] = [:]
        var complete = true
        func add(_ p: Percentages) -> UInt8 {
            let c = p.colour
            if let existing = registerOfColour[c] { return existing }
            guard colours.count < capacity else { complete = false; return 0 }
            let r = UInt8(colours.count)
            colours.append(c); percentages.append(p); registerOfColour[c] = r
            return r
        }

        let greyRegisters = (0..<greyLevels).map { i -> UInt8 in
            let p = percent(i, of: greyLevels)
            return add(Percentages(red: p, green: p, blue: p))
        }
        let greyValues = greyRegisters.map { colours[Int($0)].r }
        let greyRegister = (0...255).map { v in nearest(UInt8(v), among: greyValues, registers: greyRegisters) }

        var cubeRegister: [UInt8] = []
        for r in 0..<cube.red {
            for g in 0..<cube.green {
                for b in 0..<cube.blue {
                    cubeRegister.append(add(Percentages(red: percent(r, of: cube.red), green: percent(g, of: cube.green),
                                                        blue: percent(b, of: cube.blue))))
                }
            }
        }
        func levelTable(_ n: Int) -> [UInt8] {
            guard n > 0 else { return [] }
            let values = (0..<n).map { reproduce(percent($0, of: n)) }
            return (0...255).map { v in nearest(UInt8(v), among: values, registers: (0..<n).map { UInt8($0) }) }
        }

        var extraRegisters: [UInt8] = []
        for c in extraColours {
            let reg = add(Percentages(c))
            if !extraRegisters.contains(reg) { extraRegisters.append(reg) }
        }
        let steps = cube.count > 0
            ? (255 / Double(cube.red - 1), 255 / Double(cube.green - 1), 255 / Double(cube.blue - 1)) : (0.0, 0.0, 0.0)
        let palette = SixelPalette(
            colours: colours, percentages: percentages, greyLevels: greyLevels, cube: cube, extraColours: extraColours,
            registerLimit: registerLimit, greyRegister: greyRegister, cubeRegister: cubeRegister,
            cubeLevelOfRed: levelTable(cube.red), cubeLevelOfGreen: levelTable(cube.green), cubeLevelOfBlue: levelTable(cube.blue),
            extraRegisters: extraRegisters, greyStep: 255 / Double(greyLevels - 1), cubeSteps: steps)
        return (palette, complete)
    }

    private init(colours: [RGBColor], percentages: [Percentages], greyLevels: Int, cube: CubeLevels, extraColours: [RGBColor],
                 registerLimit: Int, greyRegister: [UInt8], cubeRegister: [UInt8],
                 cubeLevelOfRed: [UInt8], cubeLevelOfGreen: [UInt8], cubeLevelOfBlue: [UInt8],
                 extraRegisters: [UInt8], greyStep: Double, cubeSteps: (red: Double, green: Double, blue: Double)) {
        self.colours = colours; self.percentages = percentages; self.greyLevels = greyLevels; self.cube = cube
        self.extraColours = extraColours; self.registerLimit = registerLimit
        self.greyRegister = greyRegister; self.cubeRegister = cubeRegister
        self.cubeLevelOfRed = cubeLevelOfRed; self.cubeLevelOfGreen = cubeLevelOfGreen; self.cubeLevelOfBlue = cubeLevelOfBlue
        self.extraRegisters = extraRegisters; self.greyStep = greyStep; self.cubeSteps = cubeSteps
    }

    /// Register for a grey level, no dithering.
    public func register(grey level: UInt8) -> UInt8 { greyRegister[Int(level)] }

    /// The register of an extra colour given exactly, if it is one.
    public func register(exactly colour: RGBColor) -> UInt8? {
        extraRegisters.first { colours[Int($0)] == colour }
    }

    /// The register whose colour is nearest to `colour` among greys, cube and extras.
    public func register(nearest colour: RGBColor) -> UInt8 {
        // The nearest grey to a colour is the level nearest its channel mean; the mean is
        // fractional, so the levels nearest its floor and its ceiling are both candidates.
        let sum = Int(colour.r) + Int(colour.g) + Int(colour.b)
        var best = greyRegister[sum / 3]
        var bestDistance = colours[Int(best)].distanceSquared(to: colour)
        let above = greyRegister[(sum + 2) / 3]
        let aboveDistance = colours[Int(above)].distanceSquared(to: colour)
        if aboveDistance < bestDistance { best = above; bestDistance = aboveDistance }
        if !cubeRegister.isEmpty {
            let cell = (Int(cubeLevelOfRed[Int(colour.r)]) * cube.green + Int(cubeLevelOfGreen[Int(colour.g)])) * cube.blue
                + Int(cubeLevelOfBlue[Int(colour.b)])
            let reg = cubeRegister[cell]
            let d = colours[Int(reg)].distanceSquared(to: colour)
            if d < bestDistance { best = reg; bestDistance = d }
        }
        for reg in extraRegisters {
            let d = colours[Int(reg)].distanceSquared(to: colour)
            if d < bestDistance { best = reg; bestDistance = d }
        }
        return best
    }

    /// Register for a grey under ordered dithering with Bayer index `ditherIndex` (0...63):
    /// the level is moved by up to half a ramp step before rounding, which keeps the local mean.
    public func register(grey level: UInt8, ditherIndex: Int) -> UInt8 {
        greyRegister[Int(Self.jitter(level, by: Self.ditherOffset(ditherIndex, step: greyStep)))]
    }

    /// Register for a colour under ordered dithering. A colour the palette holds exactly (an
    /// annotation colour) is never dithered, so strokes stay solid.
    public func register(nearest colour: RGBColor, ditherIndex: Int) -> UInt8 {
        let exact = register(nearest: colour)
        if colours[Int(exact)] == colour { return exact }
        let steps = cube.count > 0 ? cubeSteps : (red: greyStep, green: greyStep, blue: greyStep)
        return register(nearest: RGBColor(
            r: Self.jitter(colour.r, by: Self.ditherOffset(ditherIndex, step: steps.red)),
            g: Self.jitter(colour.g, by: Self.ditherOffset(ditherIndex, step: steps.green)),
            b: Self.jitter(colour.b, by: Self.ditherOffset(ditherIndex, step: steps.blue))))
    }

    /// (k + 0.5) / 64 - 0.5 of a step, rounded to whole 8-bit units.
    static func ditherOffset(_ k: Int, step: Double) -> Int {
        Int((((Double(k & 63) + 0.5) / 64 - 0.5) * step).rounded())
    }

    static func jitter(_ v: UInt8, by offset: Int) -> UInt8 { UInt8(min(max(Int(v) + offset, 0), 255)) }

    /// How a terminal turns a sent percentage into 8 bits: round(p * 255 / 100), as xterm and
    /// ImageMagick do.
    @inlinable
    public static func reproduce(_ percent: UInt8) -> UInt8 { UInt8((Int(min(percent, 100)) * 255 + 50) / 100) }

    /// Nearest percentage for an 8-bit value.
    @inlinable
    public static func percent(of value: UInt8) -> UInt8 { UInt8((Int(value) * 100 + 127) / 255) }

    static func percent(_ level: Int, of levels: Int) -> UInt8 {
        UInt8((level * 100 + (levels - 1) / 2) / (levels - 1))
    }

    private static func nearest(_ v: UInt8, among values: [UInt8], registers: [UInt8]) -> UInt8 {
        var best = 0, bestDistance = Int.max
        for (i, value) in values.enumerated() {
            let d = abs(Int(value) - Int(v))
            if d < bestDistance { best = i; bestDistance = d }
        }
        return registers[best]
    }
}
