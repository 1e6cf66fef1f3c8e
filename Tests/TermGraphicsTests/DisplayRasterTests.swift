// The encoders' input: a composed colour image splits into greys and overlay colours without
// loss, and edge-sized rasters encode in every mode.
import MammoCore
import Testing
@testable import TermGraphics

@Suite("Display raster")
struct DisplayRasterTests {
    @Test func colourImageSplitsIntoGreyAndOverlay() {
        let pixels = [RGBColor(grey: 10), RGBColor(r: 200, g: 30, b: 30), RGBColor(grey: 255), RGBColor(r: 0, g: 0, b: 1)]
        let raster = DisplayRaster(GrayImage(width: 2, height: 2, pixels: pixels))
        #expect(raster.grey[0] == 10 && raster.grey[2] == 255)
        #expect(raster.overlay == [nil, RGBColor(r: 200, g: 30, b: 30), nil, RGBColor(r: 0, g: 0, b: 1)])
        #expect(raster.composited == pixels, "nothing lost")
        let greyOnly = DisplayRaster(GrayImage(width: 2, height: 1, pixels: [RGBColor(grey: 1), RGBColor(grey: 2)]))
        #expect(greyOnly.overlay == nil, "a grey image gets the grey-only paths")
        var r = DisplayRaster(width: 3, height: 1, repeating: 50)
        r.setOverlay(nil, x: 1, y: 0)
        #expect(r.overlay == nil, "clearing where nothing was creates no layer")
        r.setOverlay(.white, x: 1, y: 0)
        #expect(r.colour(x: 1, y: 0) == .white && r.colour(x: 0, y: 0) == RGBColor(grey: 50))
        r.setGrey(7, x: 2, y: 0)
        #expect(r.colour(x: 2, y: 0) == RGBColor(grey: 7) && r.size == PixelSize(width: 3, height: 1))
    }

    @Test(arguments: [(1, 1), (1, 7), (7, 1), (13, 6), (2, 5)])
    func tinyRastersEncodeEverywhere(size: (Int, Int)) throws {
        let raster = TestRasters.noisy(width: size.0, height: size.1, blob: false)
        let image = SixelEncoder().quantise(raster)
        let decoded = try SixelDecoder.decode(SixelEncoder().encode(image))
        #expect(decoded.registers == image.registers.map { Int($0) })
        for depth in ColourDepth.allCases {
            let braille = BrailleEncoder(depth: depth).encode(raster)
            #expect(braille.columns == (size.0 + 1) / 2 && braille.rows == (size.1 + 3) / 4)
            #expect(HalfBlockEncoder(depth: depth).encode(raster).rows == (size.1 + 1) / 2)
        }
        #expect(AsciiEncoder().encode(raster).count == size.1)
    }

    @Test func indexedImagesAreChecked() {
        let definitions = [SixelPalette.Percentages(red: 0, green: 0, blue: 0)]
        #expect(SixelIndexedImage(width: 1, height: 1, registers: [0], definitions: definitions) != nil)
        #expect(SixelIndexedImage(width: 1, height: 1, registers: [1], definitions: definitions) == nil, "undefined register")
        #expect(SixelIndexedImage(width: 2, height: 1, registers: [0], definitions: definitions) == nil, "wrong size")
    }
}
