// Sixel: palette layout, tuned encoder against the naive reference, and ImageMagick decoding
// exactly the palette-quantised source.
import Foundation
import MammoCore
import Testing
@testable import TermGraphics

@Suite("Sixel")
struct SixelEncoderTests {
    /// What every pixel should decode to: the palette's own per-pixel answer.
    static func expectedRegisters(_ raster: DisplayRaster, _ palette: SixelPalette, dither: Bool,
                                  anchor: DitherAnchor = .origin) -> [Int?] {
        var out: [Int?] = []
        for y in 0..<raster.height {
            for x in 0..<raster.width {
                let k = OrderedDither.index(x: x + anchor.x, y: y + anchor.y)
                if let c = raster.overlayColour(x: x, y: y) {
                    out.append(Int(dither ? palette.register(nearest: c, ditherIndex: k) : palette.register(nearest: c)))
                } else {
                    let g = raster.grey[y * raster.width + x]
                    out.append(Int(dither ? palette.register(grey: g, ditherIndex: k) : palette.register(grey: g)))
                }
            }
        }
        return out
    }

    @Test func standardPaletteIs101GreysAndFreeRegisters() {
        let p = SixelPalette.standard()
        #expect(p.greyLevels == 101 && p.registerCount == 101 && p.freeRegisters == 155)
        // Every percentage 0...100 is a grey register, reproduced as round(p * 255 / 100).
        let greys = Set(p.colours.filter(\.isGrey).map(\.r))
        #expect(greys.count == 101)
        #expect(greys.contains(128) && greys.contains(0) && greys.contains(255))
        for level in 0...255 {
            let shown = Int(p.colours[Int(p.register(grey: UInt8(level)))].r)
            #expect(abs(shown - level) <= 1, "grey \(level) shown as \(shown)")
        }
        #expect(SixelPalette.Percentages(red: 50, green: 97, blue: 78).colour == RGBColor(r: 128, g: 247, b: 199))
    }

    @Test func cubePaletteFitsIn256() {
        let p = SixelPalette.withCube()
        #expect(p.greyLevels == 101 && p.cube == SixelPalette.CubeLevels(red: 5, green: 6, blue: 5))
        #expect(p.registerCount <= 256 && p.freeRegisters == 0)
        #expect(Set(p.colours).count == p.registerCount, "no two registers show the same colour")
    }

    @Test func fewerRegistersGiveSmallerPalettes() {
        for registers in [1, 16, 64, 100, 255, 256, 1024] {
            for p in [SixelPalette.standard(registers: registers), SixelPalette.withCube(registers: registers)] {
                #expect(p.registerCount + p.freeRegisters <= max(2, min(registers, 256)), "\(registers) registers")
                #expect(p.greyLevels >= 2)
            }
        }
        #expect(SixelPalette.standard(registers: 16).greyLevels == 10)
        #expect(SixelPalette.standard(registers: 16).freeRegisters == 6)
        #expect(SixelPalette.withCube(registers: 16).greyLevels == 10)
        #expect(SixelPalette.standard(greyLevels: 26).greyLevels == 26)
    }

    @Test func extraColoursAreExactWhereSixelCanShowThem() {
        let annotation = [RGBColor(r: 255, g: 204, b: 0), RGBColor(r: 0, g: 255, b: 255)]
        for p in [SixelPalette.standard(extraColours: annotation), SixelPalette.withCube(extraColours: annotation)] {
            for c in annotation {
                #expect(p.colours[Int(p.register(nearest: c))] == c)
                #expect(p.register(exactly: c) == p.register(nearest: c))
                // Dithering never breaks up an annotation stroke.
                for k in 0..<64 { #expect(p.register(nearest: c, ditherIndex: k) == p.register(nearest: c)) }
            }
        }
        #expect(SixelPalette(greyLevels: 101, cube: .init(red: 6, green: 6, blue: 6)) == nil, "311 registers do not fit")
        #expect(SixelPalette(greyLevels: 1) == nil)
        #expect(SixelPalette(greyLevels: 20, registerLimit: 16) == nil)
    }

    @Test func nearestColourSearchIsExhaustive() {
        let p = SixelPalette.withCube(extraColours: [TestRasters.orange])
        var rng = TestRasters.Seeded(state: 7)
        for _ in 0..<2000 {
            let c = RGBColor(r: UInt8(rng.below(256)), g: UInt8(rng.below(256)), b: UInt8(rng.below(256)))
            let best = p.colours.map { $0.distanceSquared(to: c) }.min() ?? 0
            #expect(p.colours[Int(p.register(nearest: c))].distanceSquared(to: c) == best, "\(c)")
        }
    }

    @Test func framingAndRunLength() throws {
        let bytes = SixelEncoder().encode(DisplayRaster(width: 40, height: 7, repeating: 128))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("\u{1B}P0;1;0q\"1;1;40;7#50;2;50;50;50#50"))
        #expect(text.hasSuffix("\u{1B}\\"))
        // One band of full sixels, then a band with the seventh row only.
        #expect(text.contains("#50!40~-#50!40@"))
        let empty = SixelEncoder().encode(DisplayRaster(width: 0, height: 0, grey: []))
        #expect(String(decoding: empty, as: UTF8.self) == "\u{1B}P0;1;0q\"1;1;0;0\u{1B}\\")
    }

    /// With a cube every pixel's register is the palette's own per-pixel answer.
    @Test(arguments: [false, true])
    func cubeQuantisationMatchesThePalettePerPixel(dither: Bool) {
        for palette in [SixelPalette.withCube(), SixelPalette.withCube(registers: 16)] {
            let encoder = SixelEncoder(palette: palette, dithering: dither ? .ordered : .none)
            for raster in [TestRasters.small, TestRasters.noisy(width: 37, height: 23)] {
                let anchor = DitherAnchor(x: 3, y: -5)
                #expect(encoder.quantise(raster, anchor: anchor).registers.map(Int.init)
                        == Self.expectedRegisters(raster, palette, dither: dither, anchor: anchor).map { $0 ?? -1 })
            }
        }
    }

    /// Without a cube overlay colours get this image's own registers: close to the source,
    /// extras exact, greys untouched.
    @Test func overlayColoursGetRegistersOfTheirOwn() {
        let extras = [TestRasters.green]
        let palette = SixelPalette.standard(extraColours: extras)
        let raster = TestRasters.noisy(width: 80, height: 60)
        var withStroke = raster
        for x in 0..<80 { withStroke.setOverlay(TestRasters.green, x: x, y: 3) }
        let image = SixelEncoder(palette: palette).quantise(withStroke)
        #expect(image.definitions.count <= 256 && image.definitions.count > palette.registerCount)
        var squaredError = 0, colourPixels = 0
        for y in 0..<60 {
            for x in 0..<80 {
                let shown = image.colour(x: x, y: y), register = Int(image.registers[y * 80 + x])
                if let c = withStroke.overlayColour(x: x, y: y) {
                    if c == TestRasters.green { #expect(shown == c); continue }
                    #expect(register >= palette.registerCount)
                    squaredError += shown.distanceSquared(to: c); colourPixels += 1
                } else {
                    #expect(register == Int(palette.register(grey: withStroke.grey[y * 80 + x])))
                }
            }
        }
        let rms = (Double(squaredError) / Double(max(colourPixels, 1) * 3)).squareRoot()
        #expect(colourPixels > 500 && rms < 4, "overlay RMS error \(rms) over \(colourPixels) pixels")
        // Few distinct colours: every one gets a register that shows it within rounding.
        let small = SixelEncoder().quantise(TestRasters.small)
        for (x, y) in [(2, 2), (9, 5), (10, 6)] {
            let c = TestRasters.small.overlayColour(x: x, y: y) ?? .black
            #expect(small.colour(x: x, y: y).distanceSquared(to: c) <= 3 * 3 * 3)
        }
    }

    @Test func tunedAndReferenceDecodeToTheSameImage() throws {
        let rasters = [TestRasters.small, TestRasters.noisy(width: 37, height: 23), TestRasters.noisy(width: 64, height: 13, seed: 3),
                       DisplayRaster(width: 1, height: 1, repeating: 7)]
        let encoders = [SixelEncoder(), SixelEncoder(palette: .standard(registers: 16)), SixelEncoder(palette: .withCube()),
                        SixelEncoder(palette: .withCube(), dithering: .ordered), SixelEncoder(palette: .standard(greyLevels: 26))]
        for encoder in encoders {
            for raster in rasters {
                let image = encoder.quantise(raster, anchor: DitherAnchor(x: 3, y: -5))
                let tuned = try SixelDecoder.decode(encoder.encode(image))
                let naive = try SixelDecoder.decode(SixelReferenceEncoder.encode(image))
                #expect(tuned == naive)
                #expect(tuned.width == raster.width && tuned.height == raster.height)
                #expect(tuned.registers == image.registers.map { Int($0) })
            }
        }
    }

    @Test func tunedOutputIsSmallerThanReference() {
        let image = SixelEncoder().quantise(TestRasters.noisy(width: 120, height: 60))
        let tuned = SixelEncoder().encode(image).count, naive = SixelReferenceEncoder.encode(image).count
        #expect(tuned * 2 < naive, "tuned \(tuned) B, reference \(naive) B")
    }

    @Test func imageMagickDecodesThePaletteQuantisedSource() throws {
        guard ImageMagick.available else {
            print("skipped: /usr/bin/convert (ImageMagick) absent; `make test` installs it")
            return
        }
        let cases = [(TestRasters.small, SixelEncoder()), (TestRasters.noisy(width: 50, height: 31), SixelEncoder()),
                     (TestRasters.noisy(width: 33, height: 20), SixelEncoder(palette: .standard(registers: 16))),
                     (TestRasters.noisy(width: 41, height: 17), SixelEncoder(palette: .withCube(), dithering: .ordered))]
        for (raster, encoder) in cases {
            let image = encoder.quantise(raster)
            let decoded = try #require(try ImageMagick.decodeSixel(encoder.encode(image)), "ImageMagick could not read our sixel")
            #expect(decoded.width == raster.width && decoded.height == raster.height)
            var expected: [UInt8] = []
            for y in 0..<raster.height {
                for x in 0..<raster.width {
                    let c = image.colour(x: x, y: y)
                    expected += [c.r, c.g, c.b]
                }
            }
            #expect(decoded.rgb == expected)
        }
    }

    @Test func synchronizedAndPlaced() {
        let image: [UInt8] = Array("IMG".utf8)
        let placed = String(decoding: TerminalSequence.place(image, row: 3, column: 10), as: UTF8.self)
        #expect(placed == "\u{1B}[?2026h\u{1B}7\u{1B}[3;10HIMG\u{1B}8\u{1B}[?2026l")
        #expect(TerminalSequence.cursorPosition(row: 0, column: -2) == Array("\u{1B}[1;1H".utf8))
    }
}
