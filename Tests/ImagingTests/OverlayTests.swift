// Overlays are drawn at display resolution, leave quiet areas alone, and land where the
// stored-image coordinates say; detail-preserving downsampling keeps single bright specks.
import Imaging
import MammoCore
import Testing

@Suite("Overlays and detail")
struct OverlayTests {
    @Test func colormapEndpoints() {
        // matplotlib's inferno runs from (0, 0, 4) to (252, 255, 164); turbo is green in the middle, red at the top.
        let first = Colormap.inferno.table[0], last = Colormap.inferno.table[255]
        #expect(first.r <= 3 && first.g <= 3 && first.b <= 8)
        #expect(last.r >= 245 && last.g >= 245 && (150...175).contains(last.b))
        #expect(Colormap.turbo.table[128].g > Colormap.turbo.table[128].r && Colormap.turbo.table[128].g > Colormap.turbo.table[128].b)
        #expect(Colormap.turbo.table[255].r > Colormap.turbo.table[255].b)
        // Inferno's luminance rises monotonically: it reads as "more" without a legend.
        let luminance = Colormap.inferno.table.map { 0.2126 * Double($0.r) + 0.7152 * Double($0.g) + 0.0722 * Double($0.b) }
        #expect(zip(luminance, luminance.dropFirst()).allSatisfy { $0 <= $1 + 1.0 })
    }

    @Test func heatmapBlendLeavesQuietAreasAlone() {
        let grey = GrayImage<UInt8>(width: 8, height: 8, repeating: 100)
        var base = OverlayCompositor.colorize(grey)
        var heat = GrayImage<Float>(width: 8, height: 8, repeating: 0.05)
        heat[4, 4] = 1
        OverlayCompositor.drawHeatmap(heat, on: &base, style: HeatmapStyle(mode: .blend, opacity: 0.6, threshold: 0.2))
        #expect(base[0, 0] == RGBColor(grey: 100))
        #expect(base[4, 4] != RGBColor(grey: 100))
    }

    @Test func contoursOnlyOnTheBoundary() {
        var base = OverlayCompositor.colorize(GrayImage<UInt8>(width: 9, height: 9, repeating: 0))
        var heat = GrayImage<Float>(width: 9, height: 9, repeating: 0)
        for y in 2...6 { for x in 2...6 { heat[x, y] = 0.9 } }
        OverlayCompositor.drawHeatmap(heat, on: &base, style: HeatmapStyle(mode: .contour, contourLevels: [0.5]))
        #expect(base[2, 4] != RGBColor(grey: 0))   // edge
        #expect(base[4, 4] == RGBColor(grey: 0))   // inside stays
        #expect(base[0, 0] == RGBColor(grey: 0))   // outside stays
    }

    @Test func dashesLeaveGapsAndRunOnAroundCorners() {
        func drawn(_ dash: LineDash) -> [Bool] {
            var base = OverlayCompositor.colorize(GrayImage<UInt8>(width: 40, height: 3, repeating: 0))
            OverlayCompositor.drawLine(from: PixelPoint(x: 0, y: 1), to: PixelPoint(x: 39, y: 1), on: &base, color: RGBColor(grey: 255), dash: dash)
            return (0..<40).map { base[$0, 1] == RGBColor(grey: 255) }
        }
        #expect(drawn(.solid).allSatisfy { $0 })
        let dashed = drawn(LineDash(on: 6, off: 4))
        #expect(dashed.filter { $0 }.count == 24)   // 4 whole periods of 10
        #expect(Array(dashed[0..<10]) == Array(repeating: true, count: 6) + Array(repeating: false, count: 4))
        // A polygon's pattern continues from one side to the next instead of restarting at each corner.
        var dummy = OverlayCompositor.colorize(GrayImage<UInt8>(width: 8, height: 2, repeating: 0))
        let end = OverlayCompositor.drawLine(from: PixelPoint(x: 0, y: 0), to: PixelPoint(x: 4, y: 0), on: &dummy, color: RGBColor(grey: 1),
                                             dash: LineDash(on: 2, off: 2), startingAt: 3)
        #expect(end == 8)
    }

    @Test func opacityZeroDrawsNoMapAndContoursTakeTheOpacity() {
        var heat = GrayImage<Float>(width: 9, height: 9, repeating: 0)
        for y in 2...6 { for x in 2...6 { heat[x, y] = 0.9 } }
        let grey = OverlayCompositor.colorize(GrayImage<UInt8>(width: 9, height: 9, repeating: 100))
        for mode in HeatmapStyle.Mode.allCases {
            var base = grey
            OverlayCompositor.drawHeatmap(heat, on: &base, style: HeatmapStyle(mode: mode, opacity: 0, contourLevels: [0.5]))
            #expect(base.pixels == grey.pixels, "\(mode) at opacity 0")
        }
        var half = grey, full = grey
        OverlayCompositor.drawHeatmap(heat, on: &half, style: HeatmapStyle(mode: .contour, opacity: 0.5, contourLevels: [0.5]))
        OverlayCompositor.drawHeatmap(heat, on: &full, style: HeatmapStyle(mode: .contour, opacity: 1, contourLevels: [0.5]))
        #expect(full[2, 4] == HeatmapStyle().colormap.color(0.5))
        #expect(half[2, 4] == HeatmapStyle().colormap.color(0.5).blended(over: RGBColor(grey: 100), alpha: 0.5))
        #expect(half[4, 4] == RGBColor(grey: 100))
    }

    @Test func geometryMapsOutlinesThroughFlips() {
        let g = DisplayGeometry(stored: PixelSize(width: 1000, height: 2000), display: PixelSize(width: 100, height: 200), flipHorizontal: true)
        let p = g.toDisplay(PixelPoint(x: 100, y: 500))
        #expect(abs(p.x - 90) < 1e-9 && abs(p.y - 50) < 1e-9)
        let back = g.toStored(p)
        #expect(abs(back.x - 100) < 1e-9 && abs(back.y - 500) < 1e-9)
        var canvas = OverlayCompositor.colorize(GrayImage<UInt8>(width: 100, height: 200, repeating: 0))
        OverlayCompositor.drawBox(g.toDisplay(PixelBox(x: 100, y: 500, width: 200, height: 100)), on: &canvas, color: RGBColor(r: 255, g: 0, b: 0))
        #expect(canvas[70, 55] == RGBColor(r: 255, g: 0, b: 0))
        #expect(canvas[80, 55] == RGBColor(grey: 0))
    }

    @Test func detailPreservingDownsampleKeepsASpeck() {
        // One bright pixel in a flat 64x64 field, shrunk 8x: plain averaging dilutes it to 1/64.
        var pixels = [Int32](repeating: 1000, count: 64 * 64)
        pixels[20 * 64 + 37] = 3000
        let image = GrayImage(width: 64, height: 64, pixels: pixels)
        let plain = AreaDownsample.resize(image, to: PixelSize(width: 8, height: 8))
        let kept = AreaDownsample.resizeKeepingDetail(image, to: PixelSize(width: 8, height: 8), detail: 0.5)
        #expect(plain[4, 2] < 1040)
        #expect(kept[4, 2] > 1900)
        // Flat areas are unchanged.
        #expect(abs(kept[0, 0] - 1000) < 1e-3)
    }
}
